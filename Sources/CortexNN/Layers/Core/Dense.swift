import Cortex

/// A fully connected layer: `activation(x · kernel + bias)` over the last axis.
///
/// The kernel is `[inputDim, units]` as in Keras, so Keras weights load unchanged.
public final class Dense: Layer {
    public let units: Int
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?
    public private(set) var kernel: Variable!
    public private(set) var bias: Variable?

    public init(_ units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil, name: String? = nil) {
        precondition(units > 0, "Dense: units must be positive, got \(units)")
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        super.init(name: name)
        supportsMasking = true
        self.activityRegularizer = activityRegularizer
    }

    public override func build(inputShape: [Int]) throws {
        guard let inputDim = inputShape.last, inputDim > 0 else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs a known last dimension, got input shape \(LayerShapes.describe(inputShape))")
        }
        kernel = addWeight(name: "kernel", shape: [inputDim, units], initializer: kernelInitializer, regularizer: kernelRegularizer)
        if useBias {
            bias = addWeight(name: "bias", shape: [units], initializer: biasInitializer, regularizer: biasRegularizer)
        }
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard !inputShape.isEmpty else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects an input of rank 2 or more (with the batch axis), got \(LayerShapes.describe(inputShape))")
        }
        if let kernel, inputShape.last != -1, inputShape.last != kernel.shape[0] {
            throw ModelError.incompatibleInput(layer: name, reason: "expects last dimension \(kernel.shape[0]), got \(inputShape.last!)")
        }
        return inputShape.dropLast() + [units]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        activation.finish(input.matmul(kernel.value), bias: bias?.value)
    }

    public override var config: [String: ConfigValue] {
        ["units": .int(units), "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
         "kernel_initializer": kernelInitializer.configValue, "bias_initializer": biasInitializer.configValue,
         "kernel_regularizer": kernelRegularizer.configValue, "bias_regularizer": biasRegularizer.configValue]
    }
}
