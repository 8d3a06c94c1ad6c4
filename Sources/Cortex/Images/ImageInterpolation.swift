/// How a resampled pixel is read from the source image: the nearest source pixel (spline order 0)
/// or a weighted mean of the four around it (order 1), as in scipy.ndimage and Keras.
public enum ImageInterpolation: String, Sendable, CaseIterable {
    case nearest
    case bilinear
}
