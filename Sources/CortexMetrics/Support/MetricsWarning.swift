import Foundation

/// A note that a metric was computed but is ill-defined or was given odd input, e.g. precision
/// for a class that was never predicted (scikit-learn's `UndefinedMetricWarning`).
public struct MetricsWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Category: String, Sendable {
        /// The value was replaced by a convention (0, NaN...) because it is undefined.
        case undefinedMetric = "UndefinedMetricWarning"
        /// The input is accepted but probably not what was meant.
        case user = "UserWarning"
    }

    public let category: Category
    public let message: String

    public init(_ category: Category, _ message: String) {
        self.category = category
        self.message = message
    }

    public var description: String { "\(category.rawValue): \(message)" }
}

/// Where metric warnings go. Each call of a public metric function reports every distinct
/// warning once, after it has computed its value.
///
/// The default prints to standard error. To silence or collect warnings for a piece of code:
/// ```swift
/// MetricsWarnings.$handler.withValue({ _ in }) { ... }
/// ```
public enum MetricsWarnings {
    @TaskLocal public static var handler: @Sendable (MetricsWarning) -> Void = printToStandardError

    /// Writes `UndefinedMetricWarning: message` on standard error.
    public static let printToStandardError: @Sendable (MetricsWarning) -> Void = { warning in
        FileHandle.standardError.write(Data((warning.description + "\n").utf8))
    }
}

/// The warnings raised while one public call runs, kept once each in the order they came.
final class WarningLog {
    private(set) var warnings: [MetricsWarning] = []

    func warn(_ category: MetricsWarning.Category, _ message: String) {
        let warning = MetricsWarning(category, message)
        if !warnings.contains(warning) { warnings.append(warning) }
    }
}

/// Runs one public metric call, then hands each distinct warning it raised to the handler,
/// also when the call throws (scikit-learn warns before it raises too).
func reportingWarnings<Result>(_ body: (WarningLog) throws -> Result) rethrows -> Result {
    let log = WarningLog()
    defer { log.warnings.forEach { MetricsWarnings.handler($0) } }
    return try body(log)
}
