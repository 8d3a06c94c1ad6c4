import Cortex
import CortexData
import Foundation

/// A linear support-vector classifier, as scikit-learn's `LinearSVC` (liblinear).
///
/// One machine per class against the rest (a single one for two classes). Like scikit-learn's
/// `dual="auto"`, the primal problem is solved when there are more samples than features (by
/// liblinear's trust-region Newton method) and liblinear's dual coordinate descent (Hsieh et al. 2008) otherwise, or for the hinge loss. The intercept is learned
/// as the weight of an extra constant feature `interceptScaling`, and so is regularised, as in
/// liblinear. The primal problem is strongly convex, so the weights agree with scikit-learn's
/// to the tolerance whichever solver it picked.
public final class LinearSVC: Classifier, PersistentModel {
    public enum Loss: String, Codable, Sendable {
        /// max(0, 1 − y f)
        case hinge
        /// max(0, 1 − y f)²: scikit-learn's default.
        case squaredHinge
    }

    public var C: Double
    public var loss: Loss
    /// Solve the dual (true) or the primal (false); nil picks as scikit-learn's `dual="auto"`.
    public var dual: Bool?
    /// Stopping tolerance on the projected-gradient spread.
    public var tol: Double
    public var fitIntercept: Bool
    /// The value of the constant feature whose weight is the intercept.
    public var interceptScaling: Double
    public var classWeight: ClassWeight?
    /// The most passes over the data per class.
    public var maxIter: Int
    /// Seeds the order in which coordinates are visited.
    public var randomState: UInt32?

    public private(set) var classes: [Float] = []
    /// The passes each machine needed; equal to `maxIter` when it stopped before converging.
    public private(set) var nIter: [Int]?
    private var weights: DoubleMatrix?
    private var bias: [Double] = []

    /// `[machines, features]`: one row per class (one row for two classes, for `classes[1]`).
    public var coef: Tensor? { weights?.tensor }
    public var intercept: [Double]? { weights == nil ? nil : bias }

    public init(C: Double = 1, loss: Loss = .squaredHinge, dual: Bool? = nil, tol: Double = 1e-4, fitIntercept: Bool = true,
                interceptScaling: Double = 1, classWeight: ClassWeight? = nil, maxIter: Int = 1000, randomState: UInt32? = nil) {
        self.C = C
        self.loss = loss
        self.dual = dual
        self.tol = tol
        self.fitIntercept = fitIntercept
        self.interceptScaling = interceptScaling
        self.classWeight = classWeight
        self.maxIter = maxIter
        self.randomState = randomState
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try MLError.requirePositive(C, name: "C")
        try MLError.requirePositive(tol, name: "tol")
        try MLError.requireAtLeastOne(maxIter, name: "maxIter")
        guard interceptScaling > 0 else {
            throw MLError.invalidParameter(name: "interceptScaling", reason: "must be positive, got \(interceptScaling)")
        }
        let data = try ClassificationData(x, y)
        let classWeights = try data.weights(classWeight)
        let d = data.x.columns, width = d + (fitIntercept ? 1 : 0)
        var augmented = DoubleMatrix(rows: data.x.rows, columns: width)
        for r in 0..<data.x.rows {
            for c in 0..<d { augmented[r, c] = data.x[r, c] }
            if fitIntercept { augmented[r, d] = interceptScaling }
        }
        if dual == false && loss == .hinge {
            throw MLError.invalidParameter(name: "dual", reason: "the hinge loss is only solved in the dual; use dual: true or nil")
        }
        let useDual = dual ?? (loss == .hinge || data.x.rows < data.x.columns)
        let k = data.classes.count
        let machines = k == 2 ? [1] : Array(0..<k)
        let seed = randomState ?? UInt32(truncatingIfNeeded: Random.nextSeed())
        var solutions = [(w: [Double], iterations: Int)](repeating: ([], 0), count: machines.count)
        solutions.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: machines.count) { m in
                let positive = machines[m]
                let labels = data.classIndex.map { $0 == positive ? 1.0 : -1.0 }
                let cNegative = k == 2 ? C * classWeights[0] : C
                if useDual {
                    var generator = LegacyMersenneTwister(seed: seed &+ UInt32(m))
                    out[m] = DualCoordinateDescent.solve(augmented, labels: labels, cPositive: C * classWeights[positive],
                                                         cNegative: cNegative, squaredHinge: loss == .squaredHinge,
                                                         tolerance: tol, maxIterations: maxIter, generator: &generator)
                } else {
                    out[m] = TrustRegionNewton.solveSquaredHinge(augmented, labels: labels, cPositive: C * classWeights[positive],
                                                                 cNegative: cNegative, tolerance: tol, maxIterations: maxIter)
                }
            }
        }
        var w = DoubleMatrix(rows: machines.count, columns: d)
        for (m, solution) in solutions.enumerated() {
            for c in 0..<d { w[m, c] = solution.w[c] }
        }
        bias = solutions.map { fitIntercept ? $0.w[d] * interceptScaling : 0 }
        weights = w
        classes = data.classes
        nIter = solutions.map(\.iterations)
        return self
    }

    /// `[samples]` signed distances for two classes (positive means `classes[1]`), else
    /// `[samples, classes]` one-vs-rest scores.
    public func decisionFunction(_ x: Tensor) throws -> Tensor {
        let scores = try rawScores(x)
        return scores.columns == 1 ? Tensor(scores.values.map(Float.init)) : scores.tensor
    }

    private func rawScores(_ x: Tensor) throws -> DoubleMatrix {
        let samples = try predictionMatrix(x, features: weights?.columns, model: "LinearSVC")
        return LinearScores.compute(samples, weights: weights!, bias: bias)
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        let scores = try rawScores(x)
        if scores.columns == 1 { return Tensor((0..<scores.rows).map { classes[scores[$0, 0] > 0 ? 1 : 0] }) }
        return argmaxLabels(scores, classes: classes)
    }

    /// A linear SVM has no probabilities; this always throws (use `LogisticRegression` or
    /// `SVC(probability: true)`).
    public func predictProba(_ x: Tensor) throws -> Tensor {
        throw MLError.invalidParameter(name: "predictProba", reason: "LinearSVC gives no probabilities; use decisionFunction, LogisticRegression or SVC(probability: true)")
    }
}

/// x Wᵀ + b for a fitted linear model.
enum LinearScores {
    static func compute(_ x: DoubleMatrix, weights: DoubleMatrix, bias: [Double]) -> DoubleMatrix {
        var scores = DoubleMatrix.rowDots(x, weights)
        for r in 0..<scores.rows {
            for c in 0..<scores.columns { scores[r, c] += bias[c] }
        }
        return scores
    }
}

/// liblinear's dual coordinate descent for L2-regularised L1- or L2-loss SVMs
/// (`solve_l2r_l1l2_svc`).
enum DualCoordinateDescent {
    static func solve(_ x: DoubleMatrix, labels y: [Double], cPositive: Double, cNegative: Double, squaredHinge: Bool,
                      tolerance: Double, maxIterations: Int, generator: inout LegacyMersenneTwister) -> (w: [Double], iterations: Int) {
        let l = x.rows, d = x.columns
        let diagonal = squaredHinge ? [0.5 / cNegative, 0.5 / cPositive] : [0, 0]
        let upper = squaredHinge ? [Double.infinity, .infinity] : [cNegative, cPositive]
        var w = [Double](repeating: 0, count: d)
        var alpha = [Double](repeating: 0, count: l)
        let norms = x.rowSquaredNorms()
        var index = Array(0..<l)
        var activeSize = l
        var projectedMaxOld = Double.infinity, projectedMinOld = -Double.infinity
        var iteration = 0
        x.values.withUnsafeBufferPointer { xv in
            w.withUnsafeMutableBufferPointer { wv in
                while iteration < maxIterations {
                    var projectedMax = -Double.infinity, projectedMin = Double.infinity
                    for i in 0..<activeSize { index.swapAt(i, i + generator.nextInt(upTo: activeSize - i - 1)) }
                    var s = 0
                    while s < activeSize {
                        let i = index[s], yi = y[i], group = yi > 0 ? 1 : 0
                        let row = xv.baseAddress! + i * d
                        var dot = 0.0
                        for c in 0..<d { dot += wv[c] * row[c] }
                        let g = yi * dot - 1 + alpha[i] * diagonal[group]
                        let c = upper[group]
                        var projected = 0.0
                        if alpha[i] == 0 {
                            if g > projectedMaxOld {
                                activeSize -= 1
                                index.swapAt(s, activeSize)
                                continue
                            } else if g < 0 { projected = g }
                        } else if alpha[i] == c {
                            if g < projectedMinOld {
                                activeSize -= 1
                                index.swapAt(s, activeSize)
                                continue
                            } else if g > 0 { projected = g }
                        } else {
                            projected = g
                        }
                        projectedMax = max(projectedMax, projected)
                        projectedMin = min(projectedMin, projected)
                        if abs(projected) > 1e-12 {
                            let old = alpha[i]
                            alpha[i] = min(max(alpha[i] - g / (norms[i] + diagonal[group]), 0), c)
                            let step = (alpha[i] - old) * yi
                            for c in 0..<d { wv[c] += step * row[c] }
                        }
                        s += 1
                    }
                    iteration += 1
                    if projectedMax - projectedMin <= tolerance {
                        if activeSize == l { break }
                        activeSize = l
                        projectedMaxOld = .infinity
                        projectedMinOld = -.infinity
                        continue
                    }
                    projectedMaxOld = projectedMax <= 0 ? .infinity : projectedMax
                    projectedMinOld = projectedMin >= 0 ? -.infinity : projectedMin
                }
            }
        }
        return (w, iteration)
    }
}
