/// An n-dimensional array of `Float`, row-major and contiguous, with value semantics.
///
/// Copies share one `TensorBuffer` until one of them writes (copy-on-write). Images are NHWC.
/// Integer data (labels, token ids, indices) travels as whole-number floats.
///
/// Every op is differentiable: when one of its inputs takes part in a gradient computation
/// (see `valueWithGradient(at:in:)` and `requiringGradient()`), the op records how to carry the
/// gradient back; otherwise it records nothing, so inference builds no graph.
public struct Tensor {
    /// The extent of each dimension; `[]` for a scalar.
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorBuffer
    /// The graph node when this tensor is part of a gradient computation.
    var node: AutodiffNode?

    init(shape: [Int], storage: TensorBuffer, node: AutodiffNode? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor of the given shape whose scalars are left for the caller to write.
    init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorBuffer(uninitializedCount: Self.elementCount(shape)))
    }

    /// A tensor of the given shape, its scalars written by `body` into uninitialised memory.
    init(shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        self.init(uninitializedShape: shape)
        body(storage.buffer)
    }

    /// A tensor from row-major scalars.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:scalars:): negative dimension in shape \(shape)")
        let count = Self.elementCount(shape)
        precondition(count == scalars.count,
                     "Tensor(shape:scalars:): shape \(shape) holds \(count) scalars, got \(scalars.count)")
        self.init(shape: shape, storage: scalars.withUnsafeBufferPointer { TensorBuffer(copying: $0) })
    }

    /// A rank-1 tensor.
    public init(_ scalars: [Float]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A rank-0 tensor.
    public init(_ scalar: Float) {
        self.init(shape: [], storage: TensorBuffer(repeating: scalar, count: 1))
    }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(repeating:shape:): negative dimension in shape \(shape)")
        self.init(shape: shape, storage: TensorBuffer(repeating: value, count: Self.elementCount(shape)))
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of scalars.
    public var count: Int { storage.count }
    /// The row-major scalars, copied out.
    public var scalars: [Float] { Array(storage.buffer) }

    /// The only scalar of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "Tensor.scalar: needs a tensor with one element, got shape \(shape)")
        return storage.pointer[0]
    }

    /// Reads the scalars without copying.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Writes the scalars in place, first copying the storage if another tensor shares it.
    /// The result no longer takes part in any gradient computation.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorBuffer(copying: UnsafeBufferPointer(start: storage.pointer, count: storage.count))
        }
        node = nil
        var buffer = storage.buffer
        return try body(&buffer)
    }

    /// Element access by full index.
    public subscript(index indices: [Int]) -> Float {
        get { storage.pointer[flatIndex(indices)] }
        set {
            let offset = flatIndex(indices)
            withUnsafeMutableBufferPointer { $0[offset] = newValue }
        }
    }

    func flatIndex(_ indices: [Int]) -> Int {
        precondition(indices.count == rank, "Tensor subscript: expected \(rank) indices for shape \(shape), got \(indices.count)")
        var offset = 0
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis],
                         "Tensor subscript: index \(index) out of range for axis \(axis) of shape \(shape)")
            offset = offset * shape[axis] + index
        }
        return offset
    }

    static func elementCount(_ shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    /// The same values, cut off from any gradient computation.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// True when both tensors have the same shape and exactly the same scalars.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        if lhs.storage === rhs.storage { return true }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }

    /// True when the shapes match and every pair of scalars differs by at most
    /// `absoluteTolerance + relativeTolerance * |other|` (NumPy's `allclose`).
    public func isAlmostEqual(to other: Tensor, absoluteTolerance: Float = 1e-5,
                              relativeTolerance: Float = 1e-5) -> Bool {
        guard shape == other.shape else { return false }
        return withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                for i in 0..<a.count {
                    let difference: Float = Swift.abs(a[i] - b[i])
                    let bound: Float = absoluteTolerance + relativeTolerance * Swift.abs(b[i])
                    if !(difference <= bound) { return false }
                }
                return true
            }
        }
    }
}

extension Tensor: Equatable {}

/// Tensors cross threads (data pipelines, parallel kernels) like arrays do: storage is never
/// written while shared, and graph nodes are only walked by the thread that runs the backward pass.
extension Tensor: @unchecked Sendable {}
