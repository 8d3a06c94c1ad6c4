import Foundation
import Cortex

/// Elementwise add, multiply and exp over 16 M floats against a `memcpy` of one such array into
/// a preallocated destination, interleaved in one run. Bandwidth counts the bytes an op must
/// read and write (add: two inputs and the output; exp and memcpy: one in, one out).
enum CoreElementwiseWorkload {
    struct Row: Encodable {
        let op: String
        let count: Int
        let gbPerS: Double
        let memcpyGbPerS: Double
    }

    static let count = 16 * 1024 * 1024

    static func measure(_ sampling: Sampling) -> [Row] {
        let a = Tensor.randomUniform([count], lower: -1, upper: 1)
        let b = Tensor.randomUniform([count], lower: -1, upper: 1)
        let source = FloatBuffer(copying: a), destination = FloatBuffer(count: count)
        let arrayBytes = Double(count * MemoryLayout<Float>.stride)
        let ops: [(name: String, arrays: Double, run: () -> Tensor)] = [
            ("add", 3, { a + b }),
            ("mul", 3, { a * b }),
            ("exp", 2, { a.exp() }),
        ]
        let copy = { Timing.seconds { memcpy(destination.pointer, source.pointer, count * MemoryLayout<Float>.stride) } }
        let seconds = sampling.medians([copy] + ops.map { op in { Timing.seconds { blackHole(op.run()) } } })
        let memcpyRate = rounded(2 * arrayBytes / seconds[0] / 1e9)
        return zip(ops, seconds.dropFirst()).map { op, time in
            Row(op: op.name, count: count, gbPerS: rounded(op.arrays * arrayBytes / time / 1e9), memcpyGbPerS: memcpyRate)
        }
    }

    static func table(_ rows: [Row]) -> ResultTable {
        var table = ResultTable("elementwise on \(count) floats (GB/s read+written, median)",
                                columns: ["op", "GB/s", "of memcpy"])
        if let memcpyRate = rows.first?.memcpyGbPerS {
            table.add(["memcpy", formatted(memcpyRate), "100.0%"])
        }
        for row in rows {
            table.add([row.op, formatted(row.gbPerS), formatted(100 * row.gbPerS / row.memcpyGbPerS) + "%"])
        }
        return table
    }
}
