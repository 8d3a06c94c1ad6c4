import Cortex

/// One training example, or a batch of them, as `fit` consumes it: the model's inputs, the
/// targets for its outputs, and an optional weight per sample.
///
/// A per-sample `Example` holds tensors without a batch axis; a batched dataset yields Examples
/// whose tensors carry a leading batch axis. Predict-only data leaves `targets` empty.
public struct Example {
    /// One tensor per model input.
    public var inputs: [Tensor]
    /// One tensor per model output; empty when there is nothing to compare against.
    public var targets: [Tensor]
    /// A weight per sample (a scalar for one sample, `[batch]` for a batch), or nil for all 1.
    public var sampleWeight: Tensor?

    public init(inputs: [Tensor], targets: [Tensor] = [], sampleWeight: Tensor? = nil) {
        self.inputs = inputs
        self.targets = targets
        self.sampleWeight = sampleWeight
    }

    /// An example for a model with one input and one output.
    public init(_ x: Tensor, _ y: Tensor, sampleWeight: Tensor? = nil) {
        self.init(inputs: [x], targets: [y], sampleWeight: sampleWeight)
    }

    /// The only input, for a model with one input.
    public var x: Tensor {
        get {
            precondition(inputs.count == 1, "Example.x: the example has \(inputs.count) inputs; use inputs[i]")
            return inputs[0]
        }
        set { inputs = [newValue] }
    }

    /// The only target, for a model with one output.
    public var y: Tensor {
        get {
            precondition(targets.count == 1, "Example.y: the example has \(targets.count) targets; use targets[i]")
            return targets[0]
        }
        set { targets = [newValue] }
    }
}
