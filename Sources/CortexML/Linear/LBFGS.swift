/// Limited-memory BFGS (Nocedal and Wright, algorithms 7.4 and 3.5–3.6) with a strong-Wolfe
/// line search: the solver behind `LogisticRegression`, keeping the last 10 curvature pairs as SciPy's L-BFGS-B does by default.
enum LBFGS {
    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var converged: Bool
    }

    /// The objective: returns f(x) and writes ∇f(x) into its second argument.
    typealias Objective = (_ x: [Double], _ gradient: inout [Double]) -> Double

    /// Minimises from `start` until the largest gradient entry is at most `tolerance`, the
    /// objective stops decreasing, or `maxIterations`.
    static func minimize(from start: [Double], tolerance: Double, maxIterations: Int,
                         memory: Int = 10, _ objective: Objective) -> Result {
        let n = start.count
        var x = start
        var gradient = [Double](repeating: 0, count: n)
        var value = objective(x, &gradient)
        let threshold = tolerance
        var steps: [[Double]] = [], changes: [[Double]] = [], rhos: [Double] = []
        var iteration = 0
        while iteration < maxIterations {
            if infinityNorm(gradient) <= threshold { return Result(x: x, value: value, iterations: iteration, converged: true) }
            var direction = twoLoopDirection(gradient, steps: steps, changes: changes, rhos: rhos)
            if dot(direction, gradient) >= 0 {
                direction = gradient.map { -$0 }
                steps.removeAll(); changes.removeAll(); rhos.removeAll()
            }
            let initialStep = steps.isEmpty ? min(1, 1 / max(norm(gradient), 1e-300)) : 1
            guard let found = lineSearch(x: x, value: value, gradient: gradient, direction: direction,
                                         initialStep: initialStep, objective) else { break }
            iteration += 1
            let s = zip(found.x, x).map { $0 - $1 }, y = zip(found.gradient, gradient).map { $0 - $1 }
            let previous = value
            (x, value, gradient) = (found.x, found.value, found.gradient)
            let curvature = dot(s, y)
            if curvature > 1e-10 * dot(y, y) {
                steps.append(s); changes.append(y); rhos.append(1 / curvature)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst(); rhos.removeFirst() }
            }
            if (previous - value) <= 64 * Double.ulpOfOne * max(abs(previous), abs(value), 1) { break }
        }
        return Result(x: x, value: value, iterations: iteration, converged: infinityNorm(gradient) <= threshold)
    }

    /// −H∇f by the two-loop recursion, H₀ scaled by the latest sᵀy / yᵀy.
    private static func twoLoopDirection(_ gradient: [Double], steps: [[Double]], changes: [[Double]], rhos: [Double]) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for k in stride(from: steps.count - 1, through: 0, by: -1) {
            alphas[k] = rhos[k] * dot(steps[k], q)
            for i in q.indices { q[i] -= alphas[k] * changes[k][i] }
        }
        if let s = steps.last, let y = changes.last {
            let scale = dot(s, y) / dot(y, y)
            for i in q.indices { q[i] *= scale }
        }
        for k in steps.indices {
            let beta = rhos[k] * dot(changes[k], q)
            for i in q.indices { q[i] += (alphas[k] - beta) * steps[k][i] }
        }
        return q.map { -$0 }
    }

    private struct Point {
        var step: Double
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var slope: Double
    }

    /// A step satisfying the strong Wolfe conditions (c₁ = 10⁻⁴, c₂ = 0.9), or nil.
    private static func lineSearch(x: [Double], value: Double, gradient: [Double], direction: [Double],
                                   initialStep: Double, _ objective: Objective) -> (x: [Double], value: Double, gradient: [Double])? {
        let c1 = 1e-4, c2 = 0.9
        let slope0 = dot(gradient, direction)
        func evaluate(_ step: Double) -> Point {
            let point = zip(x, direction).map { $0 + step * $1 }
            var g = [Double](repeating: 0, count: x.count)
            let f = objective(point, &g)
            return Point(step: step, x: point, value: f, gradient: g, slope: dot(g, direction))
        }
        func sufficient(_ p: Point) -> Bool { p.value <= value + c1 * p.step * slope0 && p.value.isFinite }
        func curvature(_ p: Point) -> Bool { abs(p.slope) <= -c2 * slope0 }
        func zoom(_ low: Point, _ high: Point) -> Point? {
            var (low, high) = (low, high)
            for _ in 0..<30 {
                let width = high.step - low.step
                var step = low.step + width / 2
                let denominator = 2 * (high.value - low.value - low.slope * width)
                if denominator.isFinite && denominator > 0 {
                    let candidate = low.step - low.slope * width * width / denominator
                    let lower = min(low.step, high.step) + 0.1 * abs(width), upper = max(low.step, high.step) - 0.1 * abs(width)
                    if candidate.isFinite { step = min(max(candidate, lower), upper) }
                }
                let trial = evaluate(step)
                if !sufficient(trial) || trial.value >= low.value {
                    high = trial
                } else {
                    if curvature(trial) { return trial }
                    if trial.slope * (high.step - low.step) >= 0 { high = low }
                    low = trial
                }
                if abs(high.step - low.step) < 1e-16 * max(1, abs(low.step)) { break }
            }
            return low.step > 0 ? low : nil
        }
        var previous = Point(step: 0, x: x, value: value, gradient: gradient, slope: slope0)
        var step = initialStep
        for attempt in 0..<40 {
            let trial = evaluate(step)
            if !sufficient(trial) || (attempt > 0 && trial.value >= previous.value) {
                return zoom(previous, trial).map { ($0.x, $0.value, $0.gradient) }
            }
            if curvature(trial) { return (trial.x, trial.value, trial.gradient) }
            if trial.slope >= 0 { return zoom(trial, previous).map { ($0.x, $0.value, $0.gradient) } }
            previous = trial
            step *= 2
        }
        return (previous.x, previous.value, previous.gradient)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func infinityNorm(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
}
