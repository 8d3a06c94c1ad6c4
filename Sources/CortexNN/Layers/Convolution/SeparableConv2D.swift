import Cortex

/// A depthwise convolution followed by a 1×1 pointwise convolution to `filters` channels, as
/// Keras' `SeparableConv2D` (kernels `depthwise_kernel [kh, kw, inputChannels, multiplier]` and
/// `pointwise_kernel [1, 1, inputChannels · multiplier, filters]`).
public final class SeparableConv2D: ConvolutionLayer {
    public let kernelSize: Size2D
    public let strides: Size2D
    public let padding: Padding
    public let depthMultiplier: Int
    public let dilationRate: Size2D
    public private(set) var pointwiseKernel: Variable!

    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                depthMultiplier: Int = 1, dilationRate: Size2D = 1, activation: ActivationFunction = .linear,
                useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil, name: String? = nil) {
        precondition(depthMultiplier > 0, "SeparableConv2D: depthMultiplier must be positive, got \(depthMultiplier)")
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.depthMultiplier = depthMultiplier
        self.dilationRate = dilationRate
        super.init(filters: filters, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                   biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                   activityRegularizer: activityRegularizer, name: name)
    }

    private func depthwiseShape(_ channels: Int) -> [Int] { [kernelSize.height, kernelSize.width, channels, depthMultiplier] }

    public override func build(inputShape: [Int]) throws {
        let channels = try channels(of: inputShape, rank: 3)
        kernel = addWeight(name: "depthwise_kernel", shape: depthwiseShape(channels), initializer: kernelInitializer,
                           regularizer: kernelRegularizer)
        pointwiseKernel = addWeight(name: "pointwise_kernel", shape: [1, 1, channels * depthMultiplier, filters],
                                    initializer: kernelInitializer, regularizer: kernelRegularizer)
        if useBias {
            bias = addWeight(name: "bias", shape: [filters], initializer: biasInitializer, regularizer: biasRegularizer)
        }
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        let depthwise = depthwiseShape(try channels(of: inputShape, rank: 3))
        let spatial = try inferShape(inputShape) {
            try Tensor.depthwiseConv2dOutputShape(input: $0, filter: depthwise, strides: strides.pair, padding: padding, dilation: dilationRate.pair)
        }
        return Array(spatial.dropLast()) + [filters]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        let depthwise = input.depthwiseConv2d(filter: kernel.value, strides: strides.pair, padding: padding, dilation: dilationRate.pair)
        return finish(depthwise.conv2d(filter: pointwiseKernel.value))
    }

    public override var config: [String: ConfigValue] {
        super.config.merging(["kernel_size": kernelSize.config, "strides": strides.config, "padding": .string(padding.rawValue),
                              "depth_multiplier": .int(depthMultiplier), "dilation_rate": dilationRate.config]) { $1 }
    }
}
