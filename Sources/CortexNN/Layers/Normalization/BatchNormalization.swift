import Cortex

/// Normalises each channel (the last axis) with batch statistics while training and with
/// moving averages of them at inference, as Keras' `BatchNormalization`.
///
/// A frozen layer (`trainable = false`) always uses the moving statistics, as in Keras, which
/// is what fine-tuning a pretrained network needs.
public final class BatchNormalization: Layer {
    public let momentum: Float
    public let epsilon: Float
    public let center: Bool
    public let scale: Bool
    public private(set) var gamma: Variable?
    public private(set) var beta: Variable?
    public private(set) var movingMean: Variable!
    public private(set) var movingVariance: Variable!

    public init(momentum: Float = 0.99, epsilon: Float = 1e-3, center: Bool = true, scale: Bool = true, name: String? = nil) {
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        super.init(name: name)
    }

    public override func build(inputShape: [Int]) throws {
        guard let channels = inputShape.last, channels > 0 else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs a known last (channel) dimension, got \(LayerShapes.describe(inputShape))")
        }
        if scale { gamma = addWeight(name: "gamma", shape: [channels], initializer: .ones) }
        if center { beta = addWeight(name: "beta", shape: [channels], initializer: .zeros) }
        movingMean = addWeight(name: "moving_mean", shape: [channels], initializer: .zeros, trainable: false)
        movingVariance = addWeight(name: "moving_variance", shape: [channels], initializer: .ones, trainable: false)
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        let axes = Array(0..<(input.rank - 1))
        let mean: Tensor, variance: Tensor
        if training && trainable {
            mean = input.mean(axes: axes)
            variance = (input - mean).square().mean(axes: axes)
            withoutGradients {
                movingMean.assign(movingMean.value * momentum + mean.detached() * (1 - momentum))
                movingVariance.assign(movingVariance.value * momentum + variance.detached() * (1 - momentum))
            }
        } else {
            mean = movingMean.value
            variance = movingVariance.value
        }
        var output = (input - mean) * (variance + epsilon).rsqrt()
        if let gamma { output = output * gamma.value }
        if let beta { output = output + beta.value }
        return output
    }

    public override var config: [String: ConfigValue] {
        ["momentum": .double(Double(momentum)), "epsilon": .double(Double(epsilon)), "center": .bool(center), "scale": .bool(scale)]
    }
}
