import Cortex

/// Zeroes a random fraction `rate` of inputs during training and scales the rest by
/// `1 / (1 - rate)`, so inference needs no change (inverted dropout, as Keras).
public final class Dropout: Layer {
    public let rate: Float
    /// Drop whole slices: a 1 in this shape (no batch axis) shares one draw along that axis.
    public let noiseShape: [Int]?

    public init(_ rate: Float, noiseShape: [Int]? = nil, name: String? = nil) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
        self.noiseShape = noiseShape
        super.init(name: name)
        supportsMasking = true
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        guard training, rate > 0 else { return input }
        let maskShape = [input.shape[0]] + (noiseShape ?? Array(input.shape.dropFirst()))
        let keep = Tensor.bernoulli(maskShape, probability: 1 - rate) * (1 / (1 - rate))
        return input * keep
    }

    public override var config: [String: ConfigValue] {
        ["rate": .double(Double(rate)), "noise_shape": noiseShape.map(ConfigValue.ints) ?? .null]
    }
}
