import Cortex

/// Repeats rows and columns of `[batch, height, width, channels]` images (nearest-neighbour
/// upsampling), as Keras' `UpSampling2D`.
public final class UpSampling2D: Layer {
    public let size: Size2D

    public init(size: Size2D = 2, name: String? = nil) {
        precondition(size.height > 0 && size.width > 0, "UpSampling2D: size must be positive, got \(size)")
        self.size = size
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input (None, height, width, channels), got \(LayerShapes.describe(inputShape))")
        }
        return [inputShape[0] == -1 ? -1 : inputShape[0] * size.height, inputShape[1] == -1 ? -1 : inputShape[1] * size.width, inputShape[2]]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor { input.upsampled2d(size: size.pair) }

    public override var config: [String: ConfigValue] { ["size": size.config, "interpolation": .string("nearest")] }
}
