import Cortex

/// Max or average pooling over `[batch, steps, channels]`, as Keras' `MaxPooling1D` and
/// `AveragePooling1D`: the stride defaults to the pool size.
open class Pooling1D: Layer {
    public let poolSize: Int
    public let strides: Int?
    public let padding: Padding
    let takesMaximum: Bool

    init(poolSize: Int, strides: Int?, padding: Padding, takesMaximum: Bool, name: String?) {
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
        self.takesMaximum = takesMaximum
        super.init(name: name)
    }

    open override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input (None, steps, channels), got \(LayerShapes.describe(inputShape))")
        }
        return try inferShape(inputShape) { probe in
            try Tensor.pool1dOutputShape(input: probe, poolSize: poolSize, stride: strides, padding: padding, op: name)
        }
    }

    open override func call(_ input: Tensor, training: Bool) -> Tensor {
        takesMaximum ? input.maxPool1d(poolSize: poolSize, stride: strides, padding: padding)
            : input.avgPool1d(poolSize: poolSize, stride: strides, padding: padding)
    }

    open override var config: [String: ConfigValue] {
        ["pool_size": .ints([poolSize]), "strides": .ints([strides ?? poolSize]), "padding": .string(padding.rawValue)]
    }
}

/// The maximum of each window.
public final class MaxPooling1D: Pooling1D {
    public init(poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(poolSize: poolSize, strides: strides, padding: padding, takesMaximum: true, name: name)
    }
}

/// The mean of each window (padding cells excluded, as Keras).
public final class AveragePooling1D: Pooling1D {
    public init(poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(poolSize: poolSize, strides: strides, padding: padding, takesMaximum: false, name: name)
    }
}
