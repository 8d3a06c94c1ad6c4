/// One entry of a tensor subscript, NumPy's basic indexing in Swift clothes:
/// `x[0]`, `x[1..<3]`, `x[.all, .range(1, nil, step: 2)]`, `x[.ellipsis, -1]`, `x[.newAxis]`.
///
/// Negative positions count from the end. Ranges follow Python's slice rules: bounds past the
/// ends are clamped and a negative step walks backwards, so `.range(nil, nil, step: -1)` reverses.
/// Integer literals stand for `.index`; pass a variable as `.index(i)` and a Swift range as `.range(1..<3)`.
public enum TensorIndex: Equatable, Sendable {
    /// One position; the axis is dropped from the result.
    case index(Int)
    /// Positions `start, start + step, ...` up to but excluding `end`; nil bounds mean "from the
    /// first" and "to the last" in the walking direction.
    case range(Int?, Int?, step: Int = 1)
    /// The whole axis.
    case all
    /// A new axis of extent 1.
    case newAxis
    /// As many `.all` as the axes that the other entries leave over (at most one per subscript).
    case ellipsis
}

extension TensorIndex: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .index(value) }
}

/// A Swift range of `Int` used as a tensor index: `1..<3`, `1...2`, `1...`, `..<3`, `...2`.
public protocol TensorRangeExpression {
    /// The bounds as the start and exclusive end of a `TensorIndex.range`.
    var tensorRangeBounds: (start: Int?, end: Int?) { get }
}

extension Range: TensorRangeExpression where Bound == Int {
    public var tensorRangeBounds: (start: Int?, end: Int?) { (lowerBound, upperBound) }
}

extension ClosedRange: TensorRangeExpression where Bound == Int {
    public var tensorRangeBounds: (start: Int?, end: Int?) { (lowerBound, TensorIndex.exclusiveEnd(after: upperBound)) }
}

extension PartialRangeFrom: TensorRangeExpression where Bound == Int {
    public var tensorRangeBounds: (start: Int?, end: Int?) { (lowerBound, nil) }
}

extension PartialRangeUpTo: TensorRangeExpression where Bound == Int {
    public var tensorRangeBounds: (start: Int?, end: Int?) { (nil, upperBound) }
}

extension PartialRangeThrough: TensorRangeExpression where Bound == Int {
    public var tensorRangeBounds: (start: Int?, end: Int?) { (nil, TensorIndex.exclusiveEnd(after: upperBound)) }
}

extension TensorIndex {
    /// The positions of a Swift range, every `step`-th one: `.range(0..<10, step: 2)`. The step
    /// must be positive; `.range(start, end, step:)` walks backwards.
    public static func range<R: TensorRangeExpression>(_ range: R, step: Int = 1) -> TensorIndex {
        precondition(step > 0, "TensorIndex.range: a Swift range walks forwards and needs a positive step, got \(step)")
        let (start, end) = range.tensorRangeBounds
        return .range(start, end, step: step)
    }

    /// The exclusive end just past `position`, where -1 (the last position) has no successor.
    static func exclusiveEnd(after position: Int) -> Int? {
        position == -1 ? nil : position + 1
    }

    /// The first position and the number of positions that `.range(start, end, step)` selects
    /// from an axis of `extent`, by Python's slice rules.
    static func resolveRange(start: Int?, end: Int?, step: Int, extent: Int) -> (first: Int, count: Int) {
        let lower = step > 0 ? 0 : -1
        let upper = step > 0 ? extent : extent - 1
        func clamp(_ bound: Int?, default fallback: Int) -> Int {
            guard let bound else { return fallback }
            return bound < 0 ? Swift.max(bound + extent, lower) : Swift.min(bound, upper)
        }
        let first = clamp(start, default: step > 0 ? lower : upper)
        let stop = clamp(end, default: step > 0 ? upper : lower)
        let span = step > 0 ? stop - first : first - stop
        let stride = Swift.abs(step)
        return (first, span > 0 ? (span + stride - 1) / stride : 0)
    }
}

/// Where the result of a subscript lies in its source: a shape, and per result axis a stride
/// into the source's scalars, from a start offset.
struct SliceView {
    var shape: [Int] = []
    var strides: [Int] = []
    var offset = 0

    init(_ indices: [TensorIndex], of source: [Int], op: String) {
        let ellipses = indices.filter { $0 == .ellipsis }.count
        let consumed = indices.filter { $0 != .newAxis && $0 != .ellipsis }.count
        guard ellipses <= 1 else {
            ShapeError(op: op, "at most one .ellipsis per subscript, got \(ellipses)").fail()
        }
        guard consumed <= source.count else {
            ShapeError(op: op, "\(consumed) indices for a tensor of rank \(source.count) (shape \(source))").fail()
        }
        let sourceStrides = StridedCopy.contiguousStrides(source)
        var axis = 0
        func keepWhole(_ count: Int) {
            for _ in 0..<count {
                shape.append(source[axis]); strides.append(sourceStrides[axis]); axis += 1
            }
        }
        for index in indices {
            switch index {
            case .index(let position):
                let extent = source[axis]
                let resolved = position < 0 ? position + extent : position
                guard resolved >= 0 && resolved < extent else {
                    ShapeError(op: op, "index \(position) is out of range for axis \(axis) of shape \(source)").fail()
                }
                offset += resolved * sourceStrides[axis]
                axis += 1
            case .range(let start, let end, let step):
                guard step != 0 else { ShapeError(op: op, "a range step must not be 0").fail() }
                let (first, count) = TensorIndex.resolveRange(start: start, end: end, step: step, extent: source[axis])
                shape.append(count)
                strides.append(step * sourceStrides[axis])
                if count > 0 { offset += first * sourceStrides[axis] }
                axis += 1
            case .all:
                keepWhole(1)
            case .newAxis:
                shape.append(1); strides.append(0)
            case .ellipsis:
                keepWhole(source.count - consumed)
            }
        }
        keepWhole(source.count - axis)
    }

    /// Whether the view is its whole source, unchanged.
    func isIdentity(of source: [Int]) -> Bool {
        offset == 0 && shape == source && strides == StridedCopy.contiguousStrides(source)
    }
}

/// Basic indexing and slicing, differentiable; assignment through the same subscripts.
extension Tensor {
    /// The entries picked by `indices` (see `TensorIndex`); the gradient flows back to the
    /// picked positions. Setting writes a tensor that broadcasts to the picked shape into those
    /// positions in place (the tensor then leaves any gradient computation).
    public subscript(_ indices: TensorIndex...) -> Tensor {
        get { sliced(indices) }
        set { assign(newValue, to: indices) }
    }

    /// Position `index` of axis 0, which is dropped: `images[0]` is the first image.
    public subscript(_ index: Int) -> Tensor {
        get { sliced([.index(index)]) }
        set { assign(newValue, to: [.index(index)]) }
    }

    /// Positions `range` of axis 0: `batch[0..<32]`, `sequence[(-3)...]`.
    public subscript<R: TensorRangeExpression>(_ range: R) -> Tensor {
        get { sliced([.range(range)]) }
        set { assign(newValue, to: [.range(range)]) }
    }

    /// Positions `start, start + step, ...` before `end` along `axis`, which stays in the result;
    /// the same rules as `TensorIndex.range`, handy when the axis is a variable.
    public func slice(axis: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) -> Tensor {
        let axis = normalizeAxis(axis, rank: rank, op: "slice")
        return sliced([TensorIndex](repeating: .all, count: axis) + [.range(start, end, step: step)])
    }

    /// The order of positions reversed along `axes` (all axes when nil), like NumPy's `flip`.
    public func flipped(axes: [Int]? = nil) -> Tensor {
        let flipping = Set((axes ?? Array(0..<rank)).map { normalizeAxis($0, rank: rank, op: "flip") })
        return sliced((0..<rank).map { flipping.contains($0) ? .range(nil, nil, step: -1) : .all })
    }

    func sliced(_ indices: [TensorIndex]) -> Tensor {
        let view = SliceView(indices, of: shape, op: "slice")
        if view.isIdentity(of: shape) { return self }
        let result = Tensor(uninitializedShape: view.shape)
        StridedCopy(shape: view.shape, sourceStrides: view.strides, sourceOffset: view.offset,
                    destinationStrides: StridedCopy.contiguousStrides(view.shape))
            .run(from: storage.pointer, to: result.storage.pointer)
        let inputShape = shape
        return Tensor.record("slice", result, input: self) { g in
            let gradient = Tensor.zeros(inputShape)
            StridedCopy(shape: view.shape, sourceStrides: StridedCopy.contiguousStrides(view.shape),
                        destinationStrides: view.strides, destinationOffset: view.offset)
                .run(from: g.storage.pointer, to: gradient.storage.pointer)
            return gradient
        }
    }

    mutating func assign(_ value: Tensor, to indices: [TensorIndex]) {
        let op = "slice assignment"
        let view = SliceView(indices, of: shape, op: op)
        let padded = [Int](repeating: 1, count: Swift.max(0, view.shape.count - value.rank)) + value.shape
        guard value.rank <= view.shape.count,
              zip(padded, view.shape).allSatisfy({ $0 == $1 || $0 == 1 }) else {
            ShapeError(op: op, "expected a value of shape \(view.shape) or one that broadcasts to it, got \(value.shape)").fail()
        }
        let valueStrides = zip(StridedCopy.contiguousStrides(padded), zip(padded, view.shape)).map { stride, extents in
            extents.0 == extents.1 ? stride : 0
        }
        withUnsafeMutableBufferPointer { buffer in
            StridedCopy(shape: view.shape, sourceStrides: valueStrides,
                        destinationStrides: view.strides, destinationOffset: view.offset)
                .run(from: value.storage.pointer, to: buffer.baseAddress!)
        }
    }
}
