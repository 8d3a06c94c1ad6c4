import Cortex
import Foundation

/// L2-regularised logistic regression, as scikit-learn's `LogisticRegression` (lbfgs solver).
///
/// Two classes: one weight vector and the binomial loss. More classes: one weight vector per
/// class and the multinomial (softmax) loss. The objective is scikit-learn's, the mean log-loss
/// plus ‖W‖² / (2·C·samples), intercepts unpenalised, minimised by L-BFGS from zero with the
/// same stopping rule (largest gradient entry ≤ `tol`, at most `maxIter` iterations).
public final class LogisticRegression: Classifier, PersistentModel {
    public enum Penalty: String, Codable, Sendable {
        case l2
        /// No regularisation (may not converge on separable data).
        case none
    }

    public var penalty: Penalty
    /// Inverse regularisation strength.
    public var C: Double
    public var tol: Double
    public var fitIntercept: Bool
    public var maxIter: Int
    public var classWeight: ClassWeight?

    public private(set) var classes: [Float] = []
    /// The L-BFGS iterations used; equal to `maxIter` when it stopped before converging.
    public private(set) var nIter: Int?
    private var weights: DoubleMatrix?
    private var bias: [Double] = []

    /// `[1, features]` for two classes (for `classes[1]`), else `[classes, features]`.
    public var coef: Tensor? { weights?.tensor }
    public var intercept: [Double]? { weights == nil ? nil : bias }

    public init(penalty: Penalty = .l2, C: Double = 1, tol: Double = 1e-4, fitIntercept: Bool = true, maxIter: Int = 100,
                classWeight: ClassWeight? = nil) {
        self.penalty = penalty
        self.C = C
        self.tol = tol
        self.fitIntercept = fitIntercept
        self.maxIter = maxIter
        self.classWeight = classWeight
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try MLError.requirePositive(C, name: "C")
        try MLError.requirePositive(tol, name: "tol")
        try MLError.requireAtLeastOne(maxIter, name: "maxIter")
        let data = try ClassificationData(x, y)
        let classWeights = try data.weights(classWeight)
        let sampleWeights = data.classIndex.map { classWeights[$0] }
        let loss = SoftmaxLoss(x: data.x, classIndex: data.classIndex, classCount: data.classes.count,
                               sampleWeights: sampleWeights, l2: penalty == .l2 ? 1 / (C * sampleWeights.reduce(0, +)) : 0,
                               fitIntercept: fitIntercept)
        let result = LBFGS.minimize(from: [Double](repeating: 0, count: loss.parameterCount), tolerance: tol,
                                    maxIterations: maxIter, loss.evaluate)
        (weights, bias) = loss.unpack(result.x)
        nIter = result.iterations
        classes = data.classes
        return self
    }

    private func scores(_ x: Tensor) throws -> DoubleMatrix {
        let samples = try predictionMatrix(x, features: weights?.columns, model: "LogisticRegression")
        return LinearScores.compute(samples, weights: weights!, bias: bias)
    }

    /// `[samples]` log-odds of `classes[1]` for two classes, else `[samples, classes]` scores.
    public func decisionFunction(_ x: Tensor) throws -> Tensor {
        let values = try scores(x)
        return values.columns == 1 ? Tensor(values.values.map(Float.init)) : values.tensor
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        let values = try scores(x)
        if values.columns == 1 { return Tensor(values.values.map { classes[$0 > 0 ? 1 : 0] }) }
        return argmaxLabels(values, classes: classes)
    }

    public func predictProba(_ x: Tensor) throws -> Tensor {
        let values = try scores(x)
        var probabilities = [Float]()
        probabilities.reserveCapacity(values.rows * classes.count)
        for r in 0..<values.rows {
            if values.columns == 1 {
                let p = 1 / (1 + exp(-values[r, 0]))
                probabilities += [Float(1 - p), Float(p)]
            } else {
                let row = (0..<values.columns).map { values[r, $0] }
                let top = row.max()!
                let exps = row.map { exp($0 - top) }
                let total = exps.reduce(0, +)
                probabilities += exps.map { Float($0 / total) }
            }
        }
        return Tensor(shape: [values.rows, classes.count], scalars: probabilities)
    }

    /// `log(predictProba)`.
    public func predictLogProba(_ x: Tensor) throws -> Tensor {
        Tensor(shape: [x.shape[0], classes.count], scalars: try predictProba(x).scalars.map { log($0) })
    }
}

/// The weighted mean log-loss of a linear model plus an L2 term, with its gradient: binomial
/// for two classes (one column), multinomial otherwise. Parameters are W row by row, then b.
struct SoftmaxLoss {
    let x: DoubleMatrix
    let classIndex: [Int]
    let sampleWeights: [Double]
    let weightSum: Double
    let l2: Double
    let fitIntercept: Bool
    /// Columns of W: 1 for the binomial loss.
    let outputs: Int

    init(x: DoubleMatrix, classIndex: [Int], classCount: Int, sampleWeights: [Double], l2: Double, fitIntercept: Bool) {
        self.x = x
        self.classIndex = classIndex
        self.sampleWeights = sampleWeights
        weightSum = sampleWeights.reduce(0, +)
        self.l2 = l2
        self.fitIntercept = fitIntercept
        outputs = classCount == 2 ? 1 : classCount
    }

    var parameterCount: Int { outputs * x.columns + (fitIntercept ? outputs : 0) }

    func unpack(_ parameters: [Double]) -> (DoubleMatrix, [Double]) {
        let d = x.columns
        let w = DoubleMatrix(rows: outputs, columns: d, values: Array(parameters[..<(outputs * d)]))
        return (w, fitIntercept ? Array(parameters[(outputs * d)...]) : [Double](repeating: 0, count: outputs))
    }

    func evaluate(_ parameters: [Double], _ gradient: inout [Double]) -> Double {
        let n = x.rows, d = x.columns, k = outputs
        let (w, b) = unpack(parameters)
        var z = LinearScores.compute(x, weights: w, bias: b)
        var loss = 0.0
        for i in 0..<n {
            let weight = sampleWeights[i] / weightSum
            if k == 1 {
                let value = z[i, 0], target = classIndex[i] == 1 ? 1.0 : 0.0
                loss += weight * ((value > 0 ? value + log1p(exp(-value)) : log1p(exp(value))) - target * value)
                z[i, 0] = weight * (1 / (1 + exp(-value)) - target)
            } else {
                var top = -Double.infinity
                for c in 0..<k { top = max(top, z[i, c]) }
                var total = 0.0
                for c in 0..<k { total += exp(z[i, c] - top) }
                loss += weight * (top + log(total) - z[i, classIndex[i]])
                for c in 0..<k { z[i, c] = weight * (exp(z[i, c] - top) / total - (c == classIndex[i] ? 1 : 0)) }
            }
        }
        for i in gradient.indices { gradient[i] = 0 }
        gradient.withUnsafeMutableBufferPointer { g in
            z.values.withUnsafeBufferPointer { r in
                x.values.withUnsafeBufferPointer { xv in
                    BLAS.dgemm(transposeA: true, transposeB: false, m: k, n: d, k: n, a: r.baseAddress!, lda: k,
                                    b: xv.baseAddress!, ldb: d, c: g.baseAddress!, ldc: d)
                }
            }
        }
        var penalty = 0.0
        for i in 0..<(k * d) {
            penalty += parameters[i] * parameters[i]
            gradient[i] += l2 * parameters[i]
        }
        if fitIntercept {
            for i in 0..<n {
                for c in 0..<k { gradient[k * d + c] += z[i, c] }
            }
        }
        return loss + 0.5 * l2 * penalty
    }
}
