import Cortex

/// Flips each image with probability one half during training (Keras' `RandomFlip`); at
/// inference it passes images through. In `horizontalAndVertical` mode one draw decides both
/// flips, as in Keras.
public final class RandomFlip: Layer {
    public enum Mode: String, Sendable, CaseIterable {
        case horizontal
        case vertical
        case horizontalAndVertical = "horizontal_and_vertical"
    }

    public let mode: Mode
    private let randomness: LayerRandomness
    public var seed: UInt64? { randomness.seed }

    public init(mode: Mode = .horizontalAndVertical, seed: UInt64? = nil, name: String? = nil) {
        self.mode = mode
        randomness = LayerRandomness(seed: seed)
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] { try imageShape(inputShape) }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let (height, width) = (input.shape[1], input.shape[2])
        let horizontal: Double = mode == .vertical ? 1 : -1, vertical: Double = mode == .horizontal ? 1 : -1
        let flip = AffineTransform.scale(x: horizontal, y: vertical).centered(height: height, width: width)
        let maps = (0..<input.shape[0]).map { _ in randomness.uniform(0, 1) <= 0.5 ? flip : .identity }
        return input.affineTransformed(maps, interpolation: .nearest, fillMode: .nearest)
    }

    public override var config: [String: ConfigValue] {
        ["mode": .string(mode.rawValue), "seed": randomness.seedConfig, "data_format": .string("channels_last")]
    }
}
