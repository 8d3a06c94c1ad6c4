import Cortex

/// The layer calls between a functional model's inputs and outputs, in an order where every
/// call comes after the calls that feed it.
final class FunctionalGraph {
    let inputs: [SymbolicTensor]
    let outputs: [SymbolicTensor]
    /// The results of layer calls in execution order, inputs excluded (one call, one tensor).
    let steps: [SymbolicTensor]
    /// Distinct layers in order of first use, input layers included (Keras' `model.layers`).
    let layers: [Layer]

    init(inputs: [SymbolicTensor], outputs: [SymbolicTensor]) throws {
        guard !inputs.isEmpty, !outputs.isEmpty else {
            throw ModelError.invalidArgument(name: "Model(inputs:outputs:)", reason: "needs at least one input and one output")
        }
        if let error = outputs.lazy.compactMap(\.error).first { throw error }
        for (index, input) in inputs.enumerated() where !(input.node.layer is InputLayer) {
            throw ModelError.invalidArgument(name: "inputs[\(index)]",
                                             reason: "must come from Input(shape:), got the output of \(input.node.layer.name)")
        }
        self.inputs = inputs
        self.outputs = outputs
        let inputIDs = Set(inputs.map { ObjectIdentifier($0) })
        var ordered: [SymbolicTensor] = []
        var visited: Set<ObjectIdentifier> = []
        func visit(_ tensor: SymbolicTensor) throws {
            let node = tensor.node
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { return }
            if node.layer is InputLayer {
                guard inputIDs.contains(ObjectIdentifier(tensor)) else {
                    throw ModelError.invalidArgument(name: "Model(inputs:outputs:)",
                                                     reason: "output depends on \(node.layer.name), which is not among the inputs")
                }
                return
            }
            for input in node.inputs { try visit(input) }
            ordered.append(tensor)
        }
        for output in outputs { try visit(output) }
        steps = ordered
        var seen: Set<ObjectIdentifier> = []
        layers = (inputs + ordered).map(\.node.layer).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// Runs the graph on concrete batches, one per input.
    func run(_ batches: [Tensor], training: Bool) throws -> [Tensor] {
        try runWithMasks(batches, training: training).outputs
    }

    /// Runs the graph, carrying each layer's output mask (Keras' `_keras_mask`) to the layers it
    /// feeds; returns the outputs and their masks.
    func runWithMasks(_ batches: [Tensor], training: Bool) throws -> (outputs: [Tensor], masks: [Tensor?]) {
        precondition(batches.count == inputs.count, "model expects \(inputs.count) inputs, got \(batches.count)")
        var values: [ObjectIdentifier: Tensor] = [:]
        var masks: [ObjectIdentifier: Tensor] = [:]
        for (input, batch) in zip(inputs, batches) { values[ObjectIdentifier(input)] = batch }
        for step in steps {
            let layer = step.node.layer
            let arguments = step.node.inputs.map { values[ObjectIdentifier($0)]! }
            let inputMasks = step.node.inputs.map { masks[ObjectIdentifier($0)] }
            values[ObjectIdentifier(step)] = try layer.apply(arguments, masks: inputMasks, training: training)
            masks[ObjectIdentifier(step)] = withoutGradients { layer.computeMask(arguments, previousMasks: inputMasks) }
        }
        return (outputs.map { values[ObjectIdentifier($0)]! }, outputs.map { masks[ObjectIdentifier($0)] })
    }
}
