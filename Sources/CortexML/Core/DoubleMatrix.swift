#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLAS)
import CBLAS
#endif
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

/// The few double-precision BLAS calls the classic models use.
enum DoubleBLAS {
    /// y = A x for a row-major `rows` x `columns` matrix `a`.
    static func gemv(rows: Int, columns: Int, a: UnsafePointer<Double>, x: UnsafePointer<Double>,
                     y: UnsafeMutablePointer<Double>) {
        guard rows > 0 else { return }
        guard columns > 0 else {
            y.update(repeating: 0, count: rows)
            return
        }
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, a, Int32(columns), x, 1, 0, y, 1)
    }

    /// C = op(A) op(B) for row-major matrices, op(A) being `m` x `k` and op(B) `k` x `n`.
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
                     b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// C = A Bᵀ for row-major A (`m` x `k`) and B (`n` x `k`): all pairwise row dot products.
    static func gemmTransposedB(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                                c: UnsafeMutablePointer<Double>) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.update(repeating: 0, count: m * n)
            return
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(k), 0, c, Int32(n))
    }

    /// Pairwise dot products of the rows of `a` with the rows of `b`: `[a.rows, b.rows]`.
    static func rowDots(_ a: DoubleMatrix, _ b: DoubleMatrix) -> DoubleMatrix {
        precondition(a.columns == b.columns, "rowDots: \(a.columns) vs \(b.columns) columns")
        var result = DoubleMatrix(rows: a.rows, columns: b.rows)
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                result.values.withUnsafeMutableBufferPointer { pc in
                    gemmTransposedB(m: a.rows, n: b.rows, k: a.columns, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                }
            }
        }
        return result
    }
}
