/// What a resampled image shows where its source coordinates fall outside the source, with
/// scipy.ndimage's names and definitions (for source `a b c d`, extent `0...n-1`):
///
/// - `nearest`: `a a a a | a b c d | d d d d`, the edge pixel repeated.
/// - `reflect`: `d c b a | a b c d | d c b a`, mirrored about the pixel edges (half-sample symmetric).
/// - `wrap`: scipy's `wrap`, whose period is `n - 1` because the first and last pixel stand in
///   for each other: `b c | a b c d | b c` (what Keras' `ImageDataGenerator` gets from scipy).
/// - `constant`: scipy's `constant`: any coordinate outside `0...n-1` reads `fillValue`, with no
///   interpolation towards it (Keras' `ImageDataGenerator` with `cval`).
/// - `gridWrap`: a true tiling with period `n`, `a b c d | a b c d | a b c d` (Keras 3 layers' `wrap`).
/// - `gridConstant`: pixels outside the source read `fillValue` and take part in interpolation,
///   so edges blend into it (Keras 3 layers' `constant`).
public enum ImageFillMode: String, Sendable, CaseIterable {
    case nearest
    case reflect
    case wrap
    case constant
    case gridWrap = "grid-wrap"
    case gridConstant = "grid-constant"
}
