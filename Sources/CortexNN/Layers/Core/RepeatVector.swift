import Cortex

/// Repeats a `[batch, features]` input `count` times: `[batch, count, features]`.
public final class RepeatVector: Layer {
    public let count: Int

    public init(_ count: Int, name: String? = nil) {
        precondition(count > 0, "RepeatVector: count must be positive, got \(count)")
        self.count = count
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 1 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input of shape (None, features), got \(LayerShapes.describe(inputShape))")
        }
        return [count, inputShape[0]]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input.expandingDims(at: 1).broadcast(to: [input.shape[0], count, input.shape[1]])
    }

    public override var config: [String: ConfigValue] { ["n": .int(count)] }
}
