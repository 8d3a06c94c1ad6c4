import Foundation

extension Tensor {
    /// `exp(x) / sum(exp(x))` along `axis`, shifted by the maximum so it never overflows.
    public func softmax(axis: Int = -1) -> Tensor {
        let axis = normalizeAxis(axis, rank: rank, op: "softmax")
        let result = softmaxKernel(axis: axis, logarithm: false)
        let y = result.detached()
        return Tensor.record("softmax", result, input: self) { g in
            let gy = g * y
            return gy - y * gy.sum(axis: axis, keepDims: true)
        }
    }

    /// `log(softmax(x))` along `axis`, computed directly (no log of a rounded-to-zero softmax).
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let axis = normalizeAxis(axis, rank: rank, op: "logSoftmax")
        let result = softmaxKernel(axis: axis, logarithm: true)
        let y = result.detached()
        return Tensor.record("logSoftmax", result, input: self) { g in
            g - y.exp() * g.sum(axis: axis, keepDims: true)
        }
    }

    private func softmaxKernel(axis: Int, logarithm: Bool) -> Tensor {
        let (outer, length, inner) = Tensor.splitAround(shape, axis: axis)
        let result = Tensor(uninitializedShape: shape)
        let source = storage.pointer, destination = result.storage.pointer
        Parallelism.forEachChunk(outer * inner, costPerItem: length * 8) { lines in
            for line in lines {
                let o = line / inner, i = line % inner
                let x = source + o * length * inner + i, y = destination + o * length * inner + i
                var maximum = -Float.infinity
                for k in 0..<length { maximum = Swift.max(maximum, x[k * inner]) }
                if !maximum.isFinite { maximum = 0 }
                var total: Float = 0
                for k in 0..<length {
                    let e = Foundation.exp(x[k * inner] - maximum)
                    y[k * inner] = e
                    total += e
                }
                if logarithm {
                    let logTotal = Foundation.log(total) + maximum
                    for k in 0..<length { y[k * inner] = x[k * inner] - logTotal }
                } else {
                    let scale = 1 / total
                    for k in 0..<length { y[k * inner] *= scale }
                }
            }
        }
        return result
    }
}

public func softmax(_ x: Tensor, axis: Int = -1) -> Tensor { x.softmax(axis: axis) }
public func logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor { x.logSoftmax(axis: axis) }
