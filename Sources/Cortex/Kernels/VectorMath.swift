import CKernels

/// `exp`, `tanh` and the logistic sigmoid over float buffers, vectorised.
///
/// glibc's `expf` and `tanhf` are scalar calls (`tanhf` about 20–30 ns each here), and the
/// gates of a recurrent layer or the rows of a softmax call them for every element. These are
/// written without branches in C (the CKernels target) so that they compile to vector code,
/// for AVX2 with FMA where the CPU has it: `exp` reduces `x = n·ln 2 + r` (ln 2 split in two
/// parts, Cody–Waite), evaluates Cephes' degree-6 polynomial for `eʳ` and scales by `2ⁿ` built in
/// the exponent bits; `tanh` is `(1 − e)/(1 + e)` with `e = exp(−2|x|)`, and its Taylor polynomial
/// up to `x¹³` where `|x| < 0.25` (there `1 − e` would cancel). Measured against double precision
/// on grids over ±20, ±1, ±0.3 and ±0.01: `exp` within 1e-7 relative, `tanh` within 2e-7
/// (about 2 ulp), `sigmoid` within 3e-7 — the tests hold them to these bounds.
///
/// `exp` overflows to infinity past ln(Float.greatestFiniteMagnitude) as `expf` does, and returns
/// 0 where the result would be subnormal (below 1.2e-38); NaN propagates. `result` may be `source`.
enum VectorMath {
    static func exp(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        cortex_exp(source, result, count)
    }

    static func tanh(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        cortex_tanh(source, result, count)
    }

    static func sigmoid(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        cortex_sigmoid(source, result, count)
    }
}
