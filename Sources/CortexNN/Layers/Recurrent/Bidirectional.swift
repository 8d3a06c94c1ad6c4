import Cortex

/// Runs a recurrent layer forwards and a twin backwards over the same sequence and merges
/// their outputs, as Keras' `Bidirectional`. The backward twin has the same arguments with
/// `goBackwards` flipped (or is `backwardLayer`); with `returnSequences` its outputs are put
/// back in input order before merging. The twin is named `backward_<layer>`.
public final class Bidirectional: Layer, WrappingLayer {
    /// How the two directions' outputs combine (Keras' `merge_mode`).
    public enum MergeMode: String, Sendable, CaseIterable {
        case concat, sum, mul, ave
        /// No merge: `callSeparately` returns both outputs.
        case none
    }

    public let forwardLayer: RecurrentLayer
    public let backwardLayer: RecurrentLayer
    public let mergeMode: MergeMode

    public init(_ layer: RecurrentLayer, mergeMode: MergeMode = .concat, backwardLayer: RecurrentLayer? = nil, name: String? = nil) {
        let backward = backwardLayer ?? layer.reversedCopy(name: LayerNames.unique(for: "backward_\(layer.name)"))
        guard let backward else {
            preconditionFailure("Bidirectional: \(layer.name) cannot copy itself; pass backwardLayer")
        }
        precondition(backward.goBackwards != layer.goBackwards,
                     "Bidirectional: backwardLayer must read the sequence the other way (goBackwards \(!layer.goBackwards))")
        precondition(backward.returnSequences == layer.returnSequences,
                     "Bidirectional: both layers must agree on returnSequences")
        forwardLayer = layer
        self.backwardLayer = backward
        self.mergeMode = mergeMode
        super.init(name: name)
        supportsMasking = true
    }

    public override var sublayers: [Layer] { [forwardLayer, backwardLayer] }

    public override func build(inputShape: [Int]) throws {
        try forwardLayer.ensureBuilt(inputShapes: [inputShape])
        try backwardLayer.ensureBuilt(inputShapes: [inputShape])
    }

    /// Any number of steps, as the wrapped layers.
    public override func acceptedShapes(for inputShapes: [[Int]]) -> [[Int]] {
        inputShapes.map { [-1] + $0.dropFirst() }
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        precondition(mergeMode != .none, "\(name): mergeMode .none has two outputs; use callSeparately")
        let forward = try forwardLayer.outputShape(for: [inputShape])
        let backward = try backwardLayer.outputShape(for: [inputShape])
        guard mergeMode == .concat else { return forward }
        return forward.dropLast() + [forward.last! + backward.last!]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        call([input], masks: [nil], training: training)
    }

    public override func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        precondition(mergeMode != .none, "\(name): mergeMode .none has two outputs; use callSeparately")
        let (forward, backward) = both(inputs[0], mask: masks.first ?? nil, training: training)
        switch mergeMode {
        case .concat: return Tensor.concatenate([forward, backward], axis: -1)
        case .sum: return forward + backward
        case .mul: return forward * backward
        case .ave: return (forward + backward) * 0.5
        case .none: preconditionFailure("unreachable")
        }
    }

    /// The forward and the backward outputs, unmerged (Keras' `merge_mode=None`).
    public func callSeparately(_ input: Tensor, mask: Tensor? = nil, training: Bool = false) -> [Tensor] {
        do { try ensureBuilt(inputShapes: [Array(input.shape.dropFirst())]) } catch { preconditionFailure("\(error)") }
        let (forward, backward) = both(input, mask: mask, training: training)
        return [forward, backward]
    }

    private func both(_ input: Tensor, mask: Tensor?, training: Bool) -> (Tensor, Tensor) {
        let forward = forwardLayer.call([input], masks: [mask], training: training)
        var backward = backwardLayer.call([input], masks: [mask], training: training)
        if backwardLayer.returnSequences { backward = backward.flipped(axes: [1]) }
        return (forward, backward)
    }

    public override func computeMask(_ input: Tensor, previousMask: Tensor?) -> Tensor? {
        forwardLayer.returnSequences ? previousMask : nil
    }

    public override var config: [String: ConfigValue] {
        ["merge_mode": mergeMode == .none ? .null : .string(mergeMode.rawValue)]
    }

    /// Saved under Keras' keys `layer` and `backward_layer`.
    var wrappedLayers: [String: Layer] { ["layer": forwardLayer, "backward_layer": backwardLayer] }
}
