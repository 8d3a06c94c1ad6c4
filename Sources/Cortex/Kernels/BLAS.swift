#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLAS)
import CBLAS
#endif
#if canImport(CDNNL)
import CDNNL
#endif

/// The one doorway to the platform's BLAS (Accelerate on macOS; on Linux oneDNN's sgemm for
/// single-precision products and OpenBLAS for the rest). Other modules call these rather than
/// the C libraries, so a different backend replaces one file.
///
/// oneDNN generates its sgemm kernels for the CPU at hand and splits even small products well
/// over threads; OpenBLAS's threaded sgemm was slower on two threads than on one for the
/// products of a recurrent step or a thin convolution (benchmarks/NOTES.md).
public enum BLAS {
    /// Products of fewer multiply-adds than this (`m * n * k`) run on the calling thread: they
    /// save at most a few microseconds on two threads of an idle machine, and lose hundreds when
    /// another program holds a core, since the thread that finishes first waits for the other
    /// (benchmarks/NOTES.md, changes 10 and 15). A single sample through a 784 × 512 dense layer
    /// (401 K) still splits: reading its matrix on two cores saves more than the wait costs.
    /// (A recurrent layer's steps run one batch slice per thread instead: `Parallelism.forEachPart`.)
    static let minimumParallelProduct = 1 << 18

    /// The same limit for a product with one row or one column (one sample through a dense
    /// layer). Such a product reads each matrix element for a single multiply-add, so its speed
    /// is the cache's rather than the arithmetic units', and two cores' caches pay off sooner:
    /// oneDNN on this 2-core machine took 11.0 µs on one thread against 7.6 on two for
    /// 512 × 256, 18.6 against 10.6 for 1600 × 128, but 5.1 against 7.3 for 256 × 256
    /// (benchmarks/NOTES.md, change 17).
    static let minimumParallelVectorProduct = 1 << 17

    /// C = alpha * op(A) * op(B) + beta * C, all row-major.
    ///
    /// With OpenBLAS, a product with one row or one column (a single sample through a dense
    /// layer) goes to `sgemv`, which reads the matrix once; OpenBLAS's `sgemm` would first copy
    /// the whole matrix into its packed layout, which for one row costs more than the product
    /// itself. oneDNN's sgemm takes such products to its own matrix-vector kernels, as fast as
    /// OpenBLAS's `sgemv` on one thread, and keeps them on its OpenMP threads: OpenBLAS's own
    /// threads had to wait for those to stop spinning (benchmarks/NOTES.md, change 7).
    @inline(__always)
    public static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                      alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                      b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        #if canImport(CDNNL)
        let oneDNN = OneDNN.functions
        let threads = oneDNN.threadCount()
        let limit = m == 1 || n == 1 ? minimumParallelVectorProduct : minimumParallelProduct
        let isSmall = threads > 1 && m * n * k < limit
        if isSmall { oneDNN.setThreadCount(1) }
        let status = oneDNN.sgemm(transposeA ? 84 : 78, transposeB ? 84 : 78, Int64(m), Int64(n), Int64(k), alpha, a, Int64(lda),
                                  b, Int64(ldb), beta, c, Int64(ldc))
        if isSmall { oneDNN.setThreadCount(threads) }
        precondition(status == dnnl_success, "BLAS.sgemm: oneDNN refused a \(m)x\(n)x\(k) product (status \(status.rawValue))")
        #else
        if (m == 1 || n == 1) && k > 0 {
            sgemv(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                  b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        #endif
    }

    /// `sgemm` for a one-row or one-column result, as a matrix-vector product.
    private static func sgemv(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                              a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                              beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        // BLAS lets beta = 0 skip reading C, but some OpenBLAS versions scale it (0 · NaN = NaN)
        // instead: fresh tensor memory may hold anything, so clear it first.
        if m == 1 {
            // The row of C is op(B)ᵀ times the row of op(A), whose elements lie `lda` apart when A
            // is stored transposed ([k, 1]) and next to each other otherwise.
            if beta == 0 { c.update(repeating: 0, count: n) }
            cblas_sgemv(CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, Int32(transposeB ? n : k),
                        Int32(transposeB ? k : n), alpha, b, Int32(ldb), a, Int32(transposeA ? lda : 1), beta, c, 1)
        } else {
            // The column of C (elements `ldc` apart) is op(A) times the column of op(B).
            if beta == 0 { for row in 0..<m { c[row * ldc] = 0 } }
            cblas_sgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, Int32(transposeA ? k : m),
                        Int32(transposeA ? m : k), alpha, a, Int32(lda), b, Int32(transposeB ? 1 : ldb), beta, c, Int32(ldc))
        }
    }

    /// C = op(A) op(B) in double precision, row-major, op(A) being `m` x `k` and op(B) `k` x `n`.
    public static func dgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
                             b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) }
            return
        }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// y = A x in double precision for a row-major `rows` x `columns` matrix `a`.
    public static func dgemv(rows: Int, columns: Int, a: UnsafePointer<Double>, x: UnsafePointer<Double>,
                             y: UnsafeMutablePointer<Double>) {
        guard rows > 0 else { return }
        guard columns > 0 else {
            y.update(repeating: 0, count: rows)
            return
        }
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, a, Int32(columns), x, 1, 0, y, 1)
    }

    /// Runs `body` with the products it makes on the calling thread alone, for work that is
    /// already spread over threads (oneDNN sizes its team by the calling thread's OpenMP setting).
    static func onCallingThreadOnly(_ body: () -> Void) {
        #if canImport(CDNNL)
        let functions = OneDNN.functions
        let saved = functions.threadCount()
        functions.setThreadCount(1)
        defer { functions.setThreadCount(saved) }
        #endif
        body()
    }

    static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate) && canImport(CBLAS)
        openblas_set_num_threads(Int32(count))
        #endif
        #if canImport(CDNNL)
        OneDNN.functions.setThreadCount(Int32(count))
        #endif
    }
}
