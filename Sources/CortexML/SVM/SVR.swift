import Cortex
import Foundation

/// ε-support-vector regression, as scikit-learn's `SVR` (libsvm's ε-SVR).
///
/// Errors smaller than `epsilon` cost nothing; larger ones cost `C` per unit. Solved by the same
/// SMO solver as `SVC` on libsvm's 2l-variable dual, so support vectors and intercept agree with
/// scikit-learn's.
public final class SVR: Regressor, PersistentModel {
    public var C: Double
    /// Half-width of the tube inside which errors are ignored.
    public var epsilon: Double
    public var kernel: SVMKernel
    public var degree: Int
    public var gamma: SVMGamma
    public var coef0: Double
    public var shrinking: Bool
    public var tol: Double
    /// Kernel cache size in megabytes.
    public var cacheSize: Double
    /// A limit on solver iterations; nil for none.
    public var maxIter: Int?

    private var fitted: Fitted?

    struct Fitted: Codable {
        var kernel: KernelFunction
        var supportVectors: DoubleMatrix
        var support: [Int]
        var coefficients: [Double]
        var rho: Double
        var converged: Bool
        var iterations: Int
    }

    public init(C: Double = 1, epsilon: Double = 0.1, kernel: SVMKernel = .rbf, degree: Int = 3, gamma: SVMGamma = .scale,
                coef0: Double = 0, shrinking: Bool = true, tol: Double = 1e-3, cacheSize: Double = 200, maxIter: Int? = nil) {
        self.C = C
        self.epsilon = epsilon
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.shrinking = shrinking
        self.tol = tol
        self.cacheSize = cacheSize
        self.maxIter = maxIter
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try SVMParameters.check(C: C, tol: tol, degree: degree, gamma: gamma, cacheSize: cacheSize, maxIter: maxIter)
        guard epsilon >= 0 else { throw MLError.invalidParameter(name: "epsilon", reason: "must be at least 0, got \(epsilon)") }
        try InputValidation.checkSamplesAndTargets(x, y)
        let data = DoubleMatrix(x), targets = y.scalars.map(Double.init)
        let l = data.rows
        let kernelFunction = KernelFunction(kind: kernel, gamma: gamma.resolved(for: data), degree: degree, coef0: coef0)
        let q = RegressionQMatrix(x: data, kernel: kernelFunction, cacheBytes: SVMParameters.cacheBytes(megabytes: cacheSize))
        let linear = targets.map { epsilon - $0 } + targets.map { epsilon + $0 }
        let labels = [Int8](repeating: 1, count: l) + [Int8](repeating: -1, count: l)
        let solution = SMOSolver.solve(q: q, p: linear, y: labels, upperBounds: [Double](repeating: C, count: 2 * l),
                                       tolerance: tol, shrinking: shrinking, maxIterations: maxIter)
        let coefficients = (0..<l).map { solution.alpha[$0] - solution.alpha[$0 + l] }
        let support = coefficients.indices.filter { coefficients[$0] != 0 }
        fitted = Fitted(kernel: kernelFunction, supportVectors: data.rows(support), support: support,
                        coefficients: support.map { coefficients[$0] }, rho: solution.rho, converged: solution.converged,
                        iterations: solution.iterations)
        return self
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        let fitted = try model()
        let samples = try predictionMatrix(x, features: fitted.supportVectors.columns, model: "SVR")
        let k = fitted.kernel.matrix(samples, fitted.supportVectors)
        return Tensor((0..<samples.rows).map { r in
            var sum = -fitted.rho
            for (s, coefficient) in fitted.coefficients.enumerated() { sum += coefficient * k[r, s] }
            return Float(sum)
        })
    }

    private func model() throws -> Fitted {
        guard let fitted else { throw MLError.notFitted(model: "SVR") }
        return fitted
    }

    public var supportVectors: Tensor? { fitted?.supportVectors.tensor }
    /// Indices of the support vectors in the training data.
    public var support: [Int]? { fitted?.support }
    /// `[1, supports]`: α⁺ − α⁻ of each support vector.
    public var dualCoef: Tensor? { fitted.map { Tensor(shape: [1, $0.coefficients.count], scalars: $0.coefficients.map(Float.init)) } }
    public var intercept: Double? { fitted.map { -$0.rho } }
    /// False when `maxIter` stopped the solver before convergence.
    public var converged: Bool? { fitted?.converged }
    /// SMO iterations (scikit-learn's `n_iter_`).
    public var nIter: Int? { fitted?.iterations }
}
