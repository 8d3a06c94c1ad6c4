/// The area under a curve through the points (x, y), by the trapezoidal rule. `x` must be
/// monotonic (increasing or decreasing). For ROC AUC from scores use `rocAucScore`.
public func auc(x: [Double], y: [Double]) throws -> Double {
    try checkConsistentLength(x.count, y.count)
    guard x.count >= 2 else {
        throw MetricsError.invalidInput(argument: "x", reason: "At least 2 points are needed to compute area under curve, but x has \(x.count)")
    }
    let steps = zip(x.dropFirst(), x).map { $0 - $1 }
    var direction = 1.0
    if steps.contains(where: { $0 < 0 }) {
        guard steps.allSatisfy({ $0 <= 0 }) else {
            throw MetricsError.invalidInput(argument: "x", reason: "x is neither increasing nor decreasing : \(x).")
        }
        direction = -1
    }
    var area = 0.0
    for i in 1..<x.count { area += steps[i - 1] * (y[i] + y[i - 1]) / 2 }
    return direction * area
}
