/// Which part of a `validationSplit` a flow reads, as Keras' `subset`.
public enum DataSubset: String, Sendable {
    case training
    case validation
}
