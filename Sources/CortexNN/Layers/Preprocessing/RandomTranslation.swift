import Cortex

/// Shifts each image by a random fraction of its height and width during training (Keras'
/// `RandomTranslation`); identity at inference. Factors lie in [-1, 1]; a positive shift moves
/// the picture down or right.
public final class RandomTranslation: Layer {
    public let heightFactor: PreprocessingFactor
    public let widthFactor: PreprocessingFactor
    public let fillMode: PreprocessingFillMode
    public let interpolation: ImageInterpolation
    public let fillValue: Float
    private let randomness: LayerRandomness
    public var seed: UInt64? { randomness.seed }

    public init(heightFactor: PreprocessingFactor, widthFactor: PreprocessingFactor,
                fillMode: PreprocessingFillMode = .reflect, interpolation: ImageInterpolation = .bilinear,
                seed: UInt64? = nil, fillValue: Float = 0, name: String? = nil) {
        heightFactor.check("heightFactor", within: -1...1, layer: "RandomTranslation")
        widthFactor.check("widthFactor", within: -1...1, layer: "RandomTranslation")
        self.heightFactor = heightFactor
        self.widthFactor = widthFactor
        self.fillMode = fillMode
        self.interpolation = interpolation
        self.fillValue = fillValue
        randomness = LayerRandomness(seed: seed)
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] { try imageShape(inputShape) }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let (height, width) = (Double(input.shape[1]), Double(input.shape[2]))
        let maps = (0..<input.shape[0]).map { _ -> AffineTransform in
            let down = randomness.uniform(heightFactor.lower, heightFactor.upper) * height
            let right = randomness.uniform(widthFactor.lower, widthFactor.upper) * width
            return AffineTransform.translation(x: -right, y: -down)
        }
        return input.affineTransformed(maps, interpolation: interpolation, fillMode: fillMode.imageFillMode, fillValue: fillValue)
    }

    public override var config: [String: ConfigValue] {
        ["height_factor": heightFactor.config, "width_factor": widthFactor.config,
         "fill_mode": .string(fillMode.rawValue), "interpolation": .string(interpolation.rawValue),
         "seed": randomness.seedConfig, "fill_value": .double(Double(fillValue)), "data_format": .string("channels_last")]
    }
}
