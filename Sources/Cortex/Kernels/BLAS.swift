#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLAS)
import CBLAS
#endif

/// The one doorway to the platform's BLAS (OpenBLAS on Linux, Accelerate on macOS).
enum BLAS {
    /// C = alpha * op(A) * op(B) + beta * C, all row-major.
    @inline(__always)
    static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                      alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                      b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate) && canImport(CBLAS)
        openblas_set_num_threads(Int32(count))
        #endif
    }
}
