import Cortex

/// Normalises each sample over its last axis, then scales and shifts per feature, as Keras'
/// `LayerNormalization`.
public final class LayerNormalization: Layer {
    public let epsilon: Float
    public let center: Bool
    public let scale: Bool
    public private(set) var gamma: Variable?
    public private(set) var beta: Variable?

    public init(epsilon: Float = 1e-3, center: Bool = true, scale: Bool = true, name: String? = nil) {
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        super.init(name: name)
        supportsMasking = true
    }

    public override func build(inputShape: [Int]) throws {
        guard let features = inputShape.last, features > 0 else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs a known last dimension, got \(LayerShapes.describe(inputShape))")
        }
        if scale { gamma = addWeight(name: "gamma", shape: [features], initializer: .ones) }
        if center { beta = addWeight(name: "beta", shape: [features], initializer: .zeros) }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        let mean = input.mean(axis: -1, keepDims: true)
        let centered = input - mean
        var output = centered * (centered.square().mean(axis: -1, keepDims: true) + epsilon).rsqrt()
        if let gamma { output = output * gamma.value }
        if let beta { output = output + beta.value }
        return output
    }

    public override var config: [String: ConfigValue] {
        ["epsilon": .double(Double(epsilon)), "center": .bool(center), "scale": .bool(scale)]
    }
}
