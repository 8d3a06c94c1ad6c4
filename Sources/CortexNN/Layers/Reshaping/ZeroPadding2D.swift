import Cortex

/// Adds rows and columns of zeros around `[batch, height, width, channels]` images.
public final class ZeroPadding2D: Layer {
    public let padding: (top: Int, bottom: Int, left: Int, right: Int)

    /// The same padding on every side.
    public convenience init(_ padding: Int = 1, name: String? = nil) {
        self.init(padding: (padding, padding, padding, padding), name: name)
    }

    /// Symmetric padding: `height` rows above and below, `width` columns left and right.
    public convenience init(height: Int, width: Int, name: String? = nil) {
        self.init(padding: (height, height, width, width), name: name)
    }

    public init(padding: (top: Int, bottom: Int, left: Int, right: Int), name: String? = nil) {
        precondition([padding.top, padding.bottom, padding.left, padding.right].allSatisfy { $0 >= 0 },
                     "ZeroPadding2D: padding must not be negative")
        self.padding = padding
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects images (None, height, width, channels), got \(LayerShapes.describe(inputShape))")
        }
        func grow(_ extent: Int, _ amount: Int) -> Int { extent == -1 ? -1 : extent + amount }
        return [grow(inputShape[0], padding.top + padding.bottom), grow(inputShape[1], padding.left + padding.right), inputShape[2]]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input.padded([(0, 0), (padding.top, padding.bottom), (padding.left, padding.right), (0, 0)])
    }

    public override var config: [String: ConfigValue] {
        ["padding": .array([.ints([padding.top, padding.bottom]), .ints([padding.left, padding.right])])]
    }
}
