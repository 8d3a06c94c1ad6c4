import Cortex

/// 1-D convolution over `[batch, steps, channels]` sequences, as Keras' `Conv1D`
/// (kernel `[k, inputChannels, filters]`).
public final class Conv1D: ConvolutionLayer {
    public let kernelSize: Int
    public let strides: Int
    public let padding: Padding
    public let dilationRate: Int

    public init(_ filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding = .valid, dilationRate: Int = 1,
                activation: ActivationFunction = .linear, useBias: Bool = true,
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

    public override func build(inputShape: [Int]) throws {
        makeWeights(kernelShape: [kernelSize, try channels(of: inputShape, rank: 2), filters], biasCount: filters)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        let filter = [kernelSize, try channels(of: inputShape, rank: 2), filters]
        return try inferShape(inputShape) {
            try Tensor.conv1dOutputShape(input: $0, filter: filter, stride: strides, padding: padding, dilation: dilationRate)
        }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        finish(input.conv1d(filter: kernel.value, stride: strides, padding: padding, dilation: dilationRate))
    }

    public override var config: [String: ConfigValue] {
        super.config.merging(["kernel_size": .ints([kernelSize]), "strides": .ints([strides]), "padding": .string(padding.rawValue),
                              "dilation_rate": .ints([dilationRate])]) { $1 }
    }
}
