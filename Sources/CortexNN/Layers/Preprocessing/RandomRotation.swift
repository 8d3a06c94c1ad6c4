import Cortex

/// Rotates each image by a random angle during training (Keras' `RandomRotation`); identity at
/// inference. `factor` is a fraction of a full turn (0.1 → up to ±36°), within [-1, 1]; a
/// positive angle turns counter-clockwise.
public final class RandomRotation: RandomAffineLayer {
    public let factor: PreprocessingFactor

    public init(factor: PreprocessingFactor, fillMode: PreprocessingFillMode = .reflect,
                interpolation: ImageInterpolation = .bilinear, seed: UInt64? = nil, fillValue: Float = 0,
                name: String? = nil) {
        factor.check("factor", within: -1...1, layer: "RandomRotation")
        self.factor = factor
        super.init(fillMode: fillMode, interpolation: interpolation, seed: seed, fillValue: fillValue, name: name)
    }

    override func randomMap(height: Int, width: Int) -> AffineTransform {
        let degrees = randomness.uniform(factor.lower * 360, factor.upper * 360)
        return AffineTransform.rotation(radians: degrees * .pi / 180).centered(height: height, width: width)
    }

    override var transformConfig: [String: ConfigValue] { ["factor": factor.config] }
}
