/// A mistake in building, compiling or feeding a model: which layer or argument, what it
/// expected and what it got.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// A layer received an input it cannot take ("dense_2 expects last dimension 64, got 32").
    case incompatibleInput(layer: String, reason: String)
    /// An argument to a model API is out of its domain.
    case invalidArgument(name: String, reason: String)
    /// `fit`, `evaluate` or `trainOnBatch` before `compile`.
    case notCompiled(model: String)

    public var description: String {
        switch self {
        case .incompatibleInput(let layer, let reason): return "\(layer) \(reason)"
        case .invalidArgument(let name, let reason): return "\(name): \(reason)"
        case .notCompiled(let model): return "\(model) must be compiled before training or evaluation; call compile(optimizer:loss:metrics:) first"
        }
    }
}
