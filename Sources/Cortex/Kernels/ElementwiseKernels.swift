/// The loops behind elementwise ops. Each takes its scalar function as an always-inlined
/// closure, so every call site compiles to its own tight (vectorisable) loop. The loops receive
/// their pointers through `Parallelism.forEachChunk(_:context:_:)` instead of capturing them,
/// which keeps the op inlined on the worker threads too (see there).
extension Tensor {
    /// `op` applied to every scalar.
    @inline(__always)
    func mapScalars(_ op: (Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        Parallelism.forEachChunk(count, context: (source: storage.pointer, out: result.storage.pointer)) { range, p in
            for i in range { p.out[i] = op(p.source[i]) }
        }
        return result
    }

    /// `op` applied to pairs of scalars of two tensors of the same shape.
    @inline(__always)
    static func zipScalars(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape, "elementwise: shapes \(a.shape) and \(b.shape) differ")
        let result = Tensor(uninitializedShape: a.shape)
        let pointers = (a: a.storage.pointer, b: b.storage.pointer, out: result.storage.pointer)
        Parallelism.forEachChunk(a.count, context: pointers) { range, p in
            for i in range { p.out[i] = op(p.a[i], p.b[i]) }
        }
        return result
    }

    /// `op` applied to triples of scalars of three tensors of the same shape.
    @inline(__always)
    static func zipScalars(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ op: (Float, Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape,
                     "elementwise: shapes \(a.shape), \(b.shape) and \(c.shape) differ")
        let result = Tensor(uninitializedShape: a.shape)
        let pointers = (a: a.storage.pointer, b: b.storage.pointer, c: c.storage.pointer, out: result.storage.pointer)
        Parallelism.forEachChunk(a.count, context: pointers) { range, p in
            for i in range { p.out[i] = op(p.a[i], p.b[i], p.c[i]) }
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
        let plan = BroadcastPlan(output: shape, a: a.shape, b: b.shape)
        let context = (a: a.storage.pointer, b: b.storage.pointer, out: result.storage.pointer, plan: plan)
        if plan.rows == 1 {
            Parallelism.forEachChunk(plan.inner, context: context) { range, p in
                if p.plan.innerStrideA == 0 {
                    let x = p.a[0]
                    for i in range { p.out[i] = op(x, p.b[i]) }
                } else if p.plan.innerStrideB == 0 {
                    let y = p.b[0]
                    for i in range { p.out[i] = op(p.a[i], y) }
                } else {
                    for i in range { p.out[i] = op(p.a[i], p.b[i]) }
                }
            }
            return result
        }
        Parallelism.forEachChunk(plan.rows, costPerItem: plan.inner, context: context) { rows, p in
            let inner = p.plan.inner
            for row in rows {
                let (offsetA, offsetB) = p.plan.offsets(ofRow: row)
                let ra = p.a + offsetA, rb = p.b + offsetB, ro = p.out + row * inner
                switch (p.plan.innerStrideA, p.plan.innerStrideB) {
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
