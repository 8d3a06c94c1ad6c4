import Cortex

/// Scales each image's contrast by a random factor during training (Keras' `RandomContrast`):
/// every channel becomes `(x - mean) · c + mean`, its mean taken over the image, then values are
/// clipped to `valueRange`. `c` is drawn from `[1 + factor.lower, 1 + factor.upper]`, so `0.2`
/// means 0.8...1.2 (Keras' documented range; Keras 3.x's code draws 1.0...1.2 for a single
/// number). Identity at inference.
public final class RandomContrast: Layer {
    public let factor: PreprocessingFactor
    public let valueRange: (lower: Float, upper: Float)
    private let randomness: LayerRandomness
    public var seed: UInt64? { randomness.seed }

    public init(factor: PreprocessingFactor, valueRange: (lower: Float, upper: Float) = (0, 255), seed: UInt64? = nil,
                name: String? = nil) {
        factor.check("factor", within: -1...1, layer: "RandomContrast")
        precondition(valueRange.lower < valueRange.upper, "RandomContrast: valueRange must be increasing, got \(valueRange)")
        self.factor = factor
        self.valueRange = valueRange
        randomness = LayerRandomness(seed: seed)
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] { try imageShape(inputShape) }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let (batch, pixels, channels) = (input.shape[0], input.shape[1] * input.shape[2], input.shape[3])
        var output = input.detached()
        output.withUnsafeMutableBufferPointer { values in
            for image in 0..<batch {
                let contrast = Float(1 + randomness.uniform(factor.lower, factor.upper))
                let start = image * pixels * channels
                for channel in 0..<channels {
                    var sum: Float = 0
                    for p in 0..<pixels { sum += values[start + p * channels + channel] }
                    let mean = sum / Float(pixels)
                    for p in 0..<pixels {
                        let index = start + p * channels + channel
                        values[index] = Swift.min(Swift.max((values[index] - mean) * contrast + mean, valueRange.lower), valueRange.upper)
                    }
                }
            }
        }
        return output
    }

    public override var config: [String: ConfigValue] {
        ["factor": factor.config, "value_range": .array([.double(Double(valueRange.lower)), .double(Double(valueRange.upper))]),
         "seed": randomness.seedConfig]
    }
}
