import Foundation

/// A layer that can be rebuilt from its `config`, so that models using it can be loaded.
///
/// ```swift
/// final class Scale: Layer, SerializableLayer {
///     let factor: Float
///     init(factor: Float, name: String? = nil) { self.factor = factor; super.init(name: name) }
///     convenience init(config: ConfigReader) throws { self.init(factor: try config.float("factor"), name: try config.name) }
///     override var config: [String: ConfigValue] { ["factor": .double(Double(factor))] }
///     ...
/// }
/// LayerRegistry.register(Scale.self)
/// ```
public protocol SerializableLayer: Layer {
    /// Rebuilds the layer from what its `config` returned, plus `name` (read with `config.name`).
    init(config: ConfigReader) throws
}

/// Class names → factories that rebuild layers from their saved configuration (Keras'
/// `register_keras_serializable` and `custom_objects`). Every built-in layer is registered;
/// a custom layer is registered once, before a model using it is loaded.
public enum LayerRegistry {
    /// Rebuilds a layer from its configuration (which includes `name`).
    public typealias Factory = (ConfigReader) throws -> Layer

    private static let lock = NSLock()
    nonisolated(unsafe) private static var factories: [String: Factory] = BuiltinLayers.factories
    nonisolated(unsafe) private static var classNames: [ObjectIdentifier: String] = [:]

    /// Registers a custom layer type under `name` (its type name by default).
    public static func register<L: SerializableLayer>(_ type: L.Type, as name: String? = nil) {
        let className = name ?? String(describing: type)
        lock.lock()
        defer { lock.unlock() }
        factories[className] = { try L(config: $0) }
        classNames[ObjectIdentifier(type)] = className
    }

    /// Registers a factory for layers saved under `className`.
    public static func register(_ className: String, factory: @escaping Factory) {
        lock.lock()
        defer { lock.unlock() }
        factories[className] = factory
    }

    /// The class name a layer is saved under.
    static func className(of layer: Layer) -> String {
        lock.lock()
        defer { lock.unlock() }
        return classNames[ObjectIdentifier(type(of: layer))] ?? String(describing: type(of: layer))
    }

    static func factory(for className: String) -> Factory? {
        lock.lock()
        defer { lock.unlock() }
        return factories[className]
    }
}
