import Cortex

/// How Keras 3's random image layers fill pixels that come from outside the image, with Keras 3's
/// names and definitions (for source `a b c d`):
/// `reflect` `d c b a | a b c d | d c b a`, `wrap` `a b c d | a b c d | a b c d`,
/// `constant` `k k k k | a b c d | k k k k` (blended into at the edges by bilinear
/// interpolation), `nearest` `a a a a | a b c d | d d d d`.
public enum PreprocessingFillMode: String, Sendable, CaseIterable {
    case reflect
    case wrap
    case constant
    case nearest

    /// The resampling kernel's mode with the same definition (Keras 3's `wrap` and `constant`
    /// are scipy's `grid-wrap` and `grid-constant`).
    var imageFillMode: ImageFillMode {
        switch self {
        case .reflect: return .reflect
        case .wrap: return .gridWrap
        case .constant: return .gridConstant
        case .nearest: return .nearest
        }
    }
}
