import Cortex
import CortexData
import Foundation

/// A kernel support-vector classifier, as scikit-learn's `SVC` (libsvm's C-SVC).
///
/// Each pair of classes gets its own two-class machine (one-vs-one), solved by libsvm's SMO
/// algorithm, so support vectors, dual coefficients and intercepts agree with scikit-learn's to
/// the solver tolerance. The pairs are independent and are solved on all cores. `predict` takes
/// libsvm's majority vote over the pairs; `decisionFunction` gives scikit-learn's one-vs-rest
/// shaped scores by default.
///
/// ```swift
/// let model = try SVC(C: 1, kernel: .rbf).fit(xTrain, yTrain)
/// let accuracy = try model.score(xTest, yTest)
/// ```
public final class SVC: Classifier, PersistentModel {
    /// The layout of `decisionFunction` for more than two classes.
    public enum DecisionFunctionShape: String, Codable, Sendable {
        /// `[samples, classes]`: votes plus a bounded confidence, like a one-vs-rest score.
        case ovr
        /// `[samples, classes·(classes−1)/2]`: the raw value of each pair (0,1), (0,2), ….
        case ovo
    }

    /// Inverse regularisation strength: the penalty for each margin violation.
    public var C: Double
    public var kernel: SVMKernel
    /// Degree of the polynomial kernel.
    public var degree: Int
    public var gamma: SVMGamma
    /// The constant of the polynomial and sigmoid kernels.
    public var coef0: Double
    /// Drop variables stuck at a bound from the working set (faster, same solution).
    public var shrinking: Bool
    /// Fit Platt sigmoids by internal 5-fold cross-validation so `predictProba` works (slower fit).
    public var probability: Bool
    /// Stopping tolerance on the maximal violation of the optimality conditions.
    public var tol: Double
    /// Kernel cache size in megabytes.
    public var cacheSize: Double
    /// Multiplies C per class.
    public var classWeight: ClassWeight?
    /// A limit on solver iterations per pair; nil for none.
    public var maxIter: Int?
    public var decisionFunctionShape: DecisionFunctionShape
    /// Seeds the cross-validation folds of the probability calibration.
    public var randomState: UInt32?

    public private(set) var classes: [Float] = []
    private var fitted: OneVsOneSVM?

    public init(C: Double = 1, kernel: SVMKernel = .rbf, degree: Int = 3, gamma: SVMGamma = .scale, coef0: Double = 0,
                shrinking: Bool = true, probability: Bool = false, tol: Double = 1e-3, cacheSize: Double = 200,
                classWeight: ClassWeight? = nil, maxIter: Int? = nil, decisionFunctionShape: DecisionFunctionShape = .ovr,
                randomState: UInt32? = nil) {
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.shrinking = shrinking
        self.probability = probability
        self.tol = tol
        self.cacheSize = cacheSize
        self.classWeight = classWeight
        self.maxIter = maxIter
        self.decisionFunctionShape = decisionFunctionShape
        self.randomState = randomState
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try SVMParameters.check(C: C, tol: tol, degree: degree, gamma: gamma, cacheSize: cacheSize, maxIter: maxIter)
        let data = try ClassificationData(x, y)
        let weights = try data.weights(classWeight)
        let options = SVMTrainingOptions(kernel: KernelFunction(kind: kernel, gamma: gamma.resolved(for: data.x), degree: degree, coef0: coef0),
                                         tolerance: tol, shrinking: shrinking, maxIterations: maxIter,
                                         cacheBytes: SVMParameters.cacheBytes(megabytes: cacheSize))
        let seed = randomState ?? UInt32(truncatingIfNeeded: Random.nextSeed())
        fitted = OneVsOneSVM.fit(data, costs: weights.map { C * $0 }, options: options, probability: probability, seed: seed)
        classes = data.classes
        return self
    }

    private func model() throws -> OneVsOneSVM {
        guard let fitted else { throw MLError.notFitted(model: "SVC") }
        return fitted
    }

    private func decisions(_ x: Tensor) throws -> DoubleMatrix {
        let model = try model()
        return model.pairwiseDecisions(try predictionMatrix(x, features: model.supportVectors.columns, model: "SVC"))
    }

    /// The class with the most pairwise votes (ties to the lower class, as libsvm).
    public func predict(_ x: Tensor) throws -> Tensor {
        let values = try decisions(x)
        let k = classes.count
        return Tensor((0..<values.rows).map { r in
            var votes = [Int](repeating: 0, count: k)
            var pair = 0
            for i in 0..<k {
                for j in (i + 1)..<k {
                    votes[values[r, pair] > 0 ? i : j] += 1
                    pair += 1
                }
            }
            return classes[votes.indices.max { votes[$0] < votes[$1] || (votes[$0] == votes[$1] && $0 > $1) }!]
        })
    }

    /// Signed distances to the decision boundaries: `[samples]` for two classes (positive
    /// means `classes[1]`), otherwise shaped by `decisionFunctionShape`.
    public func decisionFunction(_ x: Tensor) throws -> Tensor {
        let values = try decisions(x)
        let k = classes.count
        if k == 2 { return Tensor((0..<values.rows).map { Float(-values[$0, 0]) }) }
        if decisionFunctionShape == .ovo { return values.tensor }
        var scores = DoubleMatrix(rows: values.rows, columns: k)
        for r in 0..<values.rows {
            var votes = [Double](repeating: 0, count: k), confidences = [Double](repeating: 0, count: k)
            var pair = 0
            for i in 0..<k {
                for j in (i + 1)..<k {
                    let value = values[r, pair]
                    confidences[i] += value
                    confidences[j] -= value
                    votes[value >= 0 ? i : j] += 1
                    pair += 1
                }
            }
            for c in 0..<k { scores[r, c] = votes[c] + confidences[c] / (3 * (abs(confidences[c]) + 1)) }
        }
        return scores.tensor
    }

    /// Class probabilities from Platt-scaled pairwise decisions coupled into one distribution.
    /// Needs `probability: true` at fit time; they may disagree with `predict` near boundaries.
    public func predictProba(_ x: Tensor) throws -> Tensor {
        let model = try model()
        guard let sigmoids = model.sigmoids else {
            throw MLError.invalidParameter(name: "probability", reason: "predictProba needs SVC(probability: true) when fitting")
        }
        let values = try decisions(x)
        let k = classes.count, minimum = 1e-7
        var result = [Float]()
        result.reserveCapacity(values.rows * k)
        for r in 0..<values.rows {
            var pairwise = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            var pair = 0
            for i in 0..<k {
                for j in (i + 1)..<k {
                    let p = PlattScaling.sigmoid(values[r, pair], a: sigmoids[pair].a, b: sigmoids[pair].b)
                    pairwise[i][j] = min(max(p, minimum), 1 - minimum)
                    pairwise[j][i] = 1 - pairwise[i][j]
                    pair += 1
                }
            }
            result += PlattScaling.couple(pairwise).map(Float.init)
        }
        return Tensor(shape: [values.rows, k], scalars: result)
    }

    /// `[supports, features]`, grouped by class in class order.
    public var supportVectors: Tensor? { fitted?.supportVectors.tensor }
    /// Indices of the support vectors in the training data.
    public var support: [Int]? { fitted?.support }
    /// The number of support vectors of each class.
    public var nSupport: [Int]? { fitted?.nSupport }
    /// `[classes − 1, supports]`: α·y of each support vector in the pairs of its class, in
    /// libsvm's layout (scikit-learn's `dual_coef_`, negated for two classes as it does).
    public var dualCoef: Tensor? {
        guard let fitted else { return nil }
        return classes.count == 2 ? Tensor(shape: [1, fitted.coefficients.columns], scalars: fitted.coefficients.values.map { Float(-$0) })
                                  : fitted.coefficients.tensor
    }
    /// One intercept per pair (−ρ; ρ for two classes, as scikit-learn).
    public var intercept: [Double]? {
        guard let fitted else { return nil }
        return classes.count == 2 ? fitted.rho : fitted.rho.map { -$0 }
    }
    /// The primal weights `[pairs, features]` of a linear kernel; nil for other kernels.
    public var coef: Tensor? {
        guard let fitted, kernel == .linear else { return nil }
        let weights = fitted.primalWeights()
        return classes.count == 2 ? Tensor(shape: [1, weights.columns], scalars: weights.values.map { Float(-$0) }) : weights.tensor
    }
    /// Platt's (A, B) per pair when fitted with `probability: true`.
    public var probA: [Double]? { fitted?.sigmoids?.map(\.a) }
    public var probB: [Double]? { fitted?.sigmoids?.map(\.b) }
    /// False when `maxIter` stopped a pair's solver before convergence.
    public var converged: Bool? { fitted?.converged }
    /// SMO iterations of each pair's solver (scikit-learn's `n_iter_`).
    public var nIter: [Int]? { fitted?.iterations }
}

/// The fitted state of a one-vs-one SVC in libsvm's layout.
struct OneVsOneSVM: Codable {
    struct Sigmoid: Codable { var a: Double; var b: Double }

    var kernel: KernelFunction
    var classCount: Int
    var supportVectors: DoubleMatrix
    var support: [Int]
    var nSupport: [Int]
    /// `[classCount − 1, supports]`: for pair (i, j), row j−1 holds the coefficients of class i's
    /// support vectors and row i those of class j's.
    var coefficients: DoubleMatrix
    var rho: [Double]
    var sigmoids: [Sigmoid]?
    var converged: Bool
    var iterations: [Int]

    var pairs: [(Int, Int)] {
        (0..<classCount).flatMap { i in ((i + 1)..<classCount).map { (i, $0) } }
    }

    static func fit(_ data: ClassificationData, costs: [Double], options: SVMTrainingOptions,
                    probability: Bool, seed: UInt32) -> OneVsOneSVM {
        let k = data.classes.count
        let members = (0..<k).map { c in data.classIndex.indices.filter { data.classIndex[$0] == c } }
        let pairs = (0..<k).flatMap { i in ((i + 1)..<k).map { (i, $0) } }
        var perPairOptions = options
        perPairOptions.cacheBytes = max(options.cacheBytes / min(pairs.count, Parallelism.threadCount), 1 << 20)
        var results = [(coefficients: [Double], rho: Double, converged: Bool, iterations: Int, sigmoid: Sigmoid?)](
            repeating: ([], 0, true, 0, nil), count: pairs.count)
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: pairs.count) { p in
                let (i, j) = pairs[p]
                let x = data.x.rows(members[i] + members[j])
                let labels = [Int8](repeating: 1, count: members[i].count) + [Int8](repeating: -1, count: members[j].count)
                var sigmoid: Sigmoid?
                if probability {
                    var generator = LegacyMersenneTwister(seed: seed &+ UInt32(p))
                    let (a, b) = PlattScaling.crossValidatedSigmoid(x, labels: labels, cPositive: costs[i], cNegative: costs[j],
                                                                    options: perPairOptions, generator: &generator)
                    sigmoid = Sigmoid(a: a, b: b)
                }
                let solved = perPairOptions.solveClassification(x, labels: labels, cPositive: costs[i], cNegative: costs[j])
                out[p] = (solved.coefficients, solved.rho, solved.converged, solved.iterations, sigmoid)
            }
        }
        var isSupport = [Bool](repeating: false, count: data.x.rows)
        for (p, (i, j)) in pairs.enumerated() {
            for (position, sample) in (members[i] + members[j]).enumerated() where results[p].coefficients[position] != 0 {
                isSupport[sample] = true
            }
        }
        let supportPerClass = members.map { $0.filter { isSupport[$0] } }
        let support = supportPerClass.flatMap { $0 }
        let column = Dictionary(uniqueKeysWithValues: support.enumerated().map { ($1, $0) })
        var coefficients = DoubleMatrix(rows: max(k - 1, 1), columns: support.count)
        for (p, (i, j)) in pairs.enumerated() {
            for (position, sample) in (members[i] + members[j]).enumerated() {
                guard let c = column[sample] else { continue }
                coefficients[position < members[i].count ? j - 1 : i, c] = results[p].coefficients[position]
            }
        }
        return OneVsOneSVM(kernel: options.kernel, classCount: k, supportVectors: data.x.rows(support), support: support,
                           nSupport: supportPerClass.map(\.count), coefficients: coefficients, rho: results.map(\.rho),
                           sigmoids: probability ? results.map { $0.sigmoid! } : nil,
                           converged: results.allSatisfy(\.converged), iterations: results.map(\.iterations))
    }

    /// `[samples, pairs]` raw libsvm decision values; positive favours the pair's first class.
    func pairwiseDecisions(_ x: DoubleMatrix) -> DoubleMatrix {
        let k = kernel.matrix(x, supportVectors)
        let starts = nSupport.indices.map { c in nSupport[..<c].reduce(0, +) }
        var result = DoubleMatrix(rows: x.rows, columns: pairs.count)
        for (p, (i, j)) in pairs.enumerated() {
            for r in 0..<x.rows {
                var sum = -rho[p]
                for s in starts[i]..<(starts[i] + nSupport[i]) { sum += coefficients[j - 1, s] * k[r, s] }
                for s in starts[j]..<(starts[j] + nSupport[j]) { sum += coefficients[i, s] * k[r, s] }
                result[r, p] = sum
            }
        }
        return result
    }

    /// w = Σ coef_s x_s per pair, for a linear kernel.
    func primalWeights() -> DoubleMatrix {
        let starts = nSupport.indices.map { c in nSupport[..<c].reduce(0, +) }
        var weights = DoubleMatrix(rows: pairs.count, columns: supportVectors.columns)
        for (p, (i, j)) in pairs.enumerated() {
            for (row, range) in [(j - 1, starts[i]..<(starts[i] + nSupport[i])), (i, starts[j]..<(starts[j] + nSupport[j]))] {
                for s in range {
                    for f in 0..<supportVectors.columns { weights[p, f] += coefficients[row, s] * supportVectors[s, f] }
                }
            }
        }
        return weights
    }
}

/// Range checks shared by the kernel machines.
enum SVMParameters {
    static func check(C: Double, tol: Double, degree: Int, gamma: SVMGamma, cacheSize: Double, maxIter: Int?) throws {
        try MLError.requirePositive(C, name: "C")
        try MLError.requirePositive(tol, name: "tol")
        guard degree >= 0 else { throw MLError.invalidParameter(name: "degree", reason: "must be at least 0, got \(degree)") }
        if case .value(let value) = gamma, !(value > 0 && value.isFinite) {
            throw MLError.invalidParameter(name: "gamma", reason: "must be positive, got \(value)")
        }
        try MLError.requirePositive(cacheSize, name: "cacheSize")
        if let maxIter, maxIter < 1 { throw MLError.invalidParameter(name: "maxIter", reason: "must be at least 1 (nil for no limit), got \(maxIter)") }
    }

    static func cacheBytes(megabytes: Double) -> Int { Int(megabytes * 1_048_576) }
}
