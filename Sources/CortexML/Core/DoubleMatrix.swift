import Cortex

/// A row-major matrix of `Double`s: the working copy of `[samples, features]` data for the
/// solvers that need double precision (libsvm, liblinear and L-BFGS all work in doubles).
struct DoubleMatrix: Codable, Equatable {
    var rows: Int
    var columns: Int
    var values: [Double]

    init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "DoubleMatrix: \(rows)x\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    /// A `[samples, features]` tensor widened to doubles.
    init(_ tensor: Tensor) {
        precondition(tensor.rank == 2, "DoubleMatrix: expected a matrix, got shape \(tensor.shape)")
        self.init(rows: tensor.shape[0], columns: tensor.shape[1],
                  values: tensor.withUnsafeBufferPointer { $0.map(Double.init) })
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// The given rows, in the given order.
    func rows(_ indices: [Int]) -> DoubleMatrix {
        var result = [Double]()
        result.reserveCapacity(indices.count * columns)
        for index in indices { result += row(index) }
        return DoubleMatrix(rows: indices.count, columns: columns, values: result)
    }

    /// The squared Euclidean norm of each row.
    func rowSquaredNorms() -> [Double] {
        values.withUnsafeBufferPointer { v in
            (0..<rows).map { r in
                var sum = 0.0
                for c in 0..<columns { sum += v[r * columns + c] * v[r * columns + c] }
                return sum
            }
        }
    }

    /// Narrowed back to a Float tensor of the same shape.
    var tensor: Tensor {
        Tensor(shape: [rows, columns], scalars: values.map(Float.init))
    }
}

extension DoubleMatrix {
    /// Pairwise dot products of the rows of `a` with the rows of `b`: `[a.rows, b.rows]`.
    static func rowDots(_ a: DoubleMatrix, _ b: DoubleMatrix) -> DoubleMatrix {
        precondition(a.columns == b.columns, "rowDots: \(a.columns) vs \(b.columns) columns")
        var result = DoubleMatrix(rows: a.rows, columns: b.rows)
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                result.values.withUnsafeMutableBufferPointer { pc in
                    BLAS.dgemm(transposeA: false, transposeB: true, m: a.rows, n: b.rows, k: a.columns, a: pa.baseAddress!,
                               lda: a.columns, b: pb.baseAddress!, ldb: a.columns, c: pc.baseAddress!, ldc: b.rows)
                }
            }
        }
        return result
    }
}
