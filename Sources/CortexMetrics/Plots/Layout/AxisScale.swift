import Foundation

/// The data range shown along one axis, with its tick positions and labels.
struct AxisScale {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var labels: [String]

    /// Maps `value` to 0 (lower) ... 1 (upper).
    func fraction(_ value: Double) -> Double {
        upper == lower ? 0.5 : (value - lower) / (upper - lower)
    }

    /// The data range padded by `margin` of its span on each side (matplotlib's look), ticks at
    /// "nice" steps (see `niceStep`).
    static func linear(_ values: [Double], margin: Double = 0.05, includeZero: Bool = false, integer: Bool = false,
                       maxTicks: Int = 8) -> AxisScale {
        let finite = values.filter(\.isFinite) + (includeZero ? [0] : [])
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if low == high {
            let spread = max(abs(low) * 0.1, integer ? 1 : 0.5)
            (low, high) = (low - spread, high + spread)
        }
        let span = high - low
        let lower = includeZero && low == 0 ? 0 : low - span * margin
        let upper = includeZero && high == 0 ? 0 : high + span * margin
        return withNiceTicks(lower: lower, upper: upper, integer: integer, maxTicks: maxTicks)
    }

    /// A fixed range with nice ticks inside it.
    static func withNiceTicks(lower: Double, upper: Double, integer: Bool = false, maxTicks: Int = 8) -> AxisScale {
        let step = niceStep(lower: lower, upper: upper, maxTicks: maxTicks, integer: integer)
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        let ticks = first > last ? [] : (Int(first)...Int(last)).map { Double($0) * step }
        return AxisScale(lower: lower, upper: upper, ticks: ticks, labels: ticks.map { tickLabel($0, step: step) })
    }

    /// Named categories at 0.5, 1.5, ... in a range 0...count.
    static func categories(_ names: [String]) -> AxisScale {
        AxisScale(lower: 0, upper: Double(names.count), ticks: names.indices.map { Double($0) + 0.5 }, labels: names)
    }

    /// The smallest step of 1, 2, 2.5 or 5 times a power of ten (1, 2 or 5 for `integer`) that
    /// puts at most `maxTicks` ticks in lower...upper.
    static func niceStep(lower: Double, upper: Double, maxTicks: Int, integer: Bool) -> Double {
        let span = max(upper - lower, .leastNormalMagnitude)
        let multiples: [Double] = integer ? [1, 2, 5] : [1, 2, 2.5, 5]
        var magnitude = pow(10, (log10(span / Double(max(1, maxTicks)))).rounded(.down))
        if integer { magnitude = max(1, magnitude) }
        while true {
            for multiple in multiples {
                let step = multiple * magnitude
                let count = (upper / step + 1e-9).rounded(.down) - (lower / step - 1e-9).rounded(.up) + 1
                if count <= Double(maxTicks) { return step }
            }
            magnitude *= 10
        }
    }

    /// A tick value with as many decimals as its step needs ("0.25", "1e-05" for extremes).
    static func tickLabel(_ value: Double, step: Double) -> String {
        let value = abs(value) < step * 1e-9 ? 0 : value
        if abs(value) >= 1e6 || (step < 1e-4 && value != 0) { return String(format: "%g", value) }
        var decimals = 0
        while decimals < 8 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) <= 1e-9 * scaled { break }
            decimals += 1
        }
        return String(format: "%.\(decimals)f", value)
    }
}
