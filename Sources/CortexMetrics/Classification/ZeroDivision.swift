/// What a precision, recall or F-score becomes when its denominator is zero, e.g. precision
/// of a class that was never predicted (scikit-learn's `zero_division=`).
public enum ZeroDivision: Sendable, Equatable {
    /// 0, and a `MetricsWarning` says which metric was ill-defined.
    case warn
    /// 0, silently.
    case zero
    /// 1, silently.
    case one
    /// NaN, silently; averages then skip the class.
    case nan

    var value: Double {
        switch self {
        case .warn, .zero: return 0
        case .one: return 1
        case .nan: return .nan
        }
    }
}
