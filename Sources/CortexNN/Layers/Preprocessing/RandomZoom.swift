import Cortex

/// Zooms each image by a random factor during training (Keras' `RandomZoom`); identity at
/// inference. Factors lie in (-1, 1]: the image is read at `1 + factor` times its extent, so a
/// positive factor zooms out and a negative one zooms in. Without `widthFactor` both axes take
/// the same draw (the aspect ratio is kept).
public final class RandomZoom: Layer {
    public let heightFactor: PreprocessingFactor
    public let widthFactor: PreprocessingFactor?
    public let fillMode: PreprocessingFillMode
    public let interpolation: ImageInterpolation
    public let fillValue: Float
    private let randomness: LayerRandomness
    public var seed: UInt64? { randomness.seed }

    public init(heightFactor: PreprocessingFactor, widthFactor: PreprocessingFactor? = nil,
                fillMode: PreprocessingFillMode = .reflect, interpolation: ImageInterpolation = .bilinear,
                seed: UInt64? = nil, fillValue: Float = 0, name: String? = nil) {
        precondition(heightFactor.lower > -1 && heightFactor.upper <= 1 && (widthFactor.map { $0.lower > -1 && $0.upper <= 1 } ?? true),
                     "RandomZoom: factors must lie in (-1, 1], got \(heightFactor) and \(String(describing: widthFactor))")
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
        let (height, width) = (input.shape[1], input.shape[2])
        let maps = (0..<input.shape[0]).map { _ -> AffineTransform in
            let zoomY = 1 + randomness.uniform(heightFactor.lower, heightFactor.upper)
            let zoomX = widthFactor.map { 1 + randomness.uniform($0.lower, $0.upper) } ?? zoomY
            return AffineTransform.scale(x: zoomX, y: zoomY).centered(height: height, width: width)
        }
        return input.affineTransformed(maps, interpolation: interpolation, fillMode: fillMode.imageFillMode, fillValue: fillValue)
    }

    public override var config: [String: ConfigValue] {
        ["height_factor": heightFactor.config, "width_factor": widthFactor?.config ?? .null,
         "fill_mode": .string(fillMode.rawValue), "interpolation": .string(interpolation.rawValue),
         "seed": randomness.seedConfig, "fill_value": .double(Double(fillValue)), "data_format": .string("channels_last")]
    }
}
