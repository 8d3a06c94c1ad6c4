/// The channels an image is read into, as Keras' `color_mode`: `grayscale` (1), `rgb` (3) or
/// `rgba` (4).
public enum ImageColorMode: String, Sendable, CaseIterable {
    case grayscale
    case rgb
    case rgba

    /// Channels per pixel.
    public var channels: Int {
        switch self {
        case .grayscale: return 1
        case .rgb: return 3
        case .rgba: return 4
        }
    }
}
