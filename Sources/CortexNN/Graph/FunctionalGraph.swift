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
    /// Where each step's arguments and each output are found among the values of a run: the
    /// inputs first, then the steps' results in order (positions instead of a dictionary keyed
    /// by tensor, which hashed its way through every call of a small model).
    private let argumentPositions: [[Int]]
    private let outputPositions: [Int]

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
        let positions = Dictionary(uniqueKeysWithValues: (inputs + ordered).enumerated().map { (ObjectIdentifier($1), $0) })
        argumentPositions = ordered.map { step in step.node.inputs.map { positions[ObjectIdentifier($0)]! } }
        outputPositions = outputs.map { positions[ObjectIdentifier($0)]! }
    }

    /// Runs the graph on concrete batches, one per input.
    func run(_ batches: [Tensor], training: Bool) throws -> [Tensor] {
        try runWithMasks(batches, training: training).outputs
    }

    /// Runs the graph, carrying each layer's output mask (Keras' `_keras_mask`) to the layers it
    /// feeds; returns the outputs and their masks.
    func runWithMasks(_ batches: [Tensor], training: Bool) throws -> (outputs: [Tensor], masks: [Tensor?]) {
        precondition(batches.count == inputs.count, "model expects \(inputs.count) inputs, got \(batches.count)")
        var values: [Tensor?] = batches
        var masks: [Tensor?] = Array(repeating: nil, count: batches.count)
        values.reserveCapacity(batches.count + steps.count)
        masks.reserveCapacity(batches.count + steps.count)
        for (step, positions) in zip(steps, argumentPositions) {
            let layer = step.node.layer
            let arguments = positions.map { values[$0]! }
            let inputMasks = positions.map { masks[$0] }
            values.append(try layer.apply(arguments, masks: inputMasks, training: training))
            masks.append(withoutGradients { layer.computeMask(arguments, previousMasks: inputMasks) })
        }
        return (outputPositions.map { values[$0]! }, outputPositions.map { masks[$0] })
    }
}
