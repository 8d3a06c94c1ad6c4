import Cortex

/// Zooms each image by a random factor during training (Keras' `RandomZoom`); identity at
/// inference. Factors lie in (-1, 1]: the image is read at `1 + factor` times its extent, so a
/// positive factor zooms out and a negative one zooms in. Without `widthFactor` both axes take
/// the same draw (the aspect ratio is kept).
public final class RandomZoom: RandomAffineLayer {
    public let heightFactor: PreprocessingFactor
    public let widthFactor: PreprocessingFactor?

    public init(heightFactor: PreprocessingFactor, widthFactor: PreprocessingFactor? = nil,
                fillMode: PreprocessingFillMode = .reflect, interpolation: ImageInterpolation = .bilinear,
                seed: UInt64? = nil, fillValue: Float = 0, name: String? = nil) {
        precondition(heightFactor.lower > -1 && heightFactor.upper <= 1 && (widthFactor.map { $0.lower > -1 && $0.upper <= 1 } ?? true),
                     "RandomZoom: factors must lie in (-1, 1], got \(heightFactor) and \(String(describing: widthFactor))")
        self.heightFactor = heightFactor
        self.widthFactor = widthFactor
        super.init(fillMode: fillMode, interpolation: interpolation, seed: seed, fillValue: fillValue, name: name)
    }

    override func randomMap(height: Int, width: Int) -> AffineTransform {
        let zoomY = 1 + randomness.uniform(heightFactor.lower, heightFactor.upper)
        let zoomX = widthFactor.map { 1 + randomness.uniform($0.lower, $0.upper) } ?? zoomY
        return AffineTransform.scale(x: zoomX, y: zoomY).centered(height: height, width: width)
    }

    override var transformConfig: [String: ConfigValue] {
        ["height_factor": heightFactor.config, "width_factor": widthFactor?.config ?? .null]
    }
}
