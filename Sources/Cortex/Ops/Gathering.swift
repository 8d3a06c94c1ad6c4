/// Picking positions along an axis by index: `gathering` (NumPy's `take`, TensorFlow's
/// `gather`, an embedding lookup) and `takeAlongAxis`. Indices travel as whole-number floats;
/// negative ones count from the end. The gradient scatter-adds, so repeated indices accumulate.
extension Tensor {
    /// The slices at `indices` along `axis`: the result has shape
    /// `shape[..<axis] + indices.shape + shape[(axis + 1)...]`.
    public func gathering(indices: Tensor, axis: Int = 0) -> Tensor {
        let op = "gather"
        guard rank >= 1 else { ShapeError(op: op, "cannot gather from a scalar").fail() }
        let axis = normalizeAxis(axis, rank: rank, op: op)
        let map = Tensor.validatedIndices(indices, extent: shape[axis], op: op, place: "axis \(axis) of shape \(shape)")
        let resultShape = Array(shape[..<axis]) + indices.shape + Array(shape[(axis + 1)...])
        return gatheringRows(map, axis: axis, op: op).reshaped(to: resultShape)
    }

    /// The values at `indices` along `axis`, one index per result element (NumPy's
    /// `take_along_axis`): `x.takeAlongAxis(indices: x.argmax(axis: 1, keepDims: true), axis: 1)`
    /// picks each row's maximum. `indices` has this tensor's rank; the other axes broadcast.
    public func takeAlongAxis(indices: Tensor, axis: Int) -> Tensor {
        let op = "takeAlongAxis"
        let axis = normalizeAxis(axis, rank: rank, op: op)
        guard indices.rank == rank, rank >= 1 else {
            ShapeError(op: op, "expected indices of rank \(rank) like the tensor of shape \(shape), got shape \(indices.shape)").fail()
        }
        var sourceOuter = shape, indexOuter = indices.shape
        sourceOuter[axis] = 1
        indexOuter[axis] = 1
        var sourceShape = Broadcasting.shapeOrFail(sourceOuter, indexOuter, op: op)
        var resultShape = sourceShape
        sourceShape[axis] = shape[axis]
        resultShape[axis] = indices.shape[axis]
        let source = broadcast(to: sourceShape)
        let map = Tensor.validatedIndices(indices.detached().broadcast(to: resultShape), extent: shape[axis],
                                          op: op, place: "axis \(axis) of shape \(shape)")
        let (outer, extent, inner) = source.axisLayout(axis)
        let picked = resultShape[axis]
        let result = Tensor(uninitializedShape: resultShape)
        GatherKernels.gatherElements(source.storage.pointer, outer: outer, extent: extent, inner: inner,
                                     indices: map, picked: picked, into: result.storage.pointer)
        return Tensor.record(op, result, input: source) { g in
            let gradient = Tensor.zeros(sourceShape)
            GatherKernels.scatterAddElements(g.storage.pointer, outer: outer, extent: extent, inner: inner,
                                             indices: map, picked: picked, into: gradient.storage.pointer)
            return gradient
        }
    }

    /// Positions `map` of `axis` (already validated), the axis taking `map.count` as its extent.
    /// The shared step behind gather, tiling, repeating and the non-constant paddings.
    func gatheringRows(_ map: [Int], axis: Int, op: String) -> Tensor {
        let (outer, extent, inner) = axisLayout(axis)
        var resultShape = shape
        resultShape[axis] = map.count
        let result = Tensor(uninitializedShape: resultShape)
        GatherKernels.gatherRows(storage.pointer, outer: outer, extent: extent, inner: inner,
                                 map: map, into: result.storage.pointer)
        let inputShape = shape
        return Tensor.record(op, result, input: self) { g in
            let gradient = Tensor.zeros(inputShape)
            GatherKernels.scatterAddRows(g.storage.pointer, outer: outer, extent: extent, inner: inner,
                                         map: map, into: gradient.storage.pointer)
            return gradient
        }
    }

    /// This tensor seen as `[outer, extent, inner]` around `axis`.
    func axisLayout(_ axis: Int) -> (outer: Int, extent: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// The scalars of `indices` as positions in `0..<extent` (negative ones counted from the end
    /// when `countsFromEnd`); stops naming `op`, the offending value and `place` (what the
    /// positions index) when one is not a whole number or out of range.
    static func validatedIndices(_ indices: Tensor, extent: Int, op: String, place: @autoclosure () -> String,
                                 countsFromEnd: Bool = true) -> [Int] {
        let lowest = countsFromEnd ? -extent : 0
        return indices.withUnsafeBufferPointer { values in
            values.map { value in
                guard let index = Int(exactly: value) else {
                    preconditionFailure("\(op): index \(value) is not a whole number")
                }
                guard index >= lowest && index < extent else {
                    preconditionFailure("\(op): index \(index) is out of range for \(place())")
                }
                return index < 0 ? index + extent : index
            }
        }
    }
}
