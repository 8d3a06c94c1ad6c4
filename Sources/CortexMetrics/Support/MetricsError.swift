import Foundation

/// Why a metric could not be computed from the arguments it was given.
///
/// The messages say what scikit-learn's `ValueError` says for the same mistake, so an error
/// found while porting Python code reads the same in Swift.
public enum MetricsError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// Arrays that must describe the same samples have different lengths.
    case inconsistentNumberOfSamples([Int])
    /// An input holds no sample at all.
    case emptyInput(argument: String)
    /// An input cannot be read the way the metric needs it (shape, values, range).
    case invalidInput(argument: String, reason: String)
    /// A parameter does not fit the data (`average`, `posLabel`, `labels`, `targetNames`...).
    case invalidParameter(String)
    /// The metric has no meaning for this data, e.g. ROC AUC when `yTrue` holds one class.
    case undefinedMetric(String)

    public var description: String {
        switch self {
        case .inconsistentNumberOfSamples(let counts):
            return "Found input variables with inconsistent numbers of samples: \(counts)"
        case .emptyInput(let argument):
            return "Found empty input array (\(argument)) while a minimum of 1 sample is required."
        case .invalidInput(let argument, let reason):
            return "\(argument): \(reason)"
        case .invalidParameter(let message), .undefinedMetric(let message):
            return message
        }
    }

    public var errorDescription: String? { description }
}

/// Throws unless all the counts are equal (scikit-learn's `check_consistent_length`).
func checkConsistentLength(_ counts: Int...) throws {
    if Set(counts).count > 1 { throw MetricsError.inconsistentNumberOfSamples(counts) }
}
