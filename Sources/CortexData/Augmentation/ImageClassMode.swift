/// The targets `flowFromDirectory` pairs with each batch, as Keras' `class_mode`.
public enum ImageClassMode: String, Sendable {
    /// One-hot rows `[batch, classes]`.
    case categorical
    /// The class index as a float `[batch]` (two classes: 0 or 1).
    case binary
    /// The class index as a float `[batch]`.
    case sparse
    /// The images themselves (autoencoders).
    case input
    /// No targets: batches for `predict`.
    case none
}
