import Cortex
/// liblinear's trust-region Newton method (Lin, Weng and Keerthi 2008) for the primal
/// L2-regularised squared-hinge SVM, ½‖w‖² + Σ C_i max(0, 1 − y_i wᵀx_i)²: conjugate-gradient
/// steps inside a trust region, Hessian–vector products over the margin violators only.
/// Stops when ‖∇f‖ ≤ tolerance · ‖∇f(0)‖, with liblinear's class-balance scaling of the tolerance.
enum TrustRegionNewton {
    static func solveSquaredHinge(_ x: DoubleMatrix, labels y: [Double], cPositive: Double, cNegative: Double,
                                  tolerance: Double, maxIterations: Int) -> (w: [Double], iterations: Int) {
        let positives = y.filter { $0 > 0 }.count
        let problem = SquaredHingeProblem(x: x, y: y, costs: y.map { $0 > 0 ? cPositive : cNegative })
        return minimize(problem, tolerance: tolerance * Double(max(min(positives, y.count - positives), 1)) / Double(y.count),
                        maxIterations: maxIterations)
    }

    private static func minimize(_ problem: SquaredHingeProblem, tolerance: Double, maxIterations: Int) -> (w: [Double], iterations: Int) {
        let (eta0, eta1, eta2) = (1e-4, 0.25, 0.75)
        let (sigma1, sigma2, sigma3) = (0.25, 0.5, 4.0)
        var w = [Double](repeating: 0, count: problem.x.columns)
        var f = problem.value(w)
        var g = problem.gradient(w)
        var delta = LBFGS.norm(g)
        let gnorm0 = delta
        var iteration = 1
        guard gnorm0 > 0 else { return (w, 0) }
        while iteration <= maxIterations {
            let (s, r) = conjugateGradient(problem, delta: delta, gradient: g)
            let candidate = zip(w, s).map { $0 + $1 }
            let gs = LBFGS.dot(g, s)
            let predicted = -0.5 * (gs - LBFGS.dot(s, r))
            let fNew = problem.value(candidate)
            let actual = f - fNew
            let sNorm = LBFGS.norm(s)
            if iteration == 1 { delta = min(delta, sNorm) }
            let alpha = fNew - f - gs <= 0 ? sigma3 : max(sigma1, -0.5 * (gs / (fNew - f - gs)))
            if actual < eta0 * predicted {
                delta = min(max(alpha, sigma1) * sNorm, sigma2 * delta)
            } else if actual < eta1 * predicted {
                delta = max(sigma1 * delta, min(alpha * sNorm, sigma2 * delta))
            } else if actual < eta2 * predicted {
                delta = max(sigma1 * delta, min(alpha * sNorm, sigma3 * delta))
            } else {
                delta = max(delta, min(alpha * sNorm, sigma3 * delta))
            }
            if actual > eta0 * predicted {
                iteration += 1
                w = candidate
                f = fNew
                g = problem.gradient(w)
                if LBFGS.norm(g) <= tolerance * gnorm0 { break }
            } else {
                problem.value(w)
            }
            if abs(actual) <= 0 && predicted <= 0 { break }
            if abs(actual) <= 1e-12 * abs(f) && abs(predicted) <= 1e-12 * abs(f) { break }
        }
        return (w, min(iteration, maxIterations))
    }

    /// Approximately solves H s = −g with ‖s‖ ≤ delta; returns s and the residual r = −g − H s.
    private static func conjugateGradient(_ problem: SquaredHingeProblem, delta: Double, gradient g: [Double]) -> ([Double], [Double]) {
        let n = g.count
        var s = [Double](repeating: 0, count: n)
        var r = g.map { -$0 }
        var d = r
        let cgTolerance = 0.1 * LBFGS.norm(g)
        var rTr = LBFGS.dot(r, r)
        while rTr.squareRoot() > cgTolerance {
            let hd = problem.hessianTimes(d)
            var alpha = rTr / LBFGS.dot(d, hd)
            for i in 0..<n { s[i] += alpha * d[i] }
            if LBFGS.norm(s) > delta {
                for i in 0..<n { s[i] -= alpha * d[i] }
                let std = LBFGS.dot(s, d), sts = LBFGS.dot(s, s), dtd = LBFGS.dot(d, d), dsq = delta * delta
                let rad = (std * std + dtd * (dsq - sts)).squareRoot()
                alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd
                for i in 0..<n {
                    s[i] += alpha * d[i]
                    r[i] -= alpha * hd[i]
                }
                break
            }
            for i in 0..<n { r[i] -= alpha * hd[i] }
            let rNew = LBFGS.dot(r, r)
            let beta = rNew / rTr
            for i in 0..<n { d[i] = r[i] + beta * d[i] }
            rTr = rNew
        }
        return (s, r)
    }
}

/// The squared-hinge primal with the margin violators of the last `value` call remembered for
/// the gradient and Hessian products.
private final class SquaredHingeProblem {
    let x: DoubleMatrix
    let y: [Double]
    let costs: [Double]
    private var margins: [Double]
    private var violators: [Int] = []

    init(x: DoubleMatrix, y: [Double], costs: [Double]) {
        self.x = x
        self.y = y
        self.costs = costs
        margins = [Double](repeating: 0, count: x.rows)
    }

    /// X v over all samples.
    private func products(_ v: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: x.rows)
        x.values.withUnsafeBufferPointer { xv in
            v.withUnsafeBufferPointer { vv in
                out.withUnsafeMutableBufferPointer { o in
                    BLAS.dgemv(rows: x.rows, columns: x.columns, a: xv.baseAddress!, x: vv.baseAddress!, y: o.baseAddress!)
                }
            }
        }
        return out
    }

    /// v + Σ_i weights_i x_i over the violators.
    private func combine(_ v: [Double], weights: [Double]) -> [Double] {
        var result = v
        let d = x.columns
        x.values.withUnsafeBufferPointer { xv in
            for (k, i) in violators.enumerated() where weights[k] != 0 {
                let row = xv.baseAddress! + i * d
                for c in 0..<d { result[c] += weights[k] * row[c] }
            }
        }
        return result
    }

    @discardableResult
    func value(_ w: [Double]) -> Double {
        margins = products(w)
        violators.removeAll(keepingCapacity: true)
        var f = 0.5 * LBFGS.dot(w, w)
        for i in 0..<x.rows {
            let violation = 1 - y[i] * margins[i]
            if violation > 0 {
                violators.append(i)
                f += costs[i] * violation * violation
            }
        }
        return f
    }

    /// ∇f at the point of the last `value` call.
    func gradient(_ w: [Double]) -> [Double] {
        combine(w, weights: violators.map { 2 * costs[$0] * (margins[$0] - y[$0]) })
    }

    /// H v = v + 2 Σ_violators C_i x_i x_iᵀ v.
    func hessianTimes(_ v: [Double]) -> [Double] {
        let d = x.columns
        let weights: [Double] = x.values.withUnsafeBufferPointer { xv in
            violators.map { i in
                let row = xv.baseAddress! + i * d
                var dot = 0.0
                for c in 0..<d { dot += row[c] * v[c] }
                return 2 * costs[i] * dot
            }
        }
        return combine(v, weights: weights)
    }
}
