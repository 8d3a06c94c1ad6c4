import Cortex

/// What every recurrent layer shares, as Keras' `RNN` base: `[batch, steps, features]` in, the
/// last output `[batch, units]` (or every step's with `returnSequences`) out; masks skip steps;
/// initial states may come as extra inputs (`lstm([x, h0, c0])`); `stateful` layers start each
/// batch from the states the previous batch ended with; `callWithStates` also returns the
/// final states (Keras' `return_state`).
open class RecurrentLayer: Layer {
    public let returnSequences: Bool
    public let returnState: Bool
    public let goBackwards: Bool
    public let stateful: Bool
    /// The final states of the latest batch, kept when `stateful`.
    public private(set) var states: [Tensor]?
    /// Recent outputs and their final states, read back by the state outputs of a functional graph.
    private var recentStates: [(output: Tensor, states: [Tensor])] = []

    init(returnSequences: Bool, returnState: Bool, goBackwards: Bool, stateful: Bool, name: String?) {
        self.returnSequences = returnSequences
        self.returnState = returnState
        self.goBackwards = goBackwards
        self.stateful = stateful
        super.init(name: name)
        supportsMasking = true
    }

    // MARK: - Subclass points

    /// The size of each output step.
    open var units: Int { preconditionFailure("\(type(of: self)) must override units") }

    /// The sizes of the states (`[units]`, `[units, units]` for an LSTM).
    open var stateSizes: [Int] { preconditionFailure("\(type(of: self)) must override stateSizes") }

    /// Creates the weights for steps of `features`.
    open func build(features: Int) throws {}

    /// Runs the whole sequence: every step's output `[batch, steps, units]` in processing order,
    /// and the final states.
    open func runSequence(_ input: Tensor, initialStates: [Tensor], mask: Tensor?, training: Bool)
        -> (outputs: Tensor, states: [Tensor]) {
        preconditionFailure("\(type(of: self)) must override runSequence(_:initialStates:mask:training:)")
    }

    /// A fresh layer with the same arguments that reads the sequence the other way (the
    /// backward half of a `Bidirectional`); nil when the layer cannot copy itself.
    func reversedCopy(name: String) -> RecurrentLayer? { nil }

    // MARK: - Layer

    open override func build(inputShapes: [[Int]]) throws {
        let features = try checkedFeatures(inputShapes)
        try build(features: features)
    }

    /// Any number of steps, as Keras' recurrent layers.
    open override func acceptedShapes(for inputShapes: [[Int]]) -> [[Int]] {
        [[-1] + inputShapes[0].dropFirst()] + inputShapes.dropFirst()
    }

    open override func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        _ = try checkedFeatures(inputShapes)
        return returnSequences ? [inputShapes[0][0], units] : [units]
    }

    private func checkedFeatures(_ inputShapes: [[Int]]) throws -> Int {
        guard let sequence = inputShapes.first, sequence.count == 2, sequence[1] > 0 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input (None, steps, features) with known features, got \(LayerShapes.describe(inputShapes.first ?? []))")
        }
        guard inputShapes.count == 1 || inputShapes.count == 1 + stateSizes.count else {
            throw ModelError.incompatibleInput(layer: name, reason: "takes the sequence and optionally \(stateSizes.count) initial states, got \(inputShapes.count) inputs")
        }
        for (state, size) in zip(inputShapes.dropFirst(), stateSizes) where state != [size] {
            throw ModelError.incompatibleInput(layer: name, reason: "expects initial states of shape (None, \(size)), got \(LayerShapes.describe(state))")
        }
        return sequence[1]
    }

    open override func call(_ input: Tensor, training: Bool) -> Tensor {
        call([input], masks: [nil], training: training)
    }

    open override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        call(inputs, masks: inputs.map { _ in nil }, training: training)
    }

    open override func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        let (output, finalStates) = run(inputs, mask: masks.first ?? nil, training: training)
        if returnState {
            recentStates.append((output, finalStates))
            if recentStates.count > 8 { recentStates.removeFirst() }
        }
        return output
    }

    /// The output mask: the input mask when every step is returned, none otherwise.
    open override func computeMask(_ inputs: [Tensor], previousMasks: [Tensor?]) -> Tensor? {
        returnSequences ? previousMasks.first ?? nil : nil
    }

    /// The output and the final states.
    private func run(_ inputs: [Tensor], mask: Tensor?, training: Bool) -> (Tensor, [Tensor]) {
        let batch = inputs[0].shape[0]
        var initial = Array(inputs.dropFirst())
        if initial.isEmpty, stateful, let states, states.first?.shape[0] == batch { initial = states }
        if initial.isEmpty { initial = stateSizes.map { Tensor.zeros([batch, $0]) } }
        let (outputs, finalStates) = runSequence(inputs[0], initialStates: initial, mask: mask, training: training)
        if stateful { states = finalStates.map { $0.detached() } }
        let output = returnSequences ? outputs : outputs.slice(axis: 1, start: outputs.shape[1] - 1).squeezing(axes: [1])
        return (output, finalStates)
    }

    /// Forgets the states a `stateful` layer carried over; the next batch starts from zeros.
    public func resetStates() {
        states = nil
    }

    // MARK: - Returning states

    /// Eager call returning the output followed by the final states (`[output, h, c]` for an
    /// LSTM), as Keras' `return_state=True`.
    public func callWithStates(_ inputs: [Tensor], mask: Tensor? = nil, training: Bool = false) -> [Tensor] {
        precondition(returnState, "\(name): callWithStates needs returnState: true")
        do {
            try ensureBuilt(inputShapes: inputs.map { Array($0.shape.dropFirst()) })
        } catch { preconditionFailure("\(error)") }
        let (output, finalStates) = run(inputs, mask: mask, training: training)
        return [output] + finalStates
    }

    /// Symbolic call returning the output followed by the final states, for functional models
    /// (an encoder's states feeding a decoder).
    public func callWithStates(_ inputs: [SymbolicTensor]) -> [SymbolicTensor] {
        precondition(returnState, "\(name): callWithStates needs returnState: true")
        let output = self(inputs)
        return [output] + stateSizes.indices.map { RecurrentStateOutput(source: self, index: $0)(output) }
    }

    /// The final states of the call that produced `output`.
    func finalStates(producing output: Tensor) -> [Tensor] {
        guard let match = recentStates.last(where: { $0.output == output }) else {
            preconditionFailure("\(name): no recent call produced this output; call the layer before reading its states")
        }
        return match.states
    }

    open override var config: [String: ConfigValue] {
        ["return_sequences": .bool(returnSequences), "return_state": .bool(returnState),
         "go_backwards": .bool(goBackwards), "stateful": .bool(stateful)]
    }
}

/// One final state of a recurrent layer's call, as a node of a functional graph: its input is
/// the layer's output, so it runs after the call that computed the state.
final class RecurrentStateOutput: Layer {
    let source: RecurrentLayer
    let index: Int

    init(source: RecurrentLayer, index: Int) {
        self.source = source
        self.index = index
        super.init(name: LayerNames.unique(for: "\(source.name)_state_\(index)"))
    }

    override func outputShape(for inputShape: [Int]) throws -> [Int] { [source.stateSizes[index]] }

    override func call(_ input: Tensor, training: Bool) -> Tensor {
        source.finalStates(producing: input)[index]
    }
}
