import Cortex

/// A learned embedding of each position, as keras_hub's `PositionEmbedding`: for inputs
/// `[batch, steps, features]` it returns the first `steps` rows of its `embeddings
/// [sequenceLength, features]` weight, broadcast to the input's shape. Add it to token embeddings
/// so that attention, which is blind to order, can tell positions apart.
public final class PositionEmbedding: Layer {
    /// The longest sequence the layer can embed.
    public let sequenceLength: Int
    public let initializer: Initializer
    public private(set) var embeddings: Variable!

    public init(sequenceLength: Int, initializer: Initializer = .glorotUniform, name: String? = nil) {
        precondition(sequenceLength > 0, "PositionEmbedding: sequenceLength must be positive, got \(sequenceLength)")
        self.sequenceLength = sequenceLength
        self.initializer = initializer
        super.init(name: name)
    }

    public override func build(inputShape: [Int]) throws {
        guard inputShape.count >= 2, let features = inputShape.last, features > 0 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects inputs shaped (batch, steps, features) with known features, got \(LayerShapes.describe(inputShape))")
        }
        guard inputShape[inputShape.count - 2] <= sequenceLength else {
            throw ModelError.incompatibleInput(layer: name, reason: "was made for at most \(sequenceLength) steps, got \(inputShape[inputShape.count - 2])")
        }
        embeddings = addWeight(name: "embeddings", shape: [sequenceLength, features], initializer: initializer)
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        let steps = input.shape[input.rank - 2]
        precondition(steps <= sequenceLength, "\(name): was made for at most \(sequenceLength) steps, got \(steps)")
        let rows = steps == sequenceLength ? embeddings.value : embeddings.value.slice(axis: 0, start: 0, end: steps)
        return rows.broadcast(to: input.shape)
    }

    public override var config: [String: ConfigValue] {
        ["sequence_length": .int(sequenceLength), "initializer": initializer.configValue]
    }
}
