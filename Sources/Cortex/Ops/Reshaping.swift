/// Ops that change a tensor's shape: reshape, broadcast, expandDims, squeeze, transpose.
extension Tensor {
    /// The new shape for `reshaped(to:)`, with one `-1` inferred; throws when it cannot fit.
    public static func resolvedShape(_ newShape: [Int], for shape: [Int], op: String = "reshape") throws -> [Int] {
        let count = elementCount(shape)
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
            throw ShapeError(op: op, "shape \(newShape) may hold at most one -1 and no other negative extent")
        }
        var resolved = newShape
        if let index = inferred.first {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            guard known > 0, count % known == 0 else {
                throw ShapeError(op: op, "cannot reshape \(shape) (\(count) elements) to \(newShape)")
            }
            resolved[index] = count / known
        }
        guard elementCount(resolved) == count else {
            throw ShapeError(op: op, "cannot reshape \(shape) (\(count) elements) to \(newShape) (\(elementCount(resolved)) elements)")
        }
        return resolved
    }

    /// The same scalars under a new shape; one extent may be -1 and is then inferred.
    public func reshaped(to newShape: [Int]) -> Tensor {
        let resolved = validated { try Tensor.resolvedShape(newShape, for: shape) }
        if resolved == shape { return self }
        let inputShape = shape
        return Tensor.record("reshape", reshapedStorage(resolved), input: self) { g in
            g.reshapedStorage(inputShape)
        }
    }

    /// All scalars in one dimension.
    public func flattened() -> Tensor { reshaped(to: [count]) }

    /// A new axis of extent 1 at `axis` (negative counts from the end of the result).
    public func expandingDims(at axis: Int) -> Tensor {
        let axis = normalizeAxis(axis, rank: rank + 1, op: "expandDims")
        var newShape = shape
        newShape.insert(1, at: axis)
        return reshaped(to: newShape)
    }

    /// Removes the given axes, which must have extent 1 (all unit axes when none are given).
    public func squeezing(axes: [Int]? = nil) -> Tensor {
        let toRemove: Set<Int>
        if let axes {
            toRemove = Set(axes.map { normalizeAxis($0, rank: rank, op: "squeeze") })
            for axis in toRemove where shape[axis] != 1 {
                ShapeError(op: "squeeze", "axis \(axis) of shape \(shape) has extent \(shape[axis]), not 1").fail()
            }
        } else {
            toRemove = Set(shape.indices.filter { shape[$0] == 1 })
        }
        return reshaped(to: shape.indices.filter { !toRemove.contains($0) }.map { shape[$0] })
    }

    /// The values repeated along axes of extent 1 (and new leading axes) to fill `newShape`.
    public func broadcast(to newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        let target = Broadcasting.shapeOrFail(shape, newShape, op: "broadcast(to:)")
        if target != newShape {
            ShapeError(op: "broadcast(to:)", "shape \(shape) cannot be broadcast to \(newShape)").fail()
        }
        let plan = BroadcastPlan(output: newShape, a: shape, b: newShape)
        let result = Tensor(uninitializedShape: newShape)
        let source = storage.pointer, destination = result.storage.pointer
        let inner = plan.inner
        Parallelism.forEachChunk(plan.rows, costPerItem: inner) { rows in
            for row in rows {
                let (offset, _) = plan.offsets(ofRow: row)
                let out = destination + row * inner
                if plan.innerStrideA == 1 {
                    out.update(from: source + offset, count: inner)
                } else {
                    out.update(repeating: source[offset], count: inner)
                }
            }
        }
        let inputShape = shape
        return Tensor.record("broadcast", result, input: self) { g in g.sumToShape(inputShape) }
    }

    /// Sums a broadcast result back down to `targetShape`: the gradient of `broadcast(to:)`.
    public func sumToShape(_ targetShape: [Int]) -> Tensor {
        if shape == targetShape { return self }
        let leading = rank - targetShape.count
        precondition(leading >= 0, "sumToShape: cannot reduce \(shape) to the larger rank of \(targetShape)")
        var axes = Array(0..<leading)
        for (index, extent) in targetShape.enumerated() where extent == 1 && shape[leading + index] != 1 {
            axes.append(leading + index)
        }
        return sum(axes: axes, keepDims: true).reshaped(to: targetShape)
    }

    /// The axes reordered: axis `i` of the result is axis `permutation[i]` of this tensor.
    public func transposed(_ permutation: [Int]) -> Tensor {
        let permutation = permutation.map { normalizeAxis($0, rank: rank, op: "transpose") }
        guard permutation.count == rank, Set(permutation).count == rank else {
            ShapeError(op: "transpose", "permutation \(permutation) is not a permutation of the \(rank) axes of \(shape)").fail()
        }
        if permutation == Array(0..<rank) { return self }
        let result = permuteKernel(permutation)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Tensor.record("transpose", result, input: self) { g in g.transposed(inverse) }
    }

    /// The last two axes swapped (a matrix transpose for rank 2).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transpose: needs rank 2 or more, got shape \(shape)")
        var permutation = Array(0..<rank)
        permutation.swapAt(rank - 1, rank - 2)
        return transposed(permutation)
    }

    /// Same as `transposed(_:)`, under PyTorch's name.
    public func permuted(_ permutation: [Int]) -> Tensor { transposed(permutation) }

    private func permuteKernel(_ permutation: [Int]) -> Tensor {
        let outShape = permutation.map { shape[$0] }
        var inputStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { inputStrides[axis] = inputStrides[axis + 1] * shape[axis + 1] }
        let strides = permutation.map { inputStrides[$0] }
        let result = Tensor(uninitializedShape: outShape)
        let inner = outShape.last ?? 1, innerStride = strides.last ?? 1
        let rows = count / Swift.max(inner, 1)
        let source = storage.pointer, destination = result.storage.pointer
        Parallelism.forEachChunk(rows, costPerItem: inner) { range in
            for row in range {
                var remainder = row, offset = 0
                for axis in stride(from: rank - 2, through: 0, by: -1) {
                    offset += (remainder % outShape[axis]) * strides[axis]
                    remainder /= outShape[axis]
                }
                let out = destination + row * inner
                for i in 0..<inner { out[i] = source[offset + i * innerStride] }
            }
        }
        return result
    }
}
