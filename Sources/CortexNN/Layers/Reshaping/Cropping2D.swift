import Cortex

/// Removes rows and columns from the borders of `[batch, height, width, channels]` images.
public final class Cropping2D: Layer {
    public let cropping: (top: Int, bottom: Int, left: Int, right: Int)

    public convenience init(_ cropping: Int, name: String? = nil) {
        self.init(cropping: (cropping, cropping, cropping, cropping), name: name)
    }

    public init(cropping: (top: Int, bottom: Int, left: Int, right: Int), name: String? = nil) {
        precondition([cropping.top, cropping.bottom, cropping.left, cropping.right].allSatisfy { $0 >= 0 },
                     "Cropping2D: cropping must not be negative")
        self.cropping = cropping
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects images (None, height, width, channels), got \(LayerShapes.describe(inputShape))")
        }
        let height = inputShape[0] == -1 ? -1 : inputShape[0] - cropping.top - cropping.bottom
        let width = inputShape[1] == -1 ? -1 : inputShape[1] - cropping.left - cropping.right
        let heightLeft = inputShape[0] == -1 || height > 0, widthLeft = inputShape[1] == -1 || width > 0
        guard heightLeft, widthLeft else {
            throw ModelError.incompatibleInput(layer: name, reason: "cropping \(cropping) leaves nothing of input \(LayerShapes.describe(inputShape))")
        }
        return [height, width, inputShape[2]]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input[.all, .range(cropping.top, input.shape[1] - cropping.bottom), .range(cropping.left, input.shape[2] - cropping.right), .all]
    }

    public override var config: [String: ConfigValue] {
        ["cropping": .array([.ints([cropping.top, cropping.bottom]), .ints([cropping.left, cropping.right])])]
    }
}
