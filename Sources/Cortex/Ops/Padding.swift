/// How `padded(_:mode:)` fills the new border (NumPy's `pad` modes).
public enum PaddingMode: Equatable, Sendable {
    /// A fixed value: zero padding for convolutions is `.constant(0)`.
    case constant(Float)
    /// The values mirrored about the edge, the edge itself not repeated: `[1, 2, 3]` → `3 2 | 1 2 3 | 2 1`.
    case reflect
    /// The values mirrored including the edge: `[1, 2, 3]` → `2 1 | 1 2 3 | 3 2`.
    case symmetric
    /// The edge value repeated: `[1, 2, 3]` → `1 1 | 1 2 3 | 3 3`.
    case edge
}

extension Tensor {
    /// This tensor with `padding[axis].before` positions added in front of each axis and
    /// `padding[axis].after` behind it, filled as `mode` says. Borders wider than the axis
    /// keep mirroring (reflect, symmetric), as in NumPy.
    public func padded(_ padding: [(before: Int, after: Int)], mode: PaddingMode = .constant(0)) -> Tensor {
        let op = "pad"
        guard padding.count == rank, padding.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
            ShapeError(op: op, "expected \(rank) non-negative (before, after) pairs for shape \(shape), " +
                       "got \(padding.map { [$0.before, $0.after] })").fail()
        }
        guard case .constant(let value) = mode else {
            var result = self
            for (axis, pad) in padding.enumerated() where pad.before + pad.after > 0 {
                guard shape[axis] > 0 else {
                    ShapeError(op: op, "cannot pad the empty axis \(axis) of shape \(shape) in mode \(mode)").fail()
                }
                let map = (-pad.before..<(shape[axis] + pad.after)).map {
                    Tensor.paddingSource(of: $0, extent: shape[axis], mode: mode)
                }
                result = result.gatheringRows(map, axis: axis, op: op)
            }
            return result
        }
        let resultShape = zip(shape, padding).map { $0 + $1.before + $1.after }
        let result = Tensor(repeating: value, shape: resultShape)
        let resultStrides = StridedCopy.contiguousStrides(resultShape)
        let interiorOffset = zip(padding, resultStrides).reduce(0) { $0 + $1.0.before * $1.1 }
        StridedCopy(shape: shape, sourceStrides: StridedCopy.contiguousStrides(shape),
                    destinationStrides: resultStrides, destinationOffset: interiorOffset)
            .run(from: storage.pointer, to: result.storage.pointer)
        let interior = zip(padding, shape).map { TensorIndex.range($0.before, $0.before + $1) }
        return Tensor.record(op, result, input: self) { g in g.sliced(interior) }
    }

    /// The position of an axis of `extent` whose value fills position `position` (negative
    /// before the start, `extent` or more past the end) under a mirroring or edge mode; constant
    /// padding writes its value instead and never asks.
    private static func paddingSource(of position: Int, extent: Int, mode: PaddingMode) -> Int {
        func wrapped(_ period: Int) -> Int { ((position % period) + period) % period }
        switch mode {
        case .edge, .constant:
            return Swift.min(Swift.max(position, 0), extent - 1)
        case .reflect:
            guard extent > 1 else { return 0 }
            let period = 2 * (extent - 1), phase = wrapped(period)
            return phase < extent ? phase : period - phase
        case .symmetric:
            let period = 2 * extent, phase = wrapped(period)
            return phase < extent ? phase : period - 1 - phase
        }
    }
}
