import Cortex

/// Rotates each image by a random angle during training (Keras' `RandomRotation`); identity at
/// inference. `factor` is a fraction of a full turn (0.1 → up to ±36°), within [-1, 1]; a
/// positive angle turns counter-clockwise.
public final class RandomRotation: Layer {
    public let factor: PreprocessingFactor
    public let fillMode: PreprocessingFillMode
    public let interpolation: ImageInterpolation
    public let fillValue: Float
    private let randomness: LayerRandomness
    public var seed: UInt64? { randomness.seed }

    public init(factor: PreprocessingFactor, fillMode: PreprocessingFillMode = .reflect,
                interpolation: ImageInterpolation = .bilinear, seed: UInt64? = nil, fillValue: Float = 0,
                name: String? = nil) {
        factor.check("factor", within: -1...1, layer: "RandomRotation")
        self.factor = factor
        self.fillMode = fillMode
        self.interpolation = interpolation
        self.fillValue = fillValue
        randomness = LayerRandomness(seed: seed)
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] { try imageShape(inputShape) }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let (height, width) = (input.shape[1], input.shape[2])
        let maps = (0..<input.shape[0]).map { _ -> AffineTransform in
            let degrees = randomness.uniform(factor.lower * 360, factor.upper * 360)
            return AffineTransform.rotation(radians: degrees * .pi / 180).centered(height: height, width: width)
        }
        return input.affineTransformed(maps, interpolation: interpolation, fillMode: fillMode.imageFillMode, fillValue: fillValue)
    }

    public override var config: [String: ConfigValue] {
        ["factor": factor.config, "fill_mode": .string(fillMode.rawValue), "interpolation": .string(interpolation.rawValue),
         "seed": randomness.seedConfig, "fill_value": .double(Double(fillValue)), "data_format": .string("channels_last")]
    }
}
