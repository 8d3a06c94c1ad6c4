/// Repeating a tensor's contents: whole copies (`tiled`) or each position in turn (`repeated`).
extension Tensor {
    /// The tensor repeated `multiples[axis]` times along each axis (NumPy's `tile`): `[1, 2]`
    /// tiled by `[2]` is `[1, 2, 1, 2]`. When the ranks differ, the shorter side is padded
    /// with leading 1s.
    public func tiled(multiples: [Int]) -> Tensor {
        guard multiples.allSatisfy({ $0 >= 0 }) else {
            ShapeError(op: "tile", "multiples must not be negative, got \(multiples)").fail()
        }
        let resultRank = Swift.max(rank, multiples.count)
        let multiples = [Int](repeating: 1, count: resultRank - multiples.count) + multiples
        var result = reshaped(to: [Int](repeating: 1, count: resultRank - rank) + shape)
        for (axis, multiple) in multiples.enumerated() where multiple != 1 {
            let extent = result.shape[axis]
            result = result.gatheringRows((0..<extent * multiple).map { $0 % extent }, axis: axis, op: "tile")
        }
        return result
    }

    /// Each position along `axis` repeated `count` times in place (NumPy's `repeat`): `[1, 2]`
    /// repeated twice is `[1, 1, 2, 2]`. Without an axis the tensor is flattened first.
    public func repeated(_ count: Int, axis: Int? = nil) -> Tensor {
        guard let requestedAxis = axis else { return flattened().repeated(count, axis: 0) }
        guard rank >= 1, count >= 0 else {
            ShapeError(op: "repeat", "needs a tensor of rank 1 or more and a non-negative count, " +
                       "got shape \(shape) and count \(count)").fail()
        }
        let axis = normalizeAxis(requestedAxis, rank: rank, op: "repeat")
        return gatheringRows((0..<shape[axis] * count).map { $0 / count }, axis: axis, op: "repeat")
    }
}
