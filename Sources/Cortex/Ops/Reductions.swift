import Foundation

/// Reductions over any set of axes (negative axes count from the end; nil means all axes).
extension Tensor {
    /// Normalised, sorted, unique axes; all axes when `axes` is nil.
    func reductionAxes(_ axes: [Int]?, op: String) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        return Array(Set(axes.map { normalizeAxis($0, rank: rank, op: op) })).sorted()
    }

    /// The shape after reducing `axes` with keepDims.
    func keptShape(_ axes: [Int]) -> [Int] {
        var result = shape
        for axis in axes { result[axis] = 1 }
        return result
    }

    /// The shape after reducing `axes`, with or without keepDims.
    func reducedShape(_ axes: [Int], keepDims: Bool) -> [Int] {
        keepDims ? keptShape(axes) : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }

    /// Applies a single-axis kernel over sorted `axes`: merges a consecutive run into one axis,
    /// otherwise reduces one axis at a time. The result keeps the reduced axes at extent 1.
    @inline(__always)
    func reduceKernel(_ axes: [Int], _ kernel: (Tensor, Int) -> Tensor) -> Tensor {
        let kept = keptShape(axes)
        guard let first = axes.first else { return detached() }
        if axes.last! - first + 1 == axes.count {
            var merged = Array(shape[..<first])
            merged.append(shape[first...axes.last!].reduce(1, *))
            merged.append(contentsOf: shape[(axes.last! + 1)...])
            return kernel(Tensor(shape: merged, storage: storage), first).reshapedStorage(kept)
        }
        var result = detached()
        for axis in axes.reversed() { result = kernel(result, axis) }
        return result
    }

    /// The same storage under another shape of the same element count (no graph record).
    func reshapedStorage(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }

    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "sum")
        let kept = reduceKernel(axes) { $0.reduceAlong($1, initial: 0, +) }
        let result = kept.reshapedStorage(reducedShape(axes, keepDims: keepDims))
        let inputShape = shape, keptShape = kept.shape
        return Tensor.record("sum", result, input: self) { g in
            g.reshapedStorage(keptShape).broadcast(to: inputShape)
        }
    }

    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let normalized = reductionAxes(axes, op: "mean")
        let n = normalized.reduce(1) { $0 * shape[$1] }
        return sum(axes: normalized, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extreme(axes, keepDims: keepDims, op: "max", initial: -.infinity) { Swift.max($0, $1) }
    }

    public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extreme(axes, keepDims: keepDims, op: "min", initial: .infinity) { Swift.min($0, $1) }
    }

    public func min(axis: Int, keepDims: Bool = false) -> Tensor { min(axes: [axis], keepDims: keepDims) }

    /// Max or min; the gradient is shared equally among tied extremes.
    private func extreme(_ axes: [Int]?, keepDims: Bool, op: String, initial: Float,
                         _ combine: @escaping (Float, Float) -> Float) -> Tensor {
        let axes = reductionAxes(axes, op: op)
        precondition(axes.allSatisfy { shape[$0] > 0 }, "\(op): cannot reduce an empty axis of shape \(shape)")
        let kept = reduceKernel(axes) { $0.reduceAlong($1, initial: initial, combine) }
        let result = kept.reshapedStorage(reducedShape(axes, keepDims: keepDims))
        let x = detached(), keptShape = kept.shape
        return Tensor.record(op, result, input: self) { g in
            let hits = Tensor.broadcastScalars(x, kept, op: op) { $0 == $1 ? 1 : 0 }
            let ties = hits.sum(axes: axes, keepDims: true)
            return hits * (g.reshapedStorage(keptShape) / ties)
        }
    }

    /// The product over `axes`; the gradient is exact when some factors are zero.
    public func prod(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "prod")
        var result = self
        for axis in axes.reversed() { result = result.prodAlong(axis) }
        return result.reshaped(to: reducedShape(axes, keepDims: keepDims))
    }

    public func prod(axis: Int, keepDims: Bool = false) -> Tensor { prod(axes: [axis], keepDims: keepDims) }

    private func prodAlong(_ axis: Int) -> Tensor {
        let result = detached().reduceAlong(axis, initial: 1, *)
        let x = detached()
        return Tensor.record("prod", result, input: self) { g in
            // d prod / d x_k = product of the other factors: prefix times suffix products.
            let (outer, length, inner) = Tensor.splitAround(x.shape, axis: axis)
            return Tensor(shape: x.shape) { out in
                x.withUnsafeBufferPointer { source in
                    g.withUnsafeBufferPointer { grad in
                        for o in 0..<outer {
                            for i in 0..<inner {
                                let base = o * length * inner + i
                                var prefix: Float = 1
                                for k in 0..<length {
                                    out[base + k * inner] = prefix
                                    prefix *= source[base + k * inner]
                                }
                                var suffix: Float = 1
                                for k in stride(from: length - 1, through: 0, by: -1) {
                                    out[base + k * inner] *= suffix * grad[o * inner + i]
                                    suffix *= source[base + k * inner]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The population variance (NumPy's default, `ddof = 0`).
    public func variance(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let centered = self - mean(axes: axes, keepDims: true)
        return centered.square().mean(axes: axes, keepDims: keepDims)
    }

    public func variance(axis: Int, keepDims: Bool = false) -> Tensor { variance(axes: [axis], keepDims: keepDims) }

    /// The population standard deviation.
    public func standardDeviation(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        variance(axes: axes, keepDims: keepDims).sqrt()
    }

    public func standardDeviation(axis: Int, keepDims: Bool = false) -> Tensor {
        standardDeviation(axes: [axis], keepDims: keepDims)
    }

    /// `log(sum(exp(x)))`, computed without overflow by shifting by the maximum.
    public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "logSumExp")
        let shift = detached().max(axes: axes, keepDims: true).mapScalars { $0.isFinite ? $0 : 0 }
        let result = (self - shift).exp().sum(axes: axes, keepDims: true).log() + shift
        return keepDims ? result : result.reshaped(to: reducedShape(axes, keepDims: false))
    }

    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor { logSumExp(axes: [axis], keepDims: keepDims) }

    /// The index of the largest value along `axis` (the first one on ties), as a float.
    public func argmax(axis: Int, keepDims: Bool = false) -> Tensor {
        let axis = normalizeAxis(axis, rank: rank, op: "argmax")
        let kept = argExtremeAlong(axis, >)
        return kept.reshapedStorage(reducedShape([axis], keepDims: keepDims))
    }

    /// The index of the smallest value along `axis` (the first one on ties), as a float.
    public func argmin(axis: Int, keepDims: Bool = false) -> Tensor {
        let axis = normalizeAxis(axis, rank: rank, op: "argmin")
        let kept = argExtremeAlong(axis, <)
        return kept.reshapedStorage(reducedShape([axis], keepDims: keepDims))
    }

    /// The flat index of the largest value.
    public func argmax() -> Int { Int(reshapedStorage([count]).argmax(axis: 0).scalar) }

    /// The flat index of the smallest value.
    public func argmin() -> Int { Int(reshapedStorage([count]).argmin(axis: 0).scalar) }
}
