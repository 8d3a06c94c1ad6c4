import Cortex

/// Max or average pooling over `[batch, height, width, channels]`, as Keras' `MaxPooling2D`
/// and `AveragePooling2D`: strides default to the pool size.
open class Pooling2D: Layer {
    public let poolSize: Size2D
    public let strides: Size2D?
    public let padding: Padding
    let takesMaximum: Bool

    init(poolSize: Size2D, strides: Size2D?, padding: Padding, takesMaximum: Bool, name: String?) {
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
        self.takesMaximum = takesMaximum
        super.init(name: name)
    }

    open override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input (None, height, width, channels), got \(LayerShapes.describe(inputShape))")
        }
        return try inferShape(inputShape) { probe in
            try Tensor.pool2dOutputShape(input: probe, poolSize: poolSize.pair, strides: strides?.pair, padding: padding, op: name)
        }
    }

    open override func call(_ input: Tensor, training: Bool) -> Tensor {
        takesMaximum ? input.maxPool2d(poolSize: poolSize.pair, strides: strides?.pair, padding: padding)
            : input.avgPool2d(poolSize: poolSize.pair, strides: strides?.pair, padding: padding)
    }

    open override var config: [String: ConfigValue] {
        ["pool_size": poolSize.config, "strides": (strides ?? poolSize).config, "padding": .string(padding.rawValue)]
    }
}

/// The maximum of each window.
public final class MaxPooling2D: Pooling2D {
    public init(poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(poolSize: poolSize, strides: strides, padding: padding, takesMaximum: true, name: name)
    }
}

/// The mean of each window (padding cells excluded, as Keras).
public final class AveragePooling2D: Pooling2D {
    public init(poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(poolSize: poolSize, strides: strides, padding: padding, takesMaximum: false, name: name)
    }
}
