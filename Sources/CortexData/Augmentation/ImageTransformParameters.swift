import Cortex

/// One random augmentation of one image, as Keras' `get_random_transform` describes it.
///
/// `tx` and `ty` are shifts in pixels along columns (x) and rows (y): a positive `tx` reads the
/// source further right, so the picture moves left. `zx` and `zy` are zoom factors along x and y
/// (above 1 zooms out); angles are in degrees, a positive `theta` turning the picture
/// counter-clockwise.
public struct ImageTransformParameters: Equatable, Sendable {
    public var theta: Double = 0
    public var tx: Double = 0
    public var ty: Double = 0
    public var shear: Double = 0
    public var zx: Double = 1
    public var zy: Double = 1
    public var flipHorizontal = false
    public var flipVertical = false
    /// Added to every channel value, clipped to the image's range (Keras' channel shift).
    public var channelShiftIntensity: Float?
    /// Brightness factor as PIL's `ImageEnhance.Brightness` applies it (1 keeps the image).
    public var brightness: Float?

    public init(theta: Double = 0, tx: Double = 0, ty: Double = 0, shear: Double = 0, zx: Double = 1, zy: Double = 1,
                flipHorizontal: Bool = false, flipVertical: Bool = false,
                channelShiftIntensity: Float? = nil, brightness: Float? = nil) {
        (self.theta, self.tx, self.ty, self.shear, self.zx, self.zy) = (theta, tx, ty, shear, zx, zy)
        (self.flipHorizontal, self.flipVertical) = (flipHorizontal, flipVertical)
        (self.channelShiftIntensity, self.brightness) = (channelShiftIntensity, brightness)
    }

    /// The geometric part as one map from output to source pixels for an image of `height` ×
    /// `width`, or nil when it leaves the image unchanged: Keras' rotation · shift · shear · zoom
    /// about the image centre, with the flips folded in so that the image is resampled once.
    public func affineTransform(height: Int, width: Int) -> AffineTransform? {
        let geometric = theta != 0 || tx != 0 || ty != 0 || shear != 0 || zx != 1 || zy != 1
        guard geometric || flipHorizontal || flipVertical else { return nil }
        let degrees = Double.pi / 180
        let map = AffineTransform.rotation(radians: theta * degrees)
            .concatenating(.translation(x: tx, y: ty))
            .concatenating(.shear(radians: shear * degrees))
            .concatenating(.scale(x: zx, y: zy))
            .centered(height: height, width: width)
        let flip = AffineTransform.scale(x: flipHorizontal ? -1 : 1, y: flipVertical ? -1 : 1).centered(height: height, width: width)
        return map.concatenating(flip)
    }
}
