/// The forward and backward passes of a fused recurrent layer over a whole sequence.
///
/// The input projection of every step is one GEMM (`[batch·steps, features] · W`); each step
/// then adds the recurrent projection with one GEMM (`h₋₁ · R`) and applies the gates in one
/// pass over the batch. Backpropagation through time walks the steps in reverse with the same
/// structure (one pointwise pass and one GEMM per step), and the weight and input gradients of
/// all steps are each one GEMM at the end.
///
/// Per-step buffers are time-major, `[steps, batch, ...]` (the input is transposed once to match),
/// so a step's rows for a slice of the batch are one contiguous block that products read in place
/// and the pointwise passes stream through. Masked steps (mask 0) carry the states over and repeat
/// the previous output, as Keras does.
final class RecurrentSequenceKernel {
    let cell: RecurrentCell
    let batch: Int, steps: Int, features: Int, units: Int
    let goBackwards: Bool
    /// `[batch, steps]`, input order; nil when every step counts.
    let mask: Tensor?
    /// `[batch, units]` multiplying the previous state before the recurrent projection.
    let recurrentDropoutMask: Tensor?
    /// The input, time-major: `[steps, batch, features]`.
    let input: Tensor
    let kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?

    /// Pre-activations: input projection, plus the recurrent one for the simple and LSTM cells.
    private var projections: Tensor
    /// The previous state after recurrent dropout, per step: `[steps, batch, units]`.
    private var previousStates: Tensor
    /// Per step: simple `h`; LSTM `i, f, ĉ, o, activation(c), c₋₁`; GRU `z, r, ĥ`, the
    /// recurrent candidate (`resetAfter`) or `r·h₋₁` (otherwise), and `h₋₁` before recurrent
    /// dropout (the update gate blends the undropped state, as Keras).
    private var cache: Tensor

    private var gateWidth: Int { cell.gateCount * units }
    private var isGRU: Bool { if case .gru = cell { return true } else { return false } }
    /// A GRU whose reset gate multiplies the recurrent projection (its own gradient rows then).
    private var resetAfter: Bool { if case .gru(_, _, true) = cell { return true } else { return false } }

    init(cell: RecurrentCell, input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?,
         mask: Tensor?, recurrentDropoutMask: Tensor?, goBackwards: Bool) {
        self.cell = cell
        (batch, steps, features) = (input.shape[0], input.shape[1], input.shape[2])
        units = recurrentKernel.shape[0]
        self.input = input.transposed([1, 0, 2])
        self.kernel = kernel
        self.recurrentKernel = recurrentKernel
        self.bias = bias
        self.mask = mask
        self.recurrentDropoutMask = recurrentDropoutMask
        self.goBackwards = goBackwards
        projections = Tensor(uninitializedShape: [steps, batch, cell.gateCount * units])
        previousStates = Tensor(uninitializedShape: [steps, batch, units])
        cache = Tensor(uninitializedShape: [steps, batch, cell.cacheWidth * units])
    }

    @inline(__always) private func step(_ t: Int) -> Int { goBackwards ? steps - 1 - t : t }

    /// The row of sample `b` at step `s` in the time-major buffers.
    @inline(__always) private func row(_ b: Int, _ s: Int) -> Int { s * batch + b }

    @inline(__always) private func kept(_ b: Int, _ s: Int) -> Bool {
        guard let mask else { return true }
        return mask.storage.pointer[b * steps + s] != 0
    }

    // MARK: - Forward

    /// Runs the sequence from `initialStates` and returns `[batch, steps + stateCount, units]`:
    /// the output of every step (processing order), then the final states.
    ///
    /// The batch is split into one part per thread; each part runs all steps with products on
    /// its own thread (`Parallelism.forEachPart`).
    func forward(initialStates: [Tensor]) -> Tensor {
        let (B, T, U, G) = (batch, steps, units, gateWidth)
        let stateCount = cell.stateCount
        let packed = Tensor(uninitializedShape: [B, T + stateCount, U])
        let out = packed.storage.pointer
        BLAS.sgemm(transposeA: false, transposeB: false, m: B * T, n: G, k: features,
                   a: input.storage.pointer, lda: features, b: kernel.storage.pointer, ldb: G,
                   c: projections.storage.pointer, ldc: G)
        let buffers = ForwardBuffers(batch: B, units: U, gateWidth: G)
        defer { buffers.deallocate() }
        buffers.h.update(from: initialStates[0].storage.pointer, count: B * U)
        if stateCount == 2 { buffers.c.update(from: initialStates[1].storage.pointer, count: B * U) }
        buffers.last.update(repeating: 0, count: B * U)
        Parallelism.forEachPart(B, minimumPart: 8) { rows in forwardSteps(rows: rows, buffers: buffers, out: out) }
        for b in 0..<B {
            (out + (b * (T + stateCount) + T) * U).update(from: buffers.h + b * U, count: U)
            if stateCount == 2 { (out + (b * (T + stateCount) + T + 1) * U).update(from: buffers.c + b * U, count: U) }
        }
        return packed
    }

    /// Running state of the forward pass, `[batch, ...]`: parts use disjoint rows.
    private struct ForwardBuffers {
        let h, c, last, recurrent: UnsafeMutablePointer<Float>

        init(batch: Int, units: Int, gateWidth: Int) {
            h = .allocate(capacity: batch * units)
            c = .allocate(capacity: batch * units)
            last = .allocate(capacity: batch * units)
            recurrent = .allocate(capacity: batch * gateWidth)
        }

        func deallocate() { h.deallocate(); c.deallocate(); last.deallocate(); recurrent.deallocate() }
    }

    /// All steps for the batch rows `rows`.
    private func forwardSteps(rows: Range<Int>, buffers: ForwardBuffers, out: UnsafeMutablePointer<Float>) {
        let (T, U, G) = (steps, units, gateWidth)
        let stateCount = cell.stateCount
        let first = rows.lowerBound, count = rows.count
        let xw = projections.storage.pointer, hp = previousStates.storage.pointer, stash = cache.storage.pointer
        let (h, c, last) = (buffers.h, buffers.c, buffers.last)
        // This part's rows of the recurrent products, `[count, G]` (or `[count, U]`) from row `first`.
        let recurrent = buffers.recurrent + first * G
        let width = cell.cacheWidth * U
        let rk = recurrentKernel.storage.pointer
        let dropout = recurrentDropoutMask?.storage.pointer
        let recurrentBias: UnsafeMutablePointer<Float>? = bias.flatMap { $0.rank == 2 ? $0.storage.pointer + G : nil }
        if let bias {
            let b0 = bias.storage.pointer
            for s in 0..<T {
                for b in rows {
                    let r = xw + row(b, s) * G
                    for j in 0..<G { r[j] += b0[j] }
                }
            }
        }

        for t in 0..<T {
            let s = step(t)
            for b in rows {
                let to = hp + row(b, s) * U, from = h + b * U
                if let dropout {
                    for u in 0..<U { to[u] = from[u] * dropout[b * U + u] }
                } else {
                    to.update(from: from, count: U)
                }
            }
            let stepStates = hp + row(first, s) * U, stepProjections = xw + row(first, s) * G
            switch cell {
            case .simple, .lstm:
                BLAS.sgemm(transposeA: false, transposeB: false, m: count, n: G, k: U, a: stepStates, lda: U,
                           b: rk, ldb: G, beta: 1, c: stepProjections, ldc: G)
            case .gru(_, _, let resetAfter):
                BLAS.sgemm(transposeA: false, transposeB: false, m: count, n: resetAfter ? G : 2 * U, k: U, a: stepStates,
                           lda: U, b: rk, ldb: G, c: recurrent, ldc: G)
            }
            for b in rows {
                let z = xw + row(b, s) * G, state = h + b * U, memory = stash + row(b, s) * width
                let previous = hp + row(b, s) * U
                guard kept(b, s) else {
                    if case .gru(_, _, false) = cell { (memory + 3 * U).update(repeating: 0, count: U) }
                    continue
                }
                switch cell {
                case .simple(let activation):
                    activation.apply(z, memory, count: U)
                    state.update(from: memory, count: U)
                case .lstm(let activation, let gate):
                    let cs = c + b * U
                    gate.apply(z, memory, count: 2 * U)
                    activation.apply(z + 2 * U, memory + 2 * U, count: U)
                    gate.apply(z + 3 * U, memory + 3 * U, count: U)
                    let (i, f, g, o, activated, previousC) = (memory, memory + U, memory + 2 * U, memory + 3 * U,
                                                              memory + 4 * U, memory + 5 * U)
                    let row = RowLanes(count: U)
                    row.forEach { u in
                        let oldC = row.load(cs, u)
                        let newC = row.load(f, u) * oldC + row.load(i, u) * row.load(g, u)
                        row.store(oldC, previousC, u)
                        row.store(newC, activated, u)
                        row.store(newC, cs, u)
                    }
                    activation.apply(activated, activated, count: U)
                    row.forEach { u in row.store(row.load(o, u) * row.load(activated, u), state, u) }
                case .gru(let activation, let gate, let resetAfter):
                    let rec = recurrent + (b - first) * G
                    (memory + 4 * U).update(from: state, count: U)
                    for j in 0..<(2 * U) { memory[j] = z[j] + rec[j] }
                    if let recurrentBias { for j in 0..<(2 * U) { memory[j] += recurrentBias[j] } }
                    gate.apply(memory, memory, count: 2 * U)
                    if resetAfter {
                        for u in 0..<U {
                            let rh = rec[2 * U + u] + (recurrentBias?[2 * U + u] ?? 0)
                            memory[3 * U + u] = rh
                            memory[2 * U + u] = z[2 * U + u] + memory[U + u] * rh
                        }
                        activation.apply(memory + 2 * U, memory + 2 * U, count: U)
                        for u in 0..<U { state[u] = memory[u] * state[u] + (1 - memory[u]) * memory[2 * U + u] }
                    } else {
                        for u in 0..<U { memory[3 * U + u] = memory[U + u] * previous[u] }
                    }
                }
            }
            if case .gru(let activation, _, false) = cell {
                BLAS.sgemm(transposeA: false, transposeB: false, m: count, n: U, k: U, a: stash + row(first, s) * width + 3 * U,
                           lda: width, b: rk + 2 * U, ldb: G, c: recurrent, ldc: U)
                for b in rows where kept(b, s) {
                    let z = xw + row(b, s) * G, memory = stash + row(b, s) * width
                    let state = h + b * U, rec = recurrent + (b - first) * U
                    for u in 0..<U { memory[2 * U + u] = z[2 * U + u] + rec[u] }
                    activation.apply(memory + 2 * U, memory + 2 * U, count: U)
                    for u in 0..<U { state[u] = memory[u] * state[u] + (1 - memory[u]) * memory[2 * U + u] }
                }
            }
            for b in rows {
                let target = out + (b * (T + stateCount) + t) * U
                if kept(b, s) { (last + b * U).update(from: h + b * U, count: U) }
                target.update(from: last + b * U, count: U)
            }
        }
    }

    // MARK: - Backward

    /// Gradients of the input (when `needsInput`), the weights and the initial states from the
    /// gradient of the packed result. Backpropagation through time runs per batch part, like the
    /// forward pass; the weight and input gradients are then one product each over all steps.
    func backward(_ upstream: Tensor, needsInput: Bool) -> (input: Tensor?, kernel: Tensor, recurrentKernel: Tensor,
                                                            bias: Tensor?, states: [Tensor]) {
        let (B, T, U, G) = (batch, steps, units, gateWidth)
        let stateCount = cell.stateCount
        let width = cell.cacheWidth * U
        let (isGRU, resetAfter) = (self.isGRU, self.resetAfter)
        let g = upstream.storage.pointer
        let memory = cache.storage.pointer, hp = previousStates.storage.pointer

        // Every kept step writes its rows of the projections' gradients; masked steps must read as zeros.
        let masked = mask != nil
        let gradientRows = { masked ? Tensor.zeros([T, B, G]) : Tensor(uninitializedShape: [T, B, G]) }
        let dProjections = gradientRows()
        // The gradient of the recurrent projection, where it differs from the input one (GRU with resetAfter).
        let dRecurrent = resetAfter ? gradientRows() : dProjections
        let dxw = dProjections.storage.pointer, drec = dRecurrent.storage.pointer
        let dH = Tensor(uninitializedShape: [B, U]), dC = Tensor.zeros([B, U])
        let dh = dH.storage.pointer, dc = dC.storage.pointer
        for b in 0..<B {
            (dh + b * U).update(from: g + (b * (T + stateCount) + T) * U, count: U)
            if stateCount == 2 { (dc + b * U).update(from: g + (b * (T + stateCount) + T + 1) * U, count: U) }
        }
        let buffers = BackwardBuffers(batch: B, units: U)
        defer { buffers.deallocate() }
        Parallelism.forEachPart(B, minimumPart: 8) { rows in
            backwardSteps(rows: rows, upstream: g, buffers: buffers, dh: dh, dc: dc, dxw: dxw, drec: drec)
        }

        let dKernel = Tensor(uninitializedShape: [features, G])
        BLAS.sgemm(transposeA: true, transposeB: false, m: features, n: G, k: B * T, a: input.storage.pointer, lda: features,
                   b: dxw, ldb: G, c: dKernel.storage.pointer, ldc: G)
        let dRecurrentKernel = Tensor(uninitializedShape: [U, G])
        let drk = dRecurrentKernel.storage.pointer
        if isGRU && !resetAfter {
            BLAS.sgemm(transposeA: true, transposeB: false, m: U, n: 2 * U, k: B * T, a: hp, lda: U, b: dxw, ldb: G, c: drk, ldc: G)
            BLAS.sgemm(transposeA: true, transposeB: false, m: U, n: U, k: B * T, a: memory + 3 * U, lda: width,
                       b: dxw + 2 * U, ldb: G, c: drk + 2 * U, ldc: G)
        } else {
            BLAS.sgemm(transposeA: true, transposeB: false, m: U, n: G, k: B * T, a: hp, lda: U, b: drec, ldb: G, c: drk, ldc: G)
        }
        var dBias: Tensor?
        if let bias {
            let result = Tensor.zeros(bias.shape)
            let db = result.storage.pointer
            for row in 0..<(B * T) {
                let from = dxw + row * G
                for j in 0..<G { db[j] += from[j] }
                if resetAfter {
                    let recurrentRow = drec + row * G
                    for j in 0..<G { db[G + j] += recurrentRow[j] }
                }
            }
            dBias = result
        }
        var dInput: Tensor?
        if needsInput {
            let result = Tensor(uninitializedShape: [T, B, features])
            BLAS.sgemm(transposeA: false, transposeB: true, m: B * T, n: features, k: G, a: dxw, lda: G,
                       b: kernel.storage.pointer, ldb: G, c: result.storage.pointer, ldc: features)
            dInput = result.transposed([1, 0, 2])
        }
        return (dInput, dKernel, dRecurrentKernel, dBias, stateCount == 2 ? [dH, dC] : [dH])
    }

    /// Scratch rows of backpropagation through time, `[batch, units]` each: parts use disjoint rows.
    private struct BackwardBuffers {
        /// Output gradients of masked steps, waiting for the next kept step.
        let pending: UnsafeMutablePointer<Float>
        /// The GRU's gradient reaching `h₋₁` through the update gate.
        let direct: UnsafeMutablePointer<Float>
        /// The whole gradient of the step's output.
        let total: UnsafeMutablePointer<Float>
        /// Products with the recurrent kernel.
        let product: UnsafeMutablePointer<Float>
        /// The gradient reaching the dropped-out previous state outside the final product (through
        /// `r·h₋₁` of a GRU without resetAfter).
        let throughDropout: UnsafeMutablePointer<Float>

        init(batch: Int, units: Int) {
            pending = .allocate(capacity: batch * units)
            direct = .allocate(capacity: batch * units)
            total = .allocate(capacity: batch * units)
            product = .allocate(capacity: batch * units)
            throughDropout = .allocate(capacity: batch * units)
            pending.update(repeating: 0, count: batch * units)
            throughDropout.update(repeating: 0, count: batch * units)
        }

        func deallocate() {
            pending.deallocate(); direct.deallocate(); total.deallocate(); product.deallocate(); throughDropout.deallocate()
        }
    }

    /// Backpropagation through all steps for the batch rows `rows`.
    private func backwardSteps(rows: Range<Int>, upstream g: UnsafeMutablePointer<Float>, buffers: BackwardBuffers,
                               dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>,
                               dxw: UnsafeMutablePointer<Float>, drec: UnsafeMutablePointer<Float>) {
        let (T, U, G) = (steps, units, gateWidth)
        let stateCount = cell.stateCount
        let width = cell.cacheWidth * U
        let (isGRU, resetAfter) = (self.isGRU, self.resetAfter)
        let first = rows.lowerBound, count = rows.count
        let memory = cache.storage.pointer, hp = previousStates.storage.pointer
        let rk = recurrentKernel.storage.pointer
        let dropout = recurrentDropoutMask?.storage.pointer
        let (pending, direct, total, throughDropout) = (buffers.pending, buffers.direct, buffers.total, buffers.throughDropout)
        let product = buffers.product + first * U
        // The activations' slopes at one row's cached outputs.
        let slopes = UnsafeMutablePointer<Float>.allocate(capacity: cell.cacheWidth * U)
        defer { slopes.deallocate() }

        for t in stride(from: T - 1, through: 0, by: -1) {
            let s = step(t)
            for b in rows {
                let outputGradient = g + (b * (T + stateCount) + t) * U, waiting = pending + b * U
                guard kept(b, s) else {
                    for u in 0..<U { waiting[u] += outputGradient[u] }
                    continue
                }
                let gh = total + b * U, state = dh + b * U
                for u in 0..<U {
                    gh[u] = state[u] + outputGradient[u] + waiting[u]
                    waiting[u] = 0
                }
                let m = memory + row(b, s) * width, dz = dxw + row(b, s) * G
                switch cell {
                case .simple(let activation):
                    activation.derivative(outputs: m, slopes, count: U)
                    for u in 0..<U { dz[u] = gh[u] * slopes[u] }
                case .lstm(let activation, let gate):
                    // Slopes: i, f (gate), ĉ (activation), o (gate), activation(c).
                    gate.derivative(outputs: m, slopes, count: 2 * U)
                    activation.derivative(outputs: m + 2 * U, slopes + 2 * U, count: U)
                    gate.derivative(outputs: m + 3 * U, slopes + 3 * U, count: U)
                    activation.derivative(outputs: m + 4 * U, slopes + 4 * U, count: U)
                    let cs = dc + b * U, row = RowLanes(count: U)
                    row.forEach { u in
                        let gradient = row.load(gh, u)
                        let dcell = row.load(cs, u) + gradient * row.load(m + 3 * U, u) * row.load(slopes + 4 * U, u)
                        row.store(dcell * row.load(m + 2 * U, u) * row.load(slopes, u), dz, u)
                        row.store(dcell * row.load(m + 5 * U, u) * row.load(slopes + U, u), dz + U, u)
                        row.store(dcell * row.load(m, u) * row.load(slopes + 2 * U, u), dz + 2 * U, u)
                        row.store(gradient * row.load(m + 4 * U, u) * row.load(slopes + 3 * U, u), dz + 3 * U, u)
                        row.store(dcell * row.load(m + U, u), cs, u)
                    }
                case .gru(let activation, let gate, _):
                    // Slopes: z, r (gate), ĥ (activation).
                    gate.derivative(outputs: m, slopes, count: 2 * U)
                    activation.derivative(outputs: m + 2 * U, slopes + 2 * U, count: U)
                    let dr = drec + row(b, s) * G, straight = direct + b * U
                    for u in 0..<U {
                        let (zg, candidate) = (m[u], m[2 * U + u])
                        let dCandidate = gh[u] * (1 - zg) * slopes[2 * U + u]
                        dz[u] = gh[u] * (m[4 * U + u] - candidate) * slopes[u]
                        dz[2 * U + u] = dCandidate
                        straight[u] = gh[u] * zg
                    }
                    if resetAfter {
                        for u in 0..<U {
                            dz[U + u] = dz[2 * U + u] * m[3 * U + u] * slopes[U + u]
                            dr[u] = dz[u]; dr[U + u] = dz[U + u]; dr[2 * U + u] = dz[2 * U + u] * m[U + u]
                        }
                    }
                }
            }
            if isGRU && !resetAfter {
                BLAS.sgemm(transposeA: false, transposeB: true, m: count, n: U, k: U, a: dxw + row(first, s) * G + 2 * U,
                           lda: G, b: rk + 2 * U, ldb: G, c: product, ldc: U)
                if case .gru(_, let gate, _) = cell {
                    for b in rows where kept(b, s) {
                        let m = memory + row(b, s) * width, dz = dxw + row(b, s) * G, previous = hp + row(b, s) * U
                        let dReset = product + (b - first) * U
                        gate.derivative(outputs: m + U, slopes, count: U)
                        for u in 0..<U {
                            dz[U + u] = dReset[u] * previous[u] * slopes[u]
                            throughDropout[b * U + u] = dReset[u] * m[U + u]
                        }
                    }
                }
            }
            BLAS.sgemm(transposeA: false, transposeB: true, m: count, n: U, k: isGRU && !resetAfter ? 2 * U : G,
                       a: drec + row(first, s) * G, lda: G, b: rk, ldb: G, c: product, ldc: U)
            for b in rows where kept(b, s) {
                let gradient = dh + b * U, fromProduct = product + (b - first) * U
                for u in 0..<U { gradient[u] = fromProduct[u] + throughDropout[b * U + u] }
                if let dropout { for u in 0..<U { gradient[u] *= dropout[b * U + u] } }
                if isGRU { for u in 0..<U { gradient[u] += direct[b * U + u] } }
            }
        }
    }
}
