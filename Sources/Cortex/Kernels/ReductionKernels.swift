/// Single-axis reductions over a tensor viewed as `[outer, length, inner]`.
extension Tensor {
    /// The `[outer, length, inner]` view of `shape` around `axis`.
    static func splitAround(_ shape: [Int], axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// Folds `axis` away with `combine`, starting from `initial`; the result keeps the axis at
    /// extent 1.
    @inline(__always)
    func reduceAlong(_ axis: Int, initial: Float, _ combine: (Float, Float) -> Float) -> Tensor {
        let (outer, length, inner) = Tensor.splitAround(shape, axis: axis)
        var outShape = shape
        outShape[axis] = 1
        let result = Tensor(uninitializedShape: outShape)
        // Everything but `combine` travels as context so the body captures only the op and stays
        // specialised on worker threads (see `forEachChunk`).
        let context = (source: storage.pointer, destination: result.storage.pointer, length: length, inner: inner,
                       initial: initial)
        if inner == 1 {
            Parallelism.forEachChunk(outer, costPerItem: length, context: context) { rows, p in
                let length = p.length, initial = p.initial
                for row in rows {
                    let base = p.source + row * length
                    // Four partial accumulators break the dependency chain so the loop vectorises.
                    var a0 = initial, a1 = initial, a2 = initial, a3 = initial
                    var k = 0
                    while k + 4 <= length {
                        a0 = combine(a0, base[k]); a1 = combine(a1, base[k + 1])
                        a2 = combine(a2, base[k + 2]); a3 = combine(a3, base[k + 3])
                        k += 4
                    }
                    while k < length { a0 = combine(a0, base[k]); k += 1 }
                    p.destination[row] = combine(combine(a0, a1), combine(a2, a3))
                }
            }
        } else if outer < Parallelism.threadCount && length >= 2 * Parallelism.threadCount
                    && outer * length * inner >= Parallelism.minimumParallelElements {
            reduceInBands(result, outer: outer, length: length, inner: inner, initial: initial, combine)
        } else {
            Parallelism.forEachChunk(outer * inner, costPerItem: length, context: context) { range, p in
                let length = p.length, inner = p.inner, initial = p.initial
                // Walk whole rows of `inner` where the chunk allows, accumulating in the output.
                var index = range.lowerBound
                while index < range.upperBound {
                    let o = index / inner, start = index % inner
                    let end = Swift.min(inner, start + (range.upperBound - index))
                    let out = p.destination + o * inner
                    for i in start..<end { out[i] = initial }
                    let base = p.source + o * length * inner
                    for k in 0..<length {
                        let row = base + k * inner
                        for i in start..<end { out[i] = combine(out[i], row[i]) }
                    }
                    index += end - start
                }
            }
        }
        return result
    }

    /// The reduction of a long axis with few output rows (a bias gradient: `[batch·h·w, channels]`
    /// down to `[channels]`): each thread folds one band of the axis into its own partial rows,
    /// then the partials are folded in band order, so the result does not depend on timing.
    @inline(__always)
    private func reduceInBands(_ result: Tensor, outer: Int, length: Int, inner: Int, initial: Float,
                               _ combine: (Float, Float) -> Float) {
        let bands = Parallelism.threadCount
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: bands * outer * inner)
        defer { partials.deallocate() }
        let context = (source: storage.pointer, partials: partials, outer: outer, length: length, inner: inner,
                       bands: bands, initial: initial)
        Parallelism.forEachChunk(bands, costPerItem: outer * length * inner / bands, context: context) { range, p in
            for band in range {
                let first = p.length * band / p.bands, last = p.length * (band + 1) / p.bands
                for o in 0..<p.outer {
                    let out = p.partials + (band * p.outer + o) * p.inner
                    for i in 0..<p.inner { out[i] = p.initial }
                    for k in first..<last {
                        let row = p.source + (o * p.length + k) * p.inner
                        for i in 0..<p.inner { out[i] = combine(out[i], row[i]) }
                    }
                }
            }
        }
        let destination = result.storage.pointer
        destination.update(from: partials, count: outer * inner)
        for band in 1..<bands {
            let partial = partials + band * outer * inner
            for i in 0..<(outer * inner) { destination[i] = combine(destination[i], partial[i]) }
        }
    }

    /// The index of the first extreme value along `axis` (by `isBetter`), kept at extent 1.
    func argExtremeAlong(_ axis: Int, _ isBetter: (Float, Float) -> Bool) -> Tensor {
        let (outer, length, inner) = Tensor.splitAround(shape, axis: axis)
        precondition(length > 0, "argmax/argmin: axis \(axis) of shape \(shape) is empty")
        var outShape = shape
        outShape[axis] = 1
        let result = Tensor(uninitializedShape: outShape)
        let source = storage.pointer, destination = result.storage.pointer
        for o in 0..<outer {
            for i in 0..<inner {
                let base = source + o * length * inner + i
                var best = base[0], bestIndex = 0
                for k in 1..<Swift.max(length, 1) where isBetter(base[k * inner], best) || (best.isNaN == false && base[k * inner].isNaN) {
                    best = base[k * inner]
                    bestIndex = k
                    if best.isNaN { break }
                }
                destination[o * inner + i] = Float(bestIndex)
            }
        }
        return result
    }
}
