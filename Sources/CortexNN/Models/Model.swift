import Cortex

/// A trainable network: the functional `Model(inputs:outputs:)`, the base of `Sequential`, and
/// itself a layer, so models nest inside models.
///
/// A subclass without a graph may override `call(_:training:)` and `sublayers` to define its
/// forward pass in code (Keras' subclassed models).
open class Model: Layer {
    var graph: FunctionalGraph?
    /// What `compile` configured; nil until then.
    public internal(set) var compiled: CompiledConfiguration?
    /// Set by a callback to end `fit` after the current batch.
    public var stopTraining = false
    /// Where the next `fit` starts instead of `initialEpoch`: set in `onTrainBegin` by a
    /// callback that resumes interrupted training (`BackupAndRestore`); `fit` clears it.
    public var resumePosition: TrainingPosition?

    /// A functional model from `Input(shape:)` placeholders to the outputs computed from them.
    /// Throws the first shape error met while the graph was built, naming the layer.
    public init(inputs: [SymbolicTensor], outputs: [SymbolicTensor], name: String? = nil) throws {
        graph = try FunctionalGraph(inputs: inputs, outputs: outputs)
        super.init(name: name ?? LayerNames.unique(for: "functional"))
        markBuilt(inputShapes: inputs.map(\.shape))
    }

    /// A functional model with one input and one output.
    public convenience init(inputs: SymbolicTensor, outputs: SymbolicTensor, name: String? = nil) throws {
        try self.init(inputs: [inputs], outputs: [outputs], name: name)
    }

    /// For subclasses that build their graph later (`Sequential`) or compute in `call`.
    public override init(name: String? = nil) {
        super.init(name: name)
    }

    /// The layers in order of first use (input layers included for functional models).
    open var layers: [Layer] { graph?.layers ?? sublayers }

    open override var sublayers: [Layer] { graph?.layers ?? [] }

    /// The layer with the given name, searching nested models too.
    public func getLayer(name wanted: String) -> Layer? {
        for layer in layers {
            if layer.name == wanted { return layer }
            if let model = layer as? Model, let found = model.getLayer(name: wanted) { return found }
        }
        return nil
    }

    /// Per-input sample shapes (no batch axis), once known.
    public var inputShapes: [[Int]]? { graph.map { $0.inputs.map(\.shape) } ?? builtInputShapes }
    /// Per-output sample shapes (no batch axis), once known.
    public var outputShapes: [[Int]]? { graph.map { $0.outputs.map(\.shape) } }

    /// Gives a model whose graph is not known yet the chance to build it from input shapes
    /// (`Sequential` without an `Input`).
    open func prepare(forInputShapes shapes: [[Int]]) throws {}

    /// Runs the model on one batch per input, returning one batch per output.
    open func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        if let graph { return try graph.run(inputs, training: training) }
        try ensureBuilt(inputShapes: inputs.map { Array($0.shape.dropFirst()) })
        return [call(inputs, training: training)]
    }

    /// The outputs and their masks (nil where an output has none); `fit` and `evaluate` weight
    /// losses and metrics with the masks, as Keras does.
    func forwardWithMasks(_ inputs: [Tensor], training: Bool) throws -> (outputs: [Tensor], masks: [Tensor?]) {
        if let graph { return try graph.runWithMasks(inputs, training: training) }
        let outputs = try forward(inputs, training: training)
        return (outputs, outputs.map { _ in nil })
    }

    // MARK: - The model as a layer

    open override func build(inputShapes: [[Int]]) throws {
        guard let expected = graph?.inputs.map(\.shape) else { return }
        guard expected.count == inputShapes.count, zip(expected, inputShapes).allSatisfy({ LayerShapes.compatible($0, $1) }) else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input shape \(LayerShapes.describe(expected)), got \(LayerShapes.describe(inputShapes))")
        }
    }

    open override func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try build(inputShapes: inputShapes)
        guard let outputs = outputShapes else { return try super.outputShape(for: inputShapes) }
        guard outputs.count == 1 else {
            throw ModelError.incompatibleInput(layer: name, reason: "has \(outputs.count) outputs; only single-output models can be used as a layer")
        }
        return outputs[0]
    }

    open override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        guard let graph else { return super.call(inputs, training: training) }
        do { return try graph.run(inputs, training: training)[0] } catch { preconditionFailure("\(error)") }
    }
}
