import Cortex

/// The shared part of the random geometric augmentation layers (`RandomRotation`, `RandomZoom`,
/// `RandomTranslation`): during training each image gets one random affine map, resampled with
/// the layer's interpolation and fill mode; at inference the layer is the identity.
public class RandomAffineLayer: Layer {
    public let fillMode: PreprocessingFillMode
    public let interpolation: ImageInterpolation
    public let fillValue: Float
    let randomness: LayerRandomness
    public var seed: UInt64? { randomness.seed }

    init(fillMode: PreprocessingFillMode, interpolation: ImageInterpolation, seed: UInt64?, fillValue: Float, name: String?) {
        self.fillMode = fillMode
        self.interpolation = interpolation
        self.fillValue = fillValue
        randomness = LayerRandomness(seed: seed)
        super.init(name: name)
    }

    /// One random map from output to source pixels for an image of `height` × `width`.
    func randomMap(height: Int, width: Int) -> AffineTransform { .identity }

    /// The config keys of the subclass's own arguments.
    var transformConfig: [String: ConfigValue] { [:] }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] { try imageShape(inputShape) }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let maps = (0..<input.shape[0]).map { _ in randomMap(height: input.shape[1], width: input.shape[2]) }
        return input.affineTransformed(maps, interpolation: interpolation, fillMode: fillMode.imageFillMode, fillValue: fillValue)
    }

    public override var config: [String: ConfigValue] {
        transformConfig.merging([
            "fill_mode": .string(fillMode.rawValue), "interpolation": .string(interpolation.rawValue),
            "seed": randomness.seedConfig, "fill_value": .double(Double(fillValue)), "data_format": .string("channels_last"),
        ]) { $1 }
    }
}
