import Foundation

/// A thread-safe table of values by name, behind the registries of custom losses and metrics.
final class NamedRegistry<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    subscript(name: String) -> Value? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return values[name]
        }
        set {
            lock.lock()
            values[name] = newValue
            lock.unlock()
        }
    }
}
