/// How a sliding window (convolution or pooling) treats the borders, with TensorFlow/Keras
/// semantics, so that models and weights carry over from Keras unchanged.
///
/// `valid` keeps only the windows that fit inside the input. `same` gives `ceil(input / stride)`
/// outputs by padding `max((outputs - 1) * stride + (kernel - 1) * dilation + 1 - input, 0)`
/// cells in all, the odd one at the end.
public enum Padding: String, Codable, Sendable {
    case valid
    case same
}
