import Cortex

/// Transposed 2-D convolution (learned upsampling), as Keras' `Conv2DTranspose`
/// (kernel `[kh, kw, filters, inputChannels]`).
public final class Conv2DTranspose: ConvolutionLayer {
    public let kernelSize: Size2D
    public let strides: Size2D
    public let padding: Padding
    public let outputPadding: Size2D?
    public let dilationRate: Size2D

    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                outputPadding: Size2D? = nil, dilationRate: Size2D = 1, activation: ActivationFunction = .linear,
                useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil, name: String? = nil) {
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilationRate = dilationRate
        super.init(filters: filters, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                   biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                   activityRegularizer: activityRegularizer, name: name)
    }

    private func kernelShape(_ channels: Int) -> [Int] { [kernelSize.height, kernelSize.width, filters, channels] }

    public override func build(inputShape: [Int]) throws {
        makeWeights(kernelShape: kernelShape(try channels(of: inputShape, rank: 3)), biasCount: filters)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        let filter = kernelShape(try channels(of: inputShape, rank: 3))
        return try inferShape(inputShape) {
            try Tensor.conv2dTransposeOutputShape(input: $0, filter: filter, strides: strides.pair, padding: padding,
                                                  outputPadding: outputPadding?.pair, dilation: dilationRate.pair)
        }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        finish(input.conv2dTranspose(filter: kernel.value, strides: strides.pair, padding: padding,
                                     outputPadding: outputPadding?.pair, dilation: dilationRate.pair))
    }

    public override var config: [String: ConfigValue] {
        super.config.merging(["kernel_size": kernelSize.config, "strides": strides.config, "padding": .string(padding.rawValue),
                              "output_padding": outputPadding?.config ?? .null, "dilation_rate": dilationRate.config]) { $1 }
    }
}
