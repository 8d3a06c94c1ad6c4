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

extension MLError {
    /// Throws `invalidParameter` unless `value` is positive and finite.
    static func requirePositive(_ value: Double, name: String) throws {
        guard value > 0, value.isFinite else { throw invalidParameter(name: name, reason: "must be positive, got \(value)") }
    }

    /// Throws `invalidParameter` unless `value` is at least 1.
    static func requireAtLeastOne(_ value: Int, name: String) throws {
        guard value >= 1 else { throw invalidParameter(name: name, reason: "must be at least 1, got \(value)") }
    }
}
