/// Why a classic model refused its input or its call.
public enum MLError: Error, CustomStringConvertible, Equatable {
    /// An argument had the wrong shape, values or count.
    case invalidInput(argument: String, reason: String)
    /// A hyper-parameter is outside its valid range.
    case invalidParameter(name: String, reason: String)
    /// `predict` or `transform` was called before `fit`.
    case notFitted(model: String)

    public var description: String {
        switch self {
        case .invalidInput(let argument, let reason): return "\(argument): \(reason)"
        case .invalidParameter(let name, let reason): return "parameter \(name): \(reason)"
        case .notFitted(let model): return "\(model) is not fitted yet; call fit(_:_:) first"
        }
    }
}
