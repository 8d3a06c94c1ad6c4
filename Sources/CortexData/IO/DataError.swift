/// A data file or argument that cannot be used: which file or argument, what was expected and
/// what was found.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case malformed(file: String, reason: String)
    case invalidArgument(name: String, reason: String)
    /// A file that could not be written (permissions, a full disk, a missing volume).
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): return "file not found: \(path)"
        case .malformed(let file, let reason): return "\(file): \(reason)"
        case .invalidArgument(let name, let reason): return "\(name): \(reason)"
        case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
