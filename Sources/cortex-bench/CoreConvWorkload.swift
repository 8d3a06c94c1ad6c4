import Cortex

/// 2-D convolution forward and backward on a LeNet-sized batch: a [64, 28, 28, 32] NHWC input,
/// a 3×3 filter to 64 channels, same padding, stride 1.
enum CoreConvWorkload {
    struct Row: Encodable {
        let pass: String
        let input: [Int]
        let filter: [Int]
        let milliseconds: Double
        let gflops: Double
    }

    static let inputShape = [64, 28, 28, 32]
    static let filterShape = [3, 3, 32, 64]

    static func measure(_ sampling: Sampling) -> [Row] {
        let input = Tensor.randomUniform(inputShape, lower: -1, upper: 1)
        let filter = Tensor.randomNormal(filterShape, standardDeviation: 0.1)
        let upstream = Tensor.randomUniform([64, 28, 28, 64], lower: -1, upper: 1)
        // Multiply-adds of the forward pass; the backward pass does as many twice (input and filter).
        let forwardFlops = 2 * Double(upstream.count) * Double(filterShape[0] * filterShape[1] * filterShape[2])
        let seconds = sampling.medians([
            { Timing.seconds { blackHole(input.conv2d(filter: filter, padding: .same)) } },
            {
                let x = input.requiringGradient(), w = filter.requiringGradient()
                let output = x.conv2d(filter: w, padding: .same)
                return Timing.seconds { blackHole(gradient(of: output, wrt: [x, w], seed: upstream)) }
            },
        ])
        return zip(["forward", "backward"], zip([forwardFlops, 2 * forwardFlops], seconds)).map { pass, work in
            Row(pass: pass, input: inputShape, filter: filterShape,
                milliseconds: rounded(work.1 * 1e3), gflops: rounded(work.0 / work.1 / 1e9))
        }
    }

    static func table(_ rows: [Row]) -> ResultTable {
        var table = ResultTable("conv2d \(inputShape) ⊛ \(filterShape), same padding (median)",
                                columns: ["pass", "ms", "GFLOP/s"])
        for row in rows {
            table.add([row.pass, formatted(row.milliseconds, digits: 2), formatted(row.gflops)])
        }
        return table
    }
}
