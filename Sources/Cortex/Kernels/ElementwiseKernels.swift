/// The loops behind elementwise ops. Each takes its scalar function as an always-inlined
/// closure, so every call site compiles to its own tight (vectorisable) loop.
extension Tensor {
    /// `op` applied to every scalar.
    @inline(__always)
    func mapScalars(_ op: (Float) -> Float) -> Tensor {
        let n = count
        let result = Tensor(uninitializedShape: shape)
        let source = storage.pointer, destination = result.storage.pointer
        Parallelism.forEachChunk(n) { range in
            for i in range { destination[i] = op(source[i]) }
        }
        return result
    }

    /// `op` applied to pairs of scalars of two tensors of the same shape.
    @inline(__always)
    static func zipScalars(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape, "elementwise: shapes \(a.shape) and \(b.shape) differ")
        let result = Tensor(uninitializedShape: a.shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, out = result.storage.pointer
        Parallelism.forEachChunk(a.count) { range in
            for i in range { out[i] = op(pa[i], pb[i]) }
        }
        return result
    }

    /// `op` applied to triples of scalars of three tensors of the same shape.
    @inline(__always)
    static func zipScalars(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ op: (Float, Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape,
                     "elementwise: shapes \(a.shape), \(b.shape) and \(c.shape) differ")
        let result = Tensor(uninitializedShape: a.shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, pc = c.storage.pointer, out = result.storage.pointer
        Parallelism.forEachChunk(a.count) { range in
            for i in range { out[i] = op(pa[i], pb[i], pc[i]) }
        }
        return result
    }

    /// `op` applied to pairs of scalars of `a` and `b` broadcast together.
    @inline(__always)
    static func broadcastScalars(_ a: Tensor, _ b: Tensor, op name: String,
                                 _ op: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape { return zipScalars(a, b, op) }
        let shape = Broadcasting.shapeOrFail(a.shape, b.shape, op: name)
        let result = Tensor(uninitializedShape: shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, out = result.storage.pointer
        let plan = BroadcastPlan(output: shape, a: a.shape, b: b.shape)
        let inner = plan.inner
        if plan.rows == 1 {
            let sa = plan.innerStrideA, sb = plan.innerStrideB
            Parallelism.forEachChunk(inner) { range in
                if sa == 0 {
                    let x = pa[0]
                    for i in range { out[i] = op(x, pb[i]) }
                } else if sb == 0 {
                    let y = pb[0]
                    for i in range { out[i] = op(pa[i], y) }
                } else {
                    for i in range { out[i] = op(pa[i], pb[i]) }
                }
            }
            return result
        }
        Parallelism.forEachChunk(plan.rows, costPerItem: inner) { rows in
            for row in rows {
                let (offsetA, offsetB) = plan.offsets(ofRow: row)
                let ra = pa + offsetA, rb = pb + offsetB, ro = out + row * inner
                switch (plan.innerStrideA, plan.innerStrideB) {
                case (1, 1): for i in 0..<inner { ro[i] = op(ra[i], rb[i]) }
                case (1, _):
                    let y = rb[0]
                    for i in 0..<inner { ro[i] = op(ra[i], y) }
                case (_, 1):
                    let x = ra[0]
                    for i in 0..<inner { ro[i] = op(x, rb[i]) }
                default:
                    let value = op(ra[0], rb[0])
                    for i in 0..<inner { ro[i] = value }
                }
            }
        }
        return result
    }
}
