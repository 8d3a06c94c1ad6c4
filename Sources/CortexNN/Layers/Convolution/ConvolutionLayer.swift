import Cortex

/// What convolution layers share: filters, activation, bias, initializers and regularizers,
/// and the bias-then-activation finish of every forward pass.
open class ConvolutionLayer: Layer {
    public let filters: Int
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?
    public internal(set) var kernel: Variable!
    public internal(set) var bias: Variable?

    init(filters: Int, activation: ActivationFunction, useBias: Bool, kernelInitializer: Initializer,
         biasInitializer: Initializer, kernelRegularizer: Regularizer?, biasRegularizer: Regularizer?,
         activityRegularizer: Regularizer?, name: String?) {
        precondition(filters > 0, "\(Self.self): filters must be positive, got \(filters)")
        self.filters = filters
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        super.init(name: name)
        self.activityRegularizer = activityRegularizer
    }

    /// Creates `kernel` (named `kernelName`) and, when used, a bias of `biasCount` values.
    func makeWeights(kernelShape: [Int], kernelName: String = "kernel", biasCount: Int) {
        kernel = addWeight(name: kernelName, shape: kernelShape, initializer: kernelInitializer, regularizer: kernelRegularizer)
        if useBias {
            bias = addWeight(name: "bias", shape: [biasCount], initializer: biasInitializer, regularizer: biasRegularizer)
        }
    }

    /// Adds the bias and applies the activation.
    func finish(_ output: Tensor) -> Tensor {
        activation.finish(output, bias: bias?.value)
    }

    /// The last extent of `inputShape`, which convolution layers need known.
    func channels(of inputShape: [Int], rank: Int) throws -> Int {
        guard inputShape.count == rank, let channels = inputShape.last, channels > 0 else {
            let expected = rank == 2 ? "(None, steps, channels)" : "(None, height, width, channels)"
            throw ModelError.incompatibleInput(layer: name, reason: "expects input \(expected) with known channels, got \(LayerShapes.describe(inputShape))")
        }
        return channels
    }

    open override var config: [String: ConfigValue] {
        ["filters": .int(filters), "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
         "kernel_initializer": kernelInitializer.configValue, "bias_initializer": biasInitializer.configValue,
         "kernel_regularizer": kernelRegularizer.configValue, "bias_regularizer": biasRegularizer.configValue]
    }
}
