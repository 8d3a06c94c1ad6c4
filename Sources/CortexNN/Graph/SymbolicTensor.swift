import Cortex

/// A placeholder for the batches that will flow through a functional model (Keras' KerasTensor).
///
/// Calling a layer on symbolic tensors builds the layer and records the call; nothing is
/// computed. A shape mistake is kept inside the result and thrown by `Model(inputs:outputs:)`,
/// so a model definition reads like Keras, with one `try` at the end.
public final class SymbolicTensor {
    /// The shape of one sample (no batch axis); -1 marks an unknown extent.
    public let shape: [Int]
    /// The layer call that produces this tensor.
    let node: GraphNode
    /// The first error met while building the graph up to here.
    let error: Error?

    init(shape: [Int], node: GraphNode, error: Error? = nil) {
        self.shape = shape
        self.node = node
        self.error = error
    }

    /// Which call of which layer produces this tensor, in Keras' notation (`dense[0][0]`).
    var producerDescription: String { "\(node.layer.name)[\(node.callIndex)][0]" }
}

/// One call of a layer on symbolic inputs.
final class GraphNode {
    let layer: Layer
    let inputs: [SymbolicTensor]
    /// How many earlier calls the layer had (a shared layer is called more than once).
    let callIndex: Int

    init(layer: Layer, inputs: [SymbolicTensor], callIndex: Int) {
        self.layer = layer
        self.inputs = inputs
        self.callIndex = callIndex
    }
}

/// The entry point of a functional model: a placeholder for batches of samples of `shape`.
public func Input(shape: [Int], name: String? = nil) -> SymbolicTensor {
    let layer = InputLayer(shape: shape, name: name)
    return layer.output
}

/// The layer behind `Input(shape:)`.
public final class InputLayer: Layer {
    public let shape: [Int]
    private(set) var output: SymbolicTensor!

    public init(shape: [Int], name: String? = nil) {
        self.shape = shape
        super.init(name: name ?? LayerNames.unique(for: "input_layer"))
        output = SymbolicTensor(shape: shape, node: GraphNode(layer: self, inputs: [], callIndex: 0))
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor { input }

    public override var config: [String: ConfigValue] { ["batch_shape": .ints([-1] + shape)] }
}

extension Layer {
    /// Calls the layer on a symbolic tensor, recording the call in the graph being built.
    public func callAsFunction(_ input: SymbolicTensor) -> SymbolicTensor {
        callAsFunction([input])
    }

    /// Calls the layer on several symbolic tensors (merging layers).
    public func callAsFunction(_ inputs: [SymbolicTensor]) -> SymbolicTensor {
        let node = GraphNode(layer: self, inputs: inputs, callIndex: symbolicCallCount)
        symbolicCallCount += 1
        if let error = inputs.lazy.compactMap(\.error).first {
            return SymbolicTensor(shape: [], node: node, error: error)
        }
        do {
            let shapes = inputs.map(\.shape)
            try ensureBuilt(inputShapes: shapes)
            return SymbolicTensor(shape: try outputShape(for: shapes), node: node)
        } catch {
            return SymbolicTensor(shape: [], node: node, error: error)
        }
    }
}
