/// Tensors made from shapes, ranges and nested arrays.
extension Tensor {
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }
    public static func full(_ shape: [Int], value: Float) -> Tensor { Tensor(repeating: value, shape: shape) }

    /// A tensor of zeros with the shape of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }
    /// A tensor of ones with the shape of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// `start, start + step, ...` up to but excluding `end` (NumPy's `arange`).
    public static func arange(_ start: Float, _ end: Float, step: Float = 1) -> Tensor {
        precondition(step != 0, "arange: step must not be 0")
        let count = Swift.max(0, Int((Double(end - start) / Double(step)).rounded(.up)))
        return Tensor(shape: [count]) { out in
            for i in 0..<count { out[i] = start + Float(i) * step }
        }
    }

    /// `0, 1, ...` up to but excluding `end`.
    public static func arange(_ end: Float) -> Tensor { arange(0, end) }

    /// `count` evenly spaced values from `start` to `end` inclusive.
    public static func linspace(_ start: Float, _ end: Float, count: Int) -> Tensor {
        precondition(count >= 0, "linspace: count must not be negative, got \(count)")
        return Tensor(shape: [count]) { out in
            let step = count > 1 ? (Double(end) - Double(start)) / Double(count - 1) : 0
            for i in 0..<count { out[i] = Float(Double(start) + Double(i) * step) }
            if count > 1 { out[count - 1] = end }
        }
    }

    /// The identity matrix with `rows` rows (and `columns` columns, square by default).
    public static func eye(_ rows: Int, _ columns: Int? = nil) -> Tensor {
        let columns = columns ?? rows
        var result = zeros([rows, columns])
        result.withUnsafeMutableBufferPointer { out in
            for i in 0..<Swift.min(rows, columns) { out[i * columns + i] = 1 }
        }
        return result
    }

    /// A matrix from rows of equal length.
    public init(_ rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "Tensor([[Float]]): rows have different lengths")
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// A rank-3 tensor from nested arrays of equal extents.
    public init(_ planes: [[[Float]]]) {
        let matrices = planes.map { Tensor($0) }
        let inner = matrices.first?.shape ?? [0, 0]
        precondition(matrices.allSatisfy { $0.shape == inner }, "Tensor([[[Float]]]): nested arrays have different extents")
        self.init(shape: [planes.count] + inner, scalars: planes.flatMap { $0.flatMap { $0 } })
    }

    /// A rank-4 tensor from nested arrays of equal extents.
    public init(_ blocks: [[[[Float]]]]) {
        let cubes = blocks.map { Tensor($0) }
        let inner = cubes.first?.shape ?? [0, 0, 0]
        precondition(cubes.allSatisfy { $0.shape == inner }, "Tensor([[[[Float]]]]): nested arrays have different extents")
        self.init(shape: [blocks.count] + inner, scalars: blocks.flatMap { $0.flatMap { $0.flatMap { $0 } } })
    }
}
