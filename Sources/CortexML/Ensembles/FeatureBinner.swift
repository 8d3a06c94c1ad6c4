import Cortex
import Dispatch

/// Maps each feature to at most `maxBins` ordinal bins (plus one bin for missing values), with
/// scikit-learn's thresholds: midpoints between distinct values when there are few enough, the
/// `averaged_inverted_cdf` quantiles otherwise. Histogram boosting then works on one byte per value.
struct FeatureBinner: Codable, Sendable {
    /// `thresholds[f][b]`: values `<=` it fall in bin `b` or below.
    let thresholds: [[Double]]

    init(fitting x: Tensor, maxBins: Int) {
        let rows = x.shape[0], features = x.shape[1]
        var thresholds = [[Double]](repeating: [], count: features)
        x.withUnsafeBufferPointer { source in
            thresholds.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                DispatchQueue.concurrentPerform(iterations: features) { f in
                    var column: [Double] = []
                    column.reserveCapacity(rows)
                    for i in 0..<rows where !source[i * features + f].isNaN { column.append(Double(source[i * features + f])) }
                    (out + f).initialize(to: Self.thresholds(sortedColumn: column.sorted(), maxBins: maxBins))
                }
            }
        }
        self.thresholds = thresholds
    }

    private static func thresholds(sortedColumn column: [Double], maxBins: Int) -> [Double] {
        var distinct: [Double] = []
        for value in column where distinct.last != value { distinct.append(value) }
        guard distinct.count > 1 else { return [] }
        if distinct.count <= maxBins {
            return (0..<(distinct.count - 1)).map { (distinct[$0] + distinct[$0 + 1]) / 2 }
        }
        let n = Double(column.count), step = 100.0 / Double(maxBins)
        var result: [Double] = []
        for i in 1..<maxBins {
            let quantile = Double(i) * step / 100
            let virtual = n * quantile - 1
            var previous = virtual.rounded(.down)
            let gamma = virtual - previous == 0 ? 0.5 : 1.0
            previous = min(max(previous, 0), n - 1)
            let next = min(previous + 1, n - 1)
            let a = column[Int(previous)], b = column[Int(next)]
            let value = b - (b - a) * (1 - gamma)
            if result.last != value { result.append(min(value, Double.greatestFiniteMagnitude)) }
        }
        return result
    }

    /// Real bins per feature, the missing-value bin not counted.
    var binCounts: [Int] { thresholds.map { $0.count + 1 } }

    /// `[features][rows]` bins, feature-major; missing values go to the bin after the real ones
    /// (`binCounts[f]`), so each feature's histogram needs only its own bins.
    func transform(_ x: Tensor) -> [UInt8] {
        let rows = x.shape[0], features = x.shape[1]
        var binned = [UInt8](repeating: 0, count: rows * features)
        x.withUnsafeBufferPointer { source in
            binned.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                DispatchQueue.concurrentPerform(iterations: features) { f in
                    let edges = thresholds[f]
                    for i in 0..<rows {
                        let value = source[i * features + f]
                        if value.isNaN {
                            out[f * rows + i] = UInt8(edges.count + 1)
                            continue
                        }
                        let v = Double(value)
                        var low = 0, high = edges.count
                        while low < high {
                            let middle = low + (high - low - 1) / 2
                            if v <= edges[middle] { high = middle } else { low = middle + 1 }
                        }
                        out[f * rows + i] = UInt8(low)
                    }
                }
            }
        }
        return binned
    }
}
