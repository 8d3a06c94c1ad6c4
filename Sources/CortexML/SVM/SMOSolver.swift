import Foundation

/// libsvm's SMO solver (Fan, Chen and Lin 2005) for
///
///     min ½ αᵀQα + pᵀα   subject to   yᵀα = 0,  0 ≤ α_i ≤ C_i,
///
/// starting from α = 0. Each step picks the maximal violating i and, among the j that reduce
/// the objective, the one with the largest second-order decrease (WSS3); variables stuck at a
/// bound are shrunk out of the active set and the gradient rebuilt before the final check.
/// Reproducing libsvm step for step gives scikit-learn's support vectors and coefficients.
final class SMOSolver {
    struct Solution {
        /// α in the original sample order.
        var alpha: [Double]
        /// The threshold ρ: the decision function is Σ coef K − ρ.
        var rho: Double
        var objective: Double
        var iterations: Int
        /// False when `maxIterations` stopped the solver before the tolerance was met.
        var converged: Bool
    }

    private static let tau = 1e-12

    private let l: Int
    private let q: QMatrix
    private let diagonal: UnsafeMutablePointer<Double>
    private let tolerance: Double
    private var activeSize: Int
    private var unshrink = false
    private let y: UnsafeMutablePointer<Int8>
    private let gradient: UnsafeMutablePointer<Double>
    /// The gradient part contributed by the variables at their upper bound.
    private let gradientBar: UnsafeMutablePointer<Double>
    private let alpha: UnsafeMutablePointer<Double>
    private let upperBound: UnsafeMutablePointer<Double>
    private let p: UnsafeMutablePointer<Double>
    private let activeSet: UnsafeMutablePointer<Int>

    private init(q: QMatrix, p linear: [Double], y labels: [Int8], bounds: [Double], tolerance: Double) {
        l = linear.count
        self.q = q
        diagonal = q.diagonal
        self.tolerance = tolerance
        activeSize = l
        y = .allocate(capacity: l)
        gradient = .allocate(capacity: l)
        gradientBar = .allocate(capacity: l)
        alpha = .allocate(capacity: l)
        upperBound = .allocate(capacity: l)
        p = .allocate(capacity: l)
        activeSet = .allocate(capacity: l)
        for i in 0..<l {
            y[i] = labels[i]
            p[i] = linear[i]
            gradient[i] = linear[i]
            gradientBar[i] = 0
            alpha[i] = 0
            upperBound[i] = bounds[i]
            activeSet[i] = i
        }
    }

    deinit {
        y.deallocate(); gradient.deallocate(); gradientBar.deallocate(); alpha.deallocate()
        upperBound.deallocate(); p.deallocate(); activeSet.deallocate()
    }

    /// Solves the problem for `q`, linear term `p`, labels `y` (±1) and per-variable upper
    /// bounds; stops when the maximal KKT violation is below `tolerance`.
    static func solve(q: QMatrix, p: [Double], y: [Int8], upperBounds: [Double], tolerance: Double,
                      shrinking: Bool, maxIterations: Int?) -> Solution {
        SMOSolver(q: q, p: p, y: y, bounds: upperBounds, tolerance: tolerance)
            .run(shrinking: shrinking, maxIterations: maxIterations)
    }

    @inline(__always) private func isUpperBound(_ i: Int) -> Bool { alpha[i] >= upperBound[i] }
    @inline(__always) private func isLowerBound(_ i: Int) -> Bool { alpha[i] <= 0 }
    @inline(__always) private func isFree(_ i: Int) -> Bool { alpha[i] > 0 && alpha[i] < upperBound[i] }

    private func swapIndex(_ i: Int, _ j: Int) {
        q.swapIndex(i, j)
        swap(&y[i], &y[j])
        swap(&gradient[i], &gradient[j])
        swap(&alpha[i], &alpha[j])
        swap(&upperBound[i], &upperBound[j])
        swap(&p[i], &p[j])
        swap(&activeSet[i], &activeSet[j])
        swap(&gradientBar[i], &gradientBar[j])
    }

    private func run(shrinking: Bool, maxIterations: Int?) -> Solution {
        let limit = maxIterations ?? Int.max
        var iterations = 0
        var counter = min(l, 1000) + 1
        var converged = false
        while iterations < limit {
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if shrinking { shrink() }
            }
            var pair = selectWorkingSet()
            if pair == nil {
                reconstructGradient()
                activeSize = l
                pair = selectWorkingSet()
                if pair == nil { converged = true; break }
                counter = 1
            }
            iterations += 1
            update(pair!.i, pair!.j)
        }
        if !converged {
            reconstructGradient()
            activeSize = l
        }
        var objective = 0.0
        for i in 0..<l { objective += alpha[i] * (gradient[i] + p[i]) }
        var original = [Double](repeating: 0, count: l)
        for i in 0..<l { original[activeSet[i]] = alpha[i] }
        return Solution(alpha: original, rho: calculateRho(), objective: objective / 2,
                        iterations: iterations, converged: converged)
    }

    /// One analytic two-variable step on (i, j), clipped to the box, and the gradient updates.
    private func update(_ i: Int, _ j: Int) {
        let qi = q.column(i, length: activeSize)
        let qj = q.column(j, length: activeSize)
        let ci = upperBound[i], cj = upperBound[j]
        let oldI = alpha[i], oldJ = alpha[j]
        if y[i] != y[j] {
            var quad = diagonal[i] + diagonal[j] + 2 * Double(qi[j])
            if quad <= 0 { quad = Self.tau }
            let delta = (-gradient[i] - gradient[j]) / quad
            let diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0 {
                if alpha[j] < 0 { alpha[j] = 0; alpha[i] = diff }
            } else if alpha[i] < 0 { alpha[i] = 0; alpha[j] = -diff }
            if diff > ci - cj {
                if alpha[i] > ci { alpha[i] = ci; alpha[j] = ci - diff }
            } else if alpha[j] > cj { alpha[j] = cj; alpha[i] = cj + diff }
        } else {
            var quad = diagonal[i] + diagonal[j] - 2 * Double(qi[j])
            if quad <= 0 { quad = Self.tau }
            let delta = (gradient[i] - gradient[j]) / quad
            let sum = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if sum > ci {
                if alpha[i] > ci { alpha[i] = ci; alpha[j] = sum - ci }
            } else if alpha[j] < 0 { alpha[j] = 0; alpha[i] = sum }
            if sum > cj {
                if alpha[j] > cj { alpha[j] = cj; alpha[i] = sum - cj }
            } else if alpha[i] < 0 { alpha[i] = 0; alpha[j] = sum }
        }
        let deltaI = alpha[i] - oldI, deltaJ = alpha[j] - oldJ
        for k in 0..<activeSize {
            gradient[k] += Double(qi[k]) * deltaI + Double(qj[k]) * deltaJ
        }
        updateGradientBar(i, wasUpper: oldI >= ci)
        updateGradientBar(j, wasUpper: oldJ >= cj)
    }

    private func updateGradientBar(_ i: Int, wasUpper: Bool) {
        guard wasUpper != isUpperBound(i) else { return }
        let qi = q.column(i, length: l)
        let c = wasUpper ? -upperBound[i] : upperBound[i]
        for k in 0..<l { gradientBar[k] += c * Double(qi[k]) }
    }

    /// WSS3: i maximises −y_i ∇f_i over I_up; j minimises the second-order objective decrease
    /// over I_low. Nil when the maximal violation is below the tolerance.
    private func selectWorkingSet() -> (i: Int, j: Int)? {
        var gmax = -Double.infinity, gmax2 = -Double.infinity
        var gmaxIndex = -1, gminIndex = -1
        var objectiveDiffMin = Double.infinity
        for t in 0..<activeSize {
            if y[t] == 1 {
                if !isUpperBound(t) && -gradient[t] >= gmax { gmax = -gradient[t]; gmaxIndex = t }
            } else if !isLowerBound(t) && gradient[t] >= gmax { gmax = gradient[t]; gmaxIndex = t }
        }
        let i = gmaxIndex
        let qi: UnsafePointer<Float>? = i == -1 ? nil : q.column(i, length: activeSize)
        for j in 0..<activeSize {
            let gradDiff: Double
            let sign: Double
            if y[j] == 1 {
                guard !isLowerBound(j) else { continue }
                if gradient[j] >= gmax2 { gmax2 = gradient[j] }
                gradDiff = gmax + gradient[j]
                sign = -1
            } else {
                guard !isUpperBound(j) else { continue }
                if -gradient[j] >= gmax2 { gmax2 = -gradient[j] }
                gradDiff = gmax - gradient[j]
                sign = 1
            }
            if gradDiff > 0, let qi {
                let quad = diagonal[i] + diagonal[j] + sign * 2 * Double(y[i]) * Double(qi[j])
                let objectiveDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Self.tau)
                if objectiveDiff <= objectiveDiffMin { gminIndex = j; objectiveDiffMin = objectiveDiff }
            }
        }
        if gmax + gmax2 < tolerance || gminIndex == -1 { return nil }
        return (gmaxIndex, gminIndex)
    }

    private func canBeShrunk(_ i: Int, _ gmax1: Double, _ gmax2: Double) -> Bool {
        if isUpperBound(i) {
            return y[i] == 1 ? -gradient[i] > gmax1 : -gradient[i] > gmax2
        } else if isLowerBound(i) {
            return y[i] == 1 ? gradient[i] > gmax2 : gradient[i] > gmax1
        }
        return false
    }

    private func shrink() {
        var gmax1 = -Double.infinity, gmax2 = -Double.infinity
        for i in 0..<activeSize {
            if y[i] == 1 {
                if !isUpperBound(i) && -gradient[i] >= gmax1 { gmax1 = -gradient[i] }
                if !isLowerBound(i) && gradient[i] >= gmax2 { gmax2 = gradient[i] }
            } else {
                if !isUpperBound(i) && -gradient[i] >= gmax2 { gmax2 = -gradient[i] }
                if !isLowerBound(i) && gradient[i] >= gmax1 { gmax1 = gradient[i] }
            }
        }
        if !unshrink && gmax1 + gmax2 <= tolerance * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        var i = 0
        while i < activeSize {
            if canBeShrunk(i, gmax1, gmax2) {
                activeSize -= 1
                while activeSize > i {
                    if !canBeShrunk(activeSize, gmax1, gmax2) {
                        swapIndex(i, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            i += 1
        }
    }

    /// Rebuilds the gradient of the shrunk variables from `gradientBar` and the free variables.
    private func reconstructGradient() {
        guard activeSize < l else { return }
        for j in activeSize..<l { gradient[j] = gradientBar[j] + p[j] }
        var freeCount = 0
        for j in 0..<activeSize where isFree(j) { freeCount += 1 }
        if freeCount * l > 2 * activeSize * (l - activeSize) {
            for i in activeSize..<l {
                let qi = q.column(i, length: activeSize)
                for j in 0..<activeSize where isFree(j) { gradient[i] += alpha[j] * Double(qi[j]) }
            }
        } else {
            for i in 0..<activeSize where isFree(i) {
                let qi = q.column(i, length: l)
                for j in activeSize..<l { gradient[j] += alpha[i] * Double(qi[j]) }
            }
        }
    }

    private func calculateRho() -> Double {
        var freeCount = 0
        var upper = Double.infinity, lower = -Double.infinity, freeSum = 0.0
        for i in 0..<activeSize {
            let yg = Double(y[i]) * gradient[i]
            if isUpperBound(i) {
                if y[i] == -1 { upper = min(upper, yg) } else { lower = max(lower, yg) }
            } else if isLowerBound(i) {
                if y[i] == 1 { upper = min(upper, yg) } else { lower = max(lower, yg) }
            } else {
                freeCount += 1
                freeSum += yg
            }
        }
        return freeCount > 0 ? freeSum / Double(freeCount) : (upper + lower) / 2
    }
}
