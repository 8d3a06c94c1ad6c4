import Cortex

/// Shifts each image by a random fraction of its height and width during training (Keras'
/// `RandomTranslation`); identity at inference. Factors lie in [-1, 1]; a positive shift moves
/// the picture down or right.
public final class RandomTranslation: RandomAffineLayer {
    public let heightFactor: PreprocessingFactor
    public let widthFactor: PreprocessingFactor

    public init(heightFactor: PreprocessingFactor, widthFactor: PreprocessingFactor,
                fillMode: PreprocessingFillMode = .reflect, interpolation: ImageInterpolation = .bilinear,
                seed: UInt64? = nil, fillValue: Float = 0, name: String? = nil) {
        heightFactor.check("heightFactor", within: -1...1, layer: "RandomTranslation")
        widthFactor.check("widthFactor", within: -1...1, layer: "RandomTranslation")
        self.heightFactor = heightFactor
        self.widthFactor = widthFactor
        super.init(fillMode: fillMode, interpolation: interpolation, seed: seed, fillValue: fillValue, name: name)
    }

    override func randomMap(height: Int, width: Int) -> AffineTransform {
        let down = randomness.uniform(heightFactor.lower, heightFactor.upper) * Double(height)
        let right = randomness.uniform(widthFactor.lower, widthFactor.upper) * Double(width)
        return AffineTransform.translation(x: -right, y: -down)
    }

    override var transformConfig: [String: ConfigValue] { ["height_factor": heightFactor.config, "width_factor": widthFactor.config] }
}
