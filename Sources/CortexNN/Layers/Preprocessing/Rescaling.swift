import Cortex

/// Multiplies inputs by `scale` and adds `offset` (Keras' `Rescaling`), e.g. `Rescaling(scale:
/// 1 / 255)` to take 0...255 pixels to 0...1 inside the model, or `scale: 1 / 127.5, offset: -1`
/// for -1...1.
public final class Rescaling: Layer {
    public let scale: Float
    public let offset: Float

    public init(scale: Float, offset: Float = 0, name: String? = nil) {
        self.scale = scale
        self.offset = offset
        super.init(name: name)
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        offset == 0 ? input * scale : input * scale + offset
    }

    public override var config: [String: ConfigValue] {
        ["scale": .double(Double(scale)), "offset": .double(Double(offset))]
    }
}
