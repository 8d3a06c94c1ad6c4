import Foundation

/// A note that data was used but something was off, e.g. an image file that could not be read
/// and was skipped, or a featurewise option used before `fit`.
public struct DataWarning: Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The file concerned, when there is one.
    public let file: String?

    public init(_ message: String, file: String? = nil) {
        self.message = message
        self.file = file
    }

    public var description: String { file.map { "\($0): \(message)" } ?? message }
}

/// Where CortexData's warnings go. The default prints them to standard error.
///
/// To silence or collect the warnings of a piece of code:
/// ```swift
/// DataWarnings.$handler.withValue({ warning in collected.append(warning) }) { ... }
/// ```
/// The handler is task-local: warnings raised on other threads (a prefetching pipeline) go to
/// the default.
public enum DataWarnings {
    @TaskLocal public static var handler: @Sendable (DataWarning) -> Void = printToStandardError

    /// Writes `warning: file: message` on standard error.
    public static let printToStandardError: @Sendable (DataWarning) -> Void = { warning in
        FileHandle.standardError.write(Data(("warning: " + warning.description + "\n").utf8))
    }

    static func warn(_ message: String, file: String? = nil) {
        handler(DataWarning(message, file: file))
    }
}
