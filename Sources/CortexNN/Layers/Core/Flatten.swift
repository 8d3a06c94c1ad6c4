import Cortex

/// Flattens every axis but the batch axis.
public final class Flatten: Layer {
    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        [inputShape.contains(-1) ? -1 : inputShape.reduce(1, *)]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input.reshaped(to: [input.shape[0], -1])
    }
}
