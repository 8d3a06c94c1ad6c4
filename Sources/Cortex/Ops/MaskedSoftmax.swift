import Foundation

extension Tensor {
    /// Softmax over the last axis in which only the positions where `mask` is non-zero take
    /// part: the others get probability 0, and a line with no allowed position is all zeros
    /// (Keras' `Softmax` layer called with a mask). Attention layers spend this on every score
    /// matrix, so it runs as one pass forward and one backward instead of where, softmax and a
    /// multiplication.
    ///
    /// `mask` broadcasts to this tensor's shape: for scores `[batch, heads, queries, keys]`,
    /// `[batch, 1, 1, keys]` masks padded keys and `[1, 1, queries, keys]` is a causal mask.
    public func softmax(mask: Tensor) -> Tensor {
        let broadcastShape = Broadcasting.shapeOrFail(shape, mask.shape, op: "softmax(mask:)")
        guard broadcastShape == shape else {
            ShapeError(op: "softmax(mask:)", "mask of shape \(mask.shape) must broadcast to the scores' shape \(shape)").fail()
        }
        let result = maskedSoftmaxKernel(mask: mask)
        let y = result.detached()
        return Tensor.record("maskedSoftmax", result, input: self) { g in Tensor.softmaxBackward(g, y) }
    }

    private func maskedSoftmaxKernel(mask: Tensor) -> Tensor {
        let length = shape.last ?? 1
        let lines = length == 0 ? 0 : count / length
        let lineOffsets = Tensor.maskLineOffsets(maskShape: mask.shape, scoresShape: shape)
        let maskStep = mask.shape.last == length && length != 1 ? 1 : 0
        let result = Tensor(uninitializedShape: shape)
        let source = storage.pointer, destination = result.storage.pointer, keep = mask.storage.pointer
        Parallelism.forEachChunk(lines, costPerItem: length * 8) { range in
            for line in range {
                let x = source + line * length, y = destination + line * length
                let m = keep + lineOffsets(line)
                var maximum = -Float.infinity
                for k in 0..<length where m[k * maskStep] != 0 { maximum = Swift.max(maximum, x[k]) }
                guard maximum > -Float.infinity else {
                    for k in 0..<length { y[k] = 0 }
                    continue
                }
                var total: Float = 0
                for k in 0..<length {
                    let e: Float = m[k * maskStep] != 0 ? Foundation.exp(x[k] - maximum) : 0
                    y[k] = e
                    total += e
                }
                let scale = 1 / total
                for k in 0..<length { y[k] *= scale }
            }
        }
        return result
    }

    /// Where each line (last-axis run) of a tensor of `scoresShape` starts in a mask of
    /// `maskShape` that broadcasts to it.
    private static func maskLineOffsets(maskShape: [Int], scoresShape: [Int]) -> (Int) -> Int {
        let outer = Array(scoresShape.dropLast())
        let padded = [Int](repeating: 1, count: scoresShape.count - maskShape.count) + maskShape
        var strides = [Int](repeating: 0, count: outer.count)
        var step = padded.last ?? 1
        for axis in stride(from: outer.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        return { line in
            var remainder = line, offset = 0
            for axis in stride(from: outer.count - 1, through: 0, by: -1) {
                offset += (remainder % outer[axis]) * strides[axis]
                remainder /= outer[axis]
            }
            return offset
        }
    }

    /// The gradient of a last-axis softmax with output `y`: `y · (g − Σ g·y)` per line, in one
    /// pass. Positions where `y` is 0 (masked ones) get 0.
    private static func softmaxBackward(_ g: Tensor, _ y: Tensor) -> Tensor {
        let length = y.shape.last ?? 1
        let lines = length == 0 ? 0 : y.count / length
        let gradient = g.broadcast(to: y.shape)
        let result = Tensor(uninitializedShape: y.shape)
        let pg = gradient.storage.pointer, py = y.storage.pointer, pr = result.storage.pointer
        Parallelism.forEachChunk(lines, costPerItem: length * 4) { range in
            for line in range {
                let gl = pg + line * length, yl = py + line * length, rl = pr + line * length
                var dot: Float = 0
                for k in 0..<length { dot += gl[k] * yl[k] }
                for k in 0..<length { rl[k] = yl[k] * (gl[k] - dot) }
            }
        }
        return result
    }
}
