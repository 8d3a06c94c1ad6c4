/// Joining tensors along an axis and splitting them apart again.
extension Tensor {
    /// The shape of `concatenate(_:axis:)` for tensors of `shapes`, or a `ShapeError` naming the
    /// tensor that does not fit; model-building code (a Concatenate layer) checks with it first.
    public static func concatenatedShape(_ shapes: [[Int]], axis: Int) throws -> [Int] {
        let op = "concatenate"
        guard let first = shapes.first else { throw ShapeError(op: op, "needs at least one tensor") }
        guard !first.isEmpty else { throw ShapeError(op: op, "cannot concatenate scalars (tensor 0 has shape [])") }
        let axis = try checkedAxis(axis, rank: first.count, op: op)
        var result = first
        for (position, shape) in shapes.enumerated().dropFirst() {
            let fits = shape.count == first.count
                && shape.indices.allSatisfy { $0 == axis || shape[$0] == first[$0] }
            guard fits else {
                let expected = first.indices.map { $0 == axis ? "_" : String(first[$0]) }.joined(separator: ", ")
                throw ShapeError(op: op, "along axis \(axis) every shape must be [\(expected)] like tensor 0 \(first) " +
                                 "outside that axis, got \(shape) for tensor \(position)")
            }
            result[axis] += shape[axis]
        }
        return result
    }

    /// The tensors side by side along `axis`; all other extents must match.
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        let resultShape = validated { try concatenatedShape(tensors.map(\.shape), axis: axis) }
        if tensors.count == 1 { return tensors[0] }
        let axis = normalizeAxis(axis, rank: resultShape.count, op: "concatenate")
        let result = Tensor(uninitializedShape: resultShape)
        let (outer, total, inner) = result.axisLayout(axis)
        var starts: [Int] = []
        var start = 0
        for tensor in tensors {
            let width = tensor.shape[axis] * inner
            StridedCopy(shape: [outer, width], sourceStrides: [width, 1],
                        destinationStrides: [total * inner, 1], destinationOffset: start * inner)
                .run(from: tensor.storage.pointer, to: result.storage.pointer)
            starts.append(start)
            start += tensor.shape[axis]
        }
        let extents = tensors.map { $0.shape[axis] }
        return record("concatenate", result, inputs: tensors) { g, needs in
            needs.indices.map { i in
                needs[i] ? g.slice(axis: axis, start: starts[i], end: starts[i] + extents[i]) : nil
            }
        }
    }

    /// The tensors, all of one shape, along a new axis `axis` of the result.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { ShapeError(op: "stack", "needs at least one tensor").fail() }
        if let position = tensors.firstIndex(where: { $0.shape != first.shape }) {
            ShapeError(op: "stack", "every tensor must have shape \(first.shape) like tensor 0, " +
                       "got \(tensors[position].shape) for tensor \(position)").fail()
        }
        let axis = normalizeAxis(axis, rank: first.rank + 1, op: "stack")
        return concatenate(tensors.map { $0.expandingDims(at: axis) }, axis: axis)
    }

    /// `count` equal parts along `axis`, whose extent `count` must divide.
    public func split(count: Int, axis: Int = 0) -> [Tensor] {
        guard rank >= 1 else { ShapeError(op: "split", "cannot split a scalar").fail() }
        let axis = normalizeAxis(axis, rank: rank, op: "split")
        guard count > 0, shape[axis] % count == 0 else {
            ShapeError(op: "split", "axis \(axis) of shape \(shape) does not divide into \(count) equal parts").fail()
        }
        return split(sizes: [Int](repeating: shape[axis] / count, count: count), axis: axis)
    }

    /// Consecutive parts of the given extents along `axis`; they must add up to its extent.
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        guard rank >= 1 else { ShapeError(op: "split", "cannot split a scalar").fail() }
        let axis = normalizeAxis(axis, rank: rank, op: "split")
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[axis] else {
            ShapeError(op: "split", "sizes \(sizes) must be non-negative and add up to \(shape[axis]), " +
                       "the extent of axis \(axis) of shape \(shape)").fail()
        }
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: axis, start: start, end: start + size)
        }
    }
}
