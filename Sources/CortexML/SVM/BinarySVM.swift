import Foundation

/// The settings shared by every two-class problem an SVC or SVR solves.
struct SVMTrainingOptions {
    var kernel: KernelFunction
    var tolerance: Double
    var shrinking: Bool
    var maxIterations: Int?
    var cacheBytes: Int

    /// Solves the C-SVC dual for labels ±1 with per-label bounds; returns the coefficients
    /// α_i y_i (zero for non-support vectors), ρ and the solver's iterations.
    func solveClassification(_ x: DoubleMatrix, labels: [Int8], cPositive: Double, cNegative: Double)
        -> (coefficients: [Double], rho: Double, converged: Bool, iterations: Int) {
        let q = ClassificationQMatrix(x: x, labels: labels, kernel: kernel, cacheBytes: cacheBytes)
        let solution = SMOSolver.solve(q: q, p: [Double](repeating: -1, count: x.rows), y: labels,
                                       upperBounds: labels.map { $0 == 1 ? cPositive : cNegative },
                                       tolerance: tolerance, shrinking: shrinking, maxIterations: maxIterations)
        return (zip(solution.alpha, labels).map { $0 * Double($1) }, solution.rho, solution.converged, solution.iterations)
    }

    /// Σ coef_i K(x, x_i) − ρ for each row of `x`, over the samples whose coefficient is nonzero.
    func decisionValues(_ x: DoubleMatrix, trainedOn train: DoubleMatrix, coefficients: [Double], rho: Double) -> [Double] {
        let support = coefficients.indices.filter { coefficients[$0] != 0 }
        let k = kernel.matrix(x, train.rows(support))
        return (0..<x.rows).map { r in
            var sum = -rho
            for (s, index) in support.enumerated() { sum += coefficients[index] * k[r, s] }
            return sum
        }
    }
}
