import Cortex

/// A separate `kh × kw` filter (or `depthMultiplier` of them) for each input channel, as Keras'
/// `DepthwiseConv2D` (kernel `[kh, kw, inputChannels, depthMultiplier]`).
public final class DepthwiseConv2D: ConvolutionLayer {
    public let kernelSize: Size2D
    public let strides: Size2D
    public let padding: Padding
    public let depthMultiplier: Int
    public let dilationRate: Size2D

    public init(kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid, depthMultiplier: Int = 1,
                dilationRate: Size2D = 1, activation: ActivationFunction = .linear, useBias: Bool = true,
                depthwiseInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                depthwiseRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil, name: String? = nil) {
        precondition(depthMultiplier > 0, "DepthwiseConv2D: depthMultiplier must be positive, got \(depthMultiplier)")
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.depthMultiplier = depthMultiplier
        self.dilationRate = dilationRate
        super.init(filters: depthMultiplier, activation: activation, useBias: useBias, kernelInitializer: depthwiseInitializer,
                   biasInitializer: biasInitializer, kernelRegularizer: depthwiseRegularizer, biasRegularizer: biasRegularizer,
                   activityRegularizer: activityRegularizer, name: name)
    }

    private func kernelShape(_ channels: Int) -> [Int] { [kernelSize.height, kernelSize.width, channels, depthMultiplier] }

    public override func build(inputShape: [Int]) throws {
        let channels = try channels(of: inputShape, rank: 3)
        makeWeights(kernelShape: kernelShape(channels), kernelName: "depthwise_kernel", biasCount: channels * depthMultiplier)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        let filter = kernelShape(try channels(of: inputShape, rank: 3))
        return try inferShape(inputShape) {
            try Tensor.depthwiseConv2dOutputShape(input: $0, filter: filter, strides: strides.pair, padding: padding, dilation: dilationRate.pair)
        }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        finish(input.depthwiseConv2d(filter: kernel.value, strides: strides.pair, padding: padding, dilation: dilationRate.pair))
    }

    public override var config: [String: ConfigValue] {
        ["kernel_size": kernelSize.config, "strides": strides.config, "padding": .string(padding.rawValue),
         "depth_multiplier": .int(depthMultiplier), "dilation_rate": dilationRate.config,
         "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
         "depthwise_initializer": kernelInitializer.configValue, "bias_initializer": biasInitializer.configValue,
         "depthwise_regularizer": kernelRegularizer.configValue, "bias_regularizer": biasRegularizer.configValue]
    }
}
