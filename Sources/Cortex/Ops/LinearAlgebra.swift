/// Matrix products through BLAS `sgemm`, with transposes folded into the call.
extension Tensor {
    /// The matrix product `op(self) · op(other)`, where `op` transposes the last two axes when
    /// asked. Leading (batch) axes broadcast; a rank-1 operand is treated as a row (left) or
    /// column (right) vector and that axis is dropped from the result, as in NumPy.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        if rank == 1 || other.rank == 1 {
            let left = rank == 1 ? reshaped(to: [1, count]) : self
            let right = other.rank == 1 ? other.reshaped(to: [other.count, 1]) : other
            var product = left.matmul(right, transposeSelf: rank == 1 ? false : transposeSelf,
                                      transposeOther: other.rank == 1 ? false : transposeOther)
            if rank == 1 { product = product.squeezing(axes: [-2]) }
            if other.rank == 1 { product = product.squeezing(axes: [-1]) }
            return product
        }
        let result = Tensor.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther)
        let a = detached(), b = other.detached()
        let ta = transposeSelf, tb = transposeOther
        return Tensor.record("matmul", result, inputs: [self, other]) { g, needs in
            let gradA: Tensor? = needs[0] ? (ta ? Tensor.gemm(b, transposeA: tb, g, transposeB: true)
                                              : Tensor.gemm(g, transposeA: false, b, transposeB: !tb)) : nil
            let gradB: Tensor? = needs[1] ? (tb ? Tensor.gemm(g, transposeA: true, a, transposeB: ta)
                                              : Tensor.gemm(a, transposeA: !ta, g, transposeB: false)) : nil
            return [gradA, gradB]
        }
    }

    /// The result shape of `matmul` for operands of rank 2 or more, or a `ShapeError` naming both
    /// shapes when the inner dimensions or the batch axes do not fit.
    public static func matmulShape(_ a: [Int], _ b: [Int], transposeA: Bool = false,
                                   transposeB: Bool = false) throws -> [Int] {
        guard a.count >= 2, b.count >= 2 else {
            throw ShapeError(op: "matmul", "expected operands of rank 2 or more, got \(a) and \(b)")
        }
        let (m, k) = transposeA ? (a[a.count - 1], a[a.count - 2]) : (a[a.count - 2], a[a.count - 1])
        let (k2, n) = transposeB ? (b[b.count - 1], b[b.count - 2]) : (b[b.count - 2], b[b.count - 1])
        guard k == k2 else {
            throw ShapeError(op: "matmul", "inner dimensions differ: \(a)\(transposeA ? "ᵀ" : "") · " +
                             "\(b)\(transposeB ? "ᵀ" : "") needs \(k) = \(k2)")
        }
        let batch = try Broadcasting.shape(Array(a.dropLast(2)), Array(b.dropLast(2)), op: "matmul (batch axes)")
        return batch + [m, n]
    }

    /// The product of the last two axes with transposes folded into `sgemm`; batch axes broadcast.
    static func gemm(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool) -> Tensor {
        if a.rank == 2 && b.rank == 2 {
            // Two matrices, the case of every dense layer: no batch axes to work out (their
            // arrays cost as much as a one-sample product's arithmetic).
            let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
            let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
            if k == k2 {
                let result = Tensor(uninitializedShape: [m, n])
                BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                           a: a.storage.pointer, lda: a.shape[1], b: b.storage.pointer, ldb: b.shape[1],
                           c: result.storage.pointer, ldc: n)
                return result
            }
        }
        let outputShape = validated {
            try matmulShape(a.shape, b.shape, transposeA: transposeA, transposeB: transposeB)
        }
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let k = transposeA ? ar : ac
        let (m, n) = (outputShape[outputShape.count - 2], outputShape[outputShape.count - 1])
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = Array(outputShape.dropLast(2))
        let result = Tensor(uninitializedShape: outputShape)
        let pa = a.storage.pointer, pb = b.storage.pointer, pc = result.storage.pointer
        // A batch of A against one B with A untransposed is a single tall product.
        if batchB.allSatisfy({ $0 == 1 }) && !transposeA && batchA == batch {
            let rows = batch.reduce(1, *) * m
            BLAS.sgemm(transposeA: false, transposeB: transposeB, m: rows, n: n, k: k,
                       a: pa, lda: ac, b: pb, ldb: bc, c: pc, ldc: n)
            return result
        }
        let plan = BroadcastPlan(output: batch + [1], a: batchA + [1], b: batchB + [1])
        let batches = batch.reduce(1, *)
        for index in 0..<batches {
            let (offsetA, offsetB) = batchOffsets(index, plan: plan)
            BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                       a: pa + offsetA * ar * ac, lda: ac, b: pb + offsetB * br * bc, ldb: bc,
                       c: pc + index * m * n, ldc: n)
        }
        return result
    }

    /// Which matrix of each operand the `index`-th output matrix uses.
    private static func batchOffsets(_ index: Int, plan: BroadcastPlan) -> (Int, Int) {
        let (rowA, rowB) = plan.offsets(ofRow: index / plan.inner)
        let within = index % plan.inner
        return (rowA + within * plan.innerStrideA, rowB + within * plan.innerStrideB)
    }

    /// The inner product of two vectors.
    public func dot(_ other: Tensor) -> Tensor {
        precondition(rank == 1 && other.rank == 1 && count == other.count,
                     "dot: needs two vectors of equal length, got \(shape) and \(other.shape)")
        return matmul(other)
    }

    /// The outer product of two vectors: `[m] ⊗ [n] → [m, n]`.
    public func outer(_ other: Tensor) -> Tensor {
        precondition(rank == 1 && other.rank == 1, "outer: needs two vectors, got \(shape) and \(other.shape)")
        return reshaped(to: [count, 1]).matmul(other.reshaped(to: [1, other.count]))
    }
}

/// The matrix product of `a` and `b` (see `Tensor.matmul`).
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB)
}
