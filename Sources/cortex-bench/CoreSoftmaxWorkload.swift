import Cortex

/// Softmax along the last axis of a [4096, 1000] batch of logits: a classifier head's shape.
enum CoreSoftmaxWorkload {
    struct Row: Encodable {
        let shape: [Int]
        let milliseconds: Double
        let gbPerS: Double
    }

    static let shape = [4096, 1000]

    static func measure(_ sampling: Sampling) -> [Row] {
        let logits = Tensor.randomNormal(shape, standardDeviation: 3)
        let iterations = Timing.iterations(estimatedSeconds: 0.01)
        let seconds = sampling.medians([{ Timing.seconds(iterations: iterations) { blackHole(logits.softmax()) } }])[0]
        let bytes = 2 * Double(logits.count * MemoryLayout<Float>.stride)
        return [Row(shape: shape, milliseconds: rounded(seconds * 1e3), gbPerS: rounded(bytes / seconds / 1e9))]
    }

    static func table(_ rows: [Row]) -> ResultTable {
        var table = ResultTable("softmax along the last axis (median)", columns: ["shape", "ms", "GB/s read+written"])
        for row in rows {
            table.add(["\(row.shape)", formatted(row.milliseconds, digits: 2), formatted(row.gbPerS)])
        }
        return table
    }
}
