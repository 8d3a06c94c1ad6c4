import Cortex

/// Resizes images to `height` × `width` (Keras' `Resizing`), with half-pixel centres and no
/// antialiasing like Keras' default; `cropToAspectRatio` first cuts the largest centred window of
/// the target's aspect ratio so the picture is not stretched. Gradients flow through it, so it
/// may also resize feature maps inside a model.
public final class Resizing: Layer {
    public let height: Int
    public let width: Int
    public let interpolation: ImageInterpolation
    public let cropToAspectRatio: Bool

    public init(height: Int, width: Int, interpolation: ImageInterpolation = .bilinear, cropToAspectRatio: Bool = false,
                name: String? = nil) {
        precondition(height > 0 && width > 0, "Resizing: height and width must be positive, got \(height) x \(width)")
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.cropToAspectRatio = cropToAspectRatio
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        [height, width, try imageShape(inputShape)[2]]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input.resizedImages(height: height, width: width, interpolation: interpolation, cropToAspectRatio: cropToAspectRatio)
    }

    public override var config: [String: ConfigValue] {
        ["height": .int(height), "width": .int(width), "interpolation": .string(interpolation.rawValue),
         "crop_to_aspect_ratio": .bool(cropToAspectRatio), "pad_to_aspect_ratio": .bool(false),
         "antialias": .bool(false), "data_format": .string("channels_last")]
    }
}
