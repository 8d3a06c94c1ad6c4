import Cortex

/// 2-D convolution over `[batch, height, width, channels]` images, as Keras' `Conv2D`
/// (kernel `[kh, kw, inputChannels, filters]`).
public final class Conv2D: ConvolutionLayer {
    public let kernelSize: Size2D
    public let strides: Size2D
    public let padding: Padding
    public let dilationRate: Size2D

    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                dilationRate: Size2D = 1, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil, name: String? = nil) {
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilationRate = dilationRate
        super.init(filters: filters, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                   biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                   activityRegularizer: activityRegularizer, name: name)
    }

    private var kernelShape: (Int) -> [Int] { { [self.kernelSize.height, self.kernelSize.width, $0, self.filters] } }

    public override func build(inputShape: [Int]) throws {
        makeWeights(kernelShape: kernelShape(try channels(of: inputShape, rank: 3)), biasCount: filters)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        let filter = kernelShape(try channels(of: inputShape, rank: 3))
        return try inferShape(inputShape) {
            try Tensor.conv2dOutputShape(input: $0, filter: filter, strides: strides.pair, padding: padding, dilation: dilationRate.pair)
        }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        finish(input.conv2d(filter: kernel.value, strides: strides.pair, padding: padding, dilation: dilationRate.pair))
    }

    public override var config: [String: ConfigValue] {
        super.config.merging(["kernel_size": kernelSize.config, "strides": strides.config, "padding": .string(padding.rawValue),
                              "dilation_rate": dilationRate.config]) { $1 }
    }
}
