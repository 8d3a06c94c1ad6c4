import Cortex

/// Reshapes each sample to `targetShape` (no batch axis; one extent may be -1).
public final class Reshape: Layer {
    public let targetShape: [Int]

    public init(_ targetShape: [Int], name: String? = nil) {
        self.targetShape = targetShape
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard !inputShape.contains(-1) else { return targetShape }
        do {
            return try Tensor.resolvedShape(targetShape, for: inputShape, op: name)
        } catch {
            throw ModelError.incompatibleInput(layer: name, reason: "cannot reshape input \(LayerShapes.describe(inputShape)) to \(LayerShapes.describe(targetShape))")
        }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input.reshaped(to: [input.shape[0]] + targetShape)
    }

    public override var config: [String: ConfigValue] { ["target_shape": .ints(targetShape)] }
}
