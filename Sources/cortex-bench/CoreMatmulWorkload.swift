import Cortex

/// Square single-precision matrix products through `Tensor.matmul` and through `BLAS.sgemm`
/// (the backend's sgemm: oneDNN on Linux, Accelerate on macOS) called directly, interleaved in
/// one run: the gap is what Cortex adds on top of the backend.
enum CoreMatmulWorkload {
    struct Row: Encodable {
        let n: Int
        let tensorGflops: Double
        let rawSgemmGflops: Double
    }

    static let sizes = [256, 512, 1024, 2048]

    static func measure(_ sampling: Sampling, sizes: [Int] = sizes) -> [Row] {
        sizes.map { n in
            let a = Tensor.randomUniform([n, n], lower: -1, upper: 1)
            let b = Tensor.randomUniform([n, n], lower: -1, upper: 1)
            let rawA = FloatBuffer(copying: a), rawB = FloatBuffer(copying: b), rawC = FloatBuffer(count: n * n)
            let flops = 2 * Double(n) * Double(n) * Double(n)
            let iterations = Timing.iterations(estimatedSeconds: flops / 50e9)
            let seconds = sampling.medians([
                { Timing.seconds(iterations: iterations) { blackHole(a.matmul(b)) } },
                {
                    Timing.seconds(iterations: iterations) {
                        BLAS.sgemm(transposeA: false, transposeB: false, m: n, n: n, k: n, a: rawA.pointer, lda: n,
                                   b: rawB.pointer, ldb: n, c: rawC.pointer, ldc: n)
                    }
                },
            ])
            return Row(n: n, tensorGflops: rounded(flops / seconds[0] / 1e9),
                       rawSgemmGflops: rounded(flops / seconds[1] / 1e9))
        }
    }

    static func table(_ rows: [Row]) -> ResultTable {
        var table = ResultTable("sgemm, n×n · n×n (GFLOP/s, median)",
                                columns: ["n", "Tensor.matmul", "BLAS.sgemm", "matmul/sgemm"])
        for row in rows {
            table.add(["\(row.n)", formatted(row.tensorGflops), formatted(row.rawSgemmGflops),
                       formatted(100 * row.tensorGflops / row.rawSgemmGflops) + "%"])
        }
        return table
    }
}
