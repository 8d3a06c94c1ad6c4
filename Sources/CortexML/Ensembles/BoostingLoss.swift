import Foundation

/// The losses gradient boosting descends, with scikit-learn's formulas for the initial
/// prediction, the negative gradient, the Newton or quantile leaf values and the reported loss.
enum BoostingLoss: Codable, Sendable, Equatable {
    case squaredError, absoluteError
    case huber(alpha: Double)
    /// Binary log loss on one raw score per sample.
    case binomial
    /// Softmax log loss on one raw score per class and sample.
    case multinomial(classes: Int)
    /// AdaBoost's exponential loss on one raw score per sample.
    case exponential

    /// Raw scores per sample: one per class for multinomial, otherwise one.
    var width: Int {
        if case .multinomial(let classes) = self { return classes }
        return 1
    }

    /// The constant raw prediction before any tree (prior log-odds, mean or median).
    func initialRaw(_ y: [Double], _ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        func prior(_ k: Double) -> Double {
            let p = zip(y, weights).reduce(0) { $0 + ($1.0 == k ? $1.1 : 0) } / total
            return min(max(p, Double.ulpOfOne), 1 - Double.ulpOfOne)
        }
        switch self {
        case .squaredError:
            return [zip(y, weights).reduce(0) { $0 + $1.0 * $1.1 } / total]
        case .absoluteError, .huber:
            return [median(y)]
        case .binomial:
            let p = prior(1)
            return [log(p / (1 - p))]
        case .exponential:
            let p = prior(1)
            return [0.5 * log(p / (1 - p))]
        case .multinomial(let classes):
            let logs = (0..<classes).map { log(prior(Double($0))) }
            let mean = logs.reduce(0, +) / Double(classes)
            return logs.map { $0 - mean }
        }
    }

    /// The negative gradient of every sample, `[samples, width]` row-major; `delta` is Huber's
    /// current threshold.
    func negativeGradient(_ y: [Double], _ raw: [Double], delta: Double) -> [Double] {
        if case .multinomial(let classes) = self {
            var gradient = [Double](repeating: 0, count: raw.count)
            for i in 0..<y.count {
                let p = softmax(raw, row: i, width: classes)
                for c in 0..<classes { gradient[i * classes + c] = (y[i] == Double(c) ? 1 : 0) - p[c] }
            }
            return gradient
        }
        return (0..<y.count).map { i in
            let r = raw[i]
            switch self {
            case .absoluteError: return r > y[i] ? -1 : 1
            case .huber:
                let diff = y[i] - r
                return abs(diff) <= delta ? diff : (diff > 0 ? delta : -delta)
            case .binomial: return y[i] - expit(r)
            case .exponential: return y[i] * exp(-r) - (1 - y[i]) * exp(r)
            default: return y[i] - r
            }
        }
    }

    /// The value of a leaf holding `samples`: a Newton step for the classification losses, the
    /// median (a Huber-corrected median) of residuals for the robust losses, nil to keep the
    /// tree's mean for squared error.
    func leafValue(samples: [Int], y: [Double], negativeGradient g: [Double], raw: [Double], k: Int,
                   weights: [Double], delta: Double) -> Double? {
        func average(_ f: (Int) -> Double) -> Double {
            var sum = 0.0, total = 0.0
            for i in samples {
                sum += f(i) * weights[i]
                total += weights[i]
            }
            return sum / total
        }
        func safeDivide(_ a: Double, _ b: Double) -> Double { abs(b) < 1e-150 ? 0 : a / b }
        let w = width
        switch self {
        case .squaredError:
            return nil
        case .binomial:
            let numerator = average { g[$0] }
            let denominator = average { i in let p = y[i] - g[i]; return p * (1 - p) }
            return safeDivide(numerator, denominator)
        case .multinomial(let classes):
            var numerator = average { g[$0] }
            numerator *= Double(classes - 1) / Double(classes)
            let denominator = average { i in
                let p = (y[i] == Double(k) ? 1 : 0) - g[i]
                return p * (1 - p)
            }
            return safeDivide(numerator, denominator)
        case .exponential:
            let numerator = average { g[$0] }
            let denominator = average { y[$0] == 0 ? -g[$0] : g[$0] }
            return safeDivide(numerator, denominator)
        case .absoluteError:
            return weightedPercentile(samples.map { y[$0] - raw[$0 * w + k] }, samples.map { weights[$0] }, 50)
        case .huber:
            let residuals = samples.map { y[$0] - raw[$0 * w + k] }
            let sampleWeights = samples.map { weights[$0] }
            let center = weightedPercentile(residuals, sampleWeights, 50)
            var sum = 0.0, total = 0.0
            for (r, sw) in zip(residuals, sampleWeights) {
                let diff = r - center
                sum += sw * (diff > 0 ? 1 : (diff < 0 ? -1 : 0)) * min(delta, abs(diff))
                total += sw
            }
            return center + sum / total
        }
    }

    /// Huber's threshold for the next stage: the `alpha` quantile of the absolute residuals.
    func huberDelta(_ y: [Double], _ raw: [Double], _ weights: [Double]) -> Double {
        guard case .huber(let alpha) = self else { return 0 }
        return weightedPercentile(zip(y, raw).map { abs($0 - $1) }, weights, 100 * alpha)
    }

    /// The weighted mean loss over `samples`, scaled as scikit-learn reports `train_score_`.
    func loss(_ y: [Double], _ raw: [Double], _ weights: [Double], delta: Double, samples: [Int]) -> Double {
        let w = width
        var sum = 0.0, total = 0.0
        for i in samples {
            let r = raw[i * w]
            let value: Double
            switch self {
            case .squaredError: value = (y[i] - r) * (y[i] - r)
            case .absoluteError: value = abs(y[i] - r)
            case .huber:
                let diff = abs(y[i] - r)
                value = diff <= delta ? 0.5 * diff * diff : delta * (diff - 0.5 * delta)
            case .binomial: value = 2 * (softplus(r) - y[i] * r)
            case .exponential: value = y[i] * exp(-r) + (1 - y[i]) * exp(r)
            case .multinomial:
                var top = -Double.infinity
                for c in 0..<w { top = max(top, raw[i * w + c]) }
                var sumExp = 0.0
                for c in 0..<w { sumExp += exp(raw[i * w + c] - top) }
                value = top + log(sumExp) - raw[i * w + Int(y[i])]
            }
            sum += weights[i] * value
            total += weights[i]
        }
        return sum / total
    }

    /// Class probabilities `[rows, classes]` from raw scores.
    func probabilities(_ raw: [Double], rows: Int) -> [Double] {
        switch self {
        case .multinomial(let classes):
            return (0..<rows).flatMap { softmax(raw, row: $0, width: classes) }
        case .exponential:
            return raw.flatMap { [1 - expit(2 * $0), expit(2 * $0)] }
        default:
            return raw.flatMap { [1 - expit($0), expit($0)] }
        }
    }
}

func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

private func softplus(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }

private func softmax(_ raw: [Double], row: Int, width: Int) -> [Double] {
    var top = -Double.infinity
    for c in 0..<width { top = max(top, raw[row * width + c]) }
    var values = (0..<width).map { exp(raw[row * width + $0] - top) }
    let total = values.reduce(0, +)
    for c in 0..<width { values[c] /= total }
    return values
}

/// The median, averaging the two middle values of an even count (NumPy's `median`).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// scikit-learn's `_weighted_percentile` (inverted CDF): the smallest value whose cumulative
/// weight reaches `percentile` percent of the total.
func weightedPercentile(_ values: [Double], _ weights: [Double], _ percentile: Double) -> Double {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var cumulative = [Double](repeating: 0, count: order.count)
    var running = 0.0
    for (position, i) in order.enumerated() {
        running += weights[i]
        cumulative[position] = running
    }
    var target = percentile / 100 * running
    if target == 0 { target = target.nextUp }
    let index = min(cumulative.firstIndex { $0 >= target } ?? order.count - 1, order.count - 1)
    return values[order[index]]
}
