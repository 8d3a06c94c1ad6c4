/// Why a model, its weights or a checkpoint could not be saved or loaded: which file, layer or
/// weight, what was expected and what was found.
public enum SavedModelError: Error, CustomStringConvertible, Equatable {
    /// A configuration entry that is missing, of the wrong type or out of its domain.
    case invalidConfig(owner: String, reason: String)
    /// A class name with no registered factory (a custom layer, loss or metric not registered).
    case unknownClass(kind: String, name: String)
    /// Something the format cannot hold (a `Lambda` layer's closure, a custom schedule).
    case unsupported(what: String, reason: String)
    /// Weights in a file that do not fit the model: none of them are assigned.
    case weightMismatch(missing: [String], unexpected: [String], wrongShape: [WrongShape])
    /// Optimizer slots that do not fit the model's variables or the optimizer.
    case invalidOptimizerState(reason: String)
    /// A file that is not a saved model, weights file or checkpoint, or is damaged.
    case malformedFile(path: String, reason: String)
    /// A file that cannot be read or written.
    case io(path: String, reason: String)

    /// A weight whose saved shape differs from the model's.
    public struct WrongShape: Equatable, CustomStringConvertible {
        public let name: String
        public let expected: [Int]
        public let found: [Int]

        public var description: String { "\(name) (model \(expected), file \(found))" }
    }

    public var description: String {
        switch self {
        case .invalidConfig(let owner, let reason): return "\(owner): \(reason)"
        case .unknownClass(let kind, let name):
            let how = kind == "layer" ? "LayerRegistry.register" : kind == "loss" ? "Loss.register" : "MetricSpec.register"
            return "unknown \(kind) class '\(name)'; register it with \(how) before loading"
        case .unsupported(let what, let reason): return "\(what) cannot be saved: \(reason)"
        case .weightMismatch(let missing, let unexpected, let wrongShape):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing from the file: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("not in the model: \(unexpected.joined(separator: ", "))") }
            if !wrongShape.isEmpty { parts.append("wrong shape: \(wrongShape.map(\.description).joined(separator: ", "))") }
            return "weights do not match the model; " + parts.joined(separator: "; ")
        case .invalidOptimizerState(let reason): return "optimizer state does not fit: \(reason)"
        case .malformedFile(let path, let reason): return "\(path): \(reason)"
        case .io(let path, let reason): return "\(path): \(reason)"
        }
    }
}
