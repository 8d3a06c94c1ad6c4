import Cortex

/// Updates variables from their gradients, with Keras' optimizer arguments and equations.
///
/// State (momenta, moment estimates) lives in slots keyed by variable identity. Every update is
/// one fused pass over a variable, its gradient and its slots, written in place.
open class Optimizer {
    /// The learning rate, constant or scheduled by step.
    public var learningRate: LearningRateSchedule
    /// Rescales each gradient to at most this L2 norm.
    public var clipNorm: Float?
    /// Clips each gradient element to ±clipValue.
    public var clipValue: Float?
    /// Rescales all gradients together to at most this global L2 norm.
    public var globalClipNorm: Float?
    /// Decoupled weight decay: `w -= w · weightDecay · lr` before each update (AdamW-style).
    public var weightDecay: Float?
    /// Completed update steps.
    public internal(set) var iterations = 0
    private var slots: [ObjectIdentifier: SlotSet] = [:]

    final class SlotSet {
        let variable: Variable
        var tensors: [Tensor]
        init(variable: Variable, tensors: [Tensor]) {
            self.variable = variable
            self.tensors = tensors
        }
    }

    public init(learningRate: LearningRateSchedule, clipNorm: Float? = nil, clipValue: Float? = nil,
                globalClipNorm: Float? = nil, weightDecay: Float? = nil) {
        precondition([clipNorm, clipValue, globalClipNorm].compactMap { $0 }.count <= 1,
                      "Optimizer: set at most one of clipNorm, clipValue and globalClipNorm")
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.clipValue = clipValue
        self.globalClipNorm = globalClipNorm
        self.weightDecay = weightDecay
    }

    /// The rate the next update uses: the schedule's value at the current step (Keras'
    /// `optimizer.learning_rate`), as callbacks read and log it.
    public var currentLearningRate: Float { learningRate(step: iterations) }

    /// Replaces a constant learning rate, as `ReduceLROnPlateau` and `LearningRateScheduler` do.
    /// Like Keras, refuses when a `LearningRateSchedule` drives the rate: setting it would
    /// silently discard the schedule.
    public func setLearningRate(_ rate: Float) throws {
        guard learningRate is ConstantLearningRate else {
            throw ModelError.invalidArgument(
                name: "learningRate",
                reason: "this \(name) optimizer was created with a \(type(of: learningRate)) schedule, hence its learning rate is not settable; "
                    + "create the optimizer with a constant learning rate if callbacks need to change it")
        }
        learningRate = ConstantLearningRate(rate)
    }

    /// The Keras name of the optimizer (`adam`, `sgd`, ...).
    open var name: String { LayerNames.snakeCase(String(describing: type(of: self))) }

    /// Initial values of this optimizer's slots for a variable of `shape`.
    open func makeSlots(shape: [Int]) -> [Tensor] { [] }

    /// Updates `weights` in place from `gradient`, reading and writing `slots`.
    /// `step` counts from 1 for the first update.
    open func update(weights: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
                     slots: inout [UnsafeMutableBufferPointer<Float>], learningRate: Float, step: Int) {
        preconditionFailure("\(type(of: self)) must override update(weights:gradient:slots:learningRate:step:)")
    }

    /// Whether `update` treats every element on its own, as all built-in optimizers do. `apply`
    /// then splits a large variable into ranges updated on several threads; an optimizer whose
    /// rule looks across elements (a per-layer norm, say) returns false and gets whole variables.
    open var updatesElementwise: Bool { true }

    /// Called once per step before the per-variable updates (Nadam keeps a running product here).
    open func prepareStep(_ step: Int) {}

    /// Running values beyond the slots and `iterations` that later updates depend on (Nadam's
    /// momentum product), saved with the optimizer state so that training resumes exactly.
    open var scalarState: [String: Double] {
        get { [:] }
        set {}
    }

    /// Applies one update step to `variables` from `gradients` (same order, same shapes).
    public func apply(_ gradients: [Tensor], to variables: [Variable]) {
        precondition(gradients.count == variables.count,
                     "Optimizer.apply: \(gradients.count) gradients for \(variables.count) variables")
        let rate = learningRate(step: iterations)
        let step = iterations + 1
        prepareStep(step)
        let clipped = clip(gradients)
        for (variable, gradient) in zip(variables, clipped) {
            precondition(gradient.shape == variable.shape,
                         "Optimizer.apply: gradient of shape \(gradient.shape) for '\(variable.name)' of shape \(variable.shape)")
            let slotSet = slotSet(for: variable)
            if let weightDecay, weightDecay > 0 {
                let factor = 1 - weightDecay * rate
                variable.value.withUnsafeMutableBufferPointer { w in
                    for i in 0..<w.count { w[i] *= factor }
                }
            }
            gradient.withUnsafeBufferPointer { g in
                variable.value.withUnsafeMutableBufferPointer { w in
                    Optimizer.withMutableBuffers(&slotSet.tensors) { buffers in
                        updateInChunks(weights: w, gradient: g, slots: buffers, learningRate: rate, step: step)
                    }
                }
            }
        }
        iterations = step
    }

    /// Elements per range below which splitting an update over threads costs more than it saves
    /// (an Adam update moves about 20 bytes per element; waking a thread costs a few µs).
    static let minimumElementsPerThread = 1 << 15

    /// `update` over the whole variable, or over disjoint ranges on several threads when the
    /// rule is elementwise and the variable large.
    private func updateInChunks(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: [UnsafeMutableBufferPointer<Float>], learningRate rate: Float, step: Int) {
        guard updatesElementwise else {
            var whole = slots
            update(weights: w, gradient: g, slots: &whole, learningRate: rate, step: step)
            return
        }
        Parallelism.forEachChunk(w.count, minimumChunk: Optimizer.minimumElementsPerThread) { range in
            var parts = slots.map { UnsafeMutableBufferPointer(rebasing: $0[range]) }
            update(weights: UnsafeMutableBufferPointer(rebasing: w[range]), gradient: UnsafeBufferPointer(rebasing: g[range]),
                   slots: &parts, learningRate: rate, step: step)
        }
    }

    private func slotSet(for variable: Variable) -> SlotSet {
        let key = ObjectIdentifier(variable)
        if let existing = slots[key] { return existing }
        let created = SlotSet(variable: variable, tensors: makeSlots(shape: variable.shape))
        slots[key] = created
        return created
    }

    /// The slots of `variable` (empty until its first update), for saving optimizer state.
    public func slotValues(for variable: Variable) -> [Tensor] {
        slots[ObjectIdentifier(variable)]?.tensors ?? []
    }

    /// Restores saved slots for `variable`.
    public func setSlotValues(_ values: [Tensor], for variable: Variable) {
        slots[ObjectIdentifier(variable)] = SlotSet(variable: variable, tensors: values)
    }

    /// Gives `body` writable buffers of all `tensors` at once (each made unique first).
    private static func withMutableBuffers(_ tensors: inout [Tensor], from index: Int = 0,
                                           collected: [UnsafeMutableBufferPointer<Float>] = [],
                                           _ body: (inout [UnsafeMutableBufferPointer<Float>]) -> Void) {
        guard index < tensors.count else {
            var buffers = collected
            body(&buffers)
            return
        }
        // Move the slot out so that writing it does not overlap the access to the array.
        var slot = Tensor(0)
        swap(&slot, &tensors[index])
        defer { swap(&slot, &tensors[index]) }
        slot.withUnsafeMutableBufferPointer { buffer in
            withMutableBuffers(&tensors, from: index + 1, collected: collected + [buffer], body)
        }
    }

    private func clip(_ gradients: [Tensor]) -> [Tensor] {
        if let clipNorm {
            return gradients.map { g in
                let norm = g.square().sum().sqrt().scalar
                return norm > clipNorm ? g * (clipNorm / norm) : g
            }
        }
        if let globalClipNorm {
            let norm = gradients.reduce(Float(0)) { $0 + $1.square().sum().scalar }.squareRoot()
            return norm > globalClipNorm ? gradients.map { $0 * (globalClipNorm / norm) } : gradients
        }
        if let clipValue {
            return gradients.map { $0.clipped(min: -clipValue, max: clipValue) }
        }
        return gradients
    }
}
