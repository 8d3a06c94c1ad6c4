import Cortex

// The configuration form of the values layers are made from, as Keras writes them
// (`{"class_name": "GlorotUniform", "config": {}}`), and the checked way back.

extension Initializer {
    /// Keras' serialized initializer.
    public var configValue: ConfigValue {
        func entry(_ name: String, _ config: [String: ConfigValue] = [:]) -> ConfigValue {
            .object(["class_name": .string(name), "config": .object(config)])
        }
        switch self {
        case .zeros: return entry("Zeros")
        case .ones: return entry("Ones")
        case .constant(let value): return entry("Constant", ["value": .double(Double(value))])
        case .randomNormal(let mean, let deviation):
            return entry("RandomNormal", ["mean": .double(Double(mean)), "stddev": .double(Double(deviation))])
        case .randomUniform(let lower, let upper):
            return entry("RandomUniform", ["minval": .double(Double(lower)), "maxval": .double(Double(upper))])
        case .truncatedNormal(let mean, let deviation):
            return entry("TruncatedNormal", ["mean": .double(Double(mean)), "stddev": .double(Double(deviation))])
        case .glorotUniform: return entry("GlorotUniform")
        case .glorotNormal: return entry("GlorotNormal")
        case .heNormal: return entry("HeNormal")
        case .heUniform: return entry("HeUniform")
        case .lecunNormal: return entry("LecunNormal")
        case .lecunUniform: return entry("LecunUniform")
        case .orthogonal(let gain): return entry("Orthogonal", ["gain": .double(Double(gain))])
        }
    }

    /// The initializer a `configValue` describes.
    public init(configValue: ConfigValue) throws {
        let entry = ConfigReader(try configValue.objectEntries(owner: "initializer"), owner: "initializer")
        let className = try entry.string("class_name")
        let config = ConfigReader(entry.contains("config") ? try entry.object("config") : [:], owner: className)
        switch className {
        case "Zeros": self = .zeros
        case "Ones": self = .ones
        case "Constant": self = .constant(try config.float("value"))
        case "RandomNormal": self = .randomNormal(mean: try config.float("mean"), standardDeviation: try config.float("stddev"))
        case "RandomUniform": self = .randomUniform(lower: try config.float("minval"), upper: try config.float("maxval"))
        case "TruncatedNormal": self = .truncatedNormal(mean: try config.float("mean"), standardDeviation: try config.float("stddev"))
        case "GlorotUniform": self = .glorotUniform
        case "GlorotNormal": self = .glorotNormal
        case "HeNormal": self = .heNormal
        case "HeUniform": self = .heUniform
        case "LecunNormal": self = .lecunNormal
        case "LecunUniform": self = .lecunUniform
        case "Orthogonal": self = .orthogonal(gain: try config.float("gain"))
        default: throw SavedModelError.unknownClass(kind: "initializer", name: className)
        }
    }
}

extension Regularizer {
    /// Keras' serialized `L1L2` regularizer.
    public var configValue: ConfigValue {
        .object(["class_name": .string("L1L2"), "config": .object(["l1": .double(Double(l1)), "l2": .double(Double(l2))])])
    }

    /// The regularizer a `configValue` describes (`L1`, `L2` or `L1L2`); nil for null.
    public static func decode(_ value: ConfigValue) throws -> Regularizer? {
        if value == .null { return nil }
        let entry = ConfigReader(try value.objectEntries(owner: "regularizer"), owner: "regularizer")
        let className = try entry.string("class_name")
        let config = ConfigReader(try entry.object("config"), owner: className)
        switch className {
        case "L1": return Regularizer(l1: try config.float("l1"))
        case "L2": return Regularizer(l2: try config.float("l2"))
        case "L1L2": return Regularizer(l1: try config.optionalFloat("l1") ?? 0, l2: try config.optionalFloat("l2") ?? 0)
        default: throw SavedModelError.unknownClass(kind: "regularizer", name: className)
        }
    }
}

extension Optional where Wrapped == Regularizer {
    /// The regularizer's configuration, or null.
    var configValue: ConfigValue { map(\.configValue) ?? .null }
}

extension ConfigReader {
    func activation(_ key: String = "activation") throws -> ActivationFunction {
        let name = try string(key)
        guard let function = ActivationFunction(rawValue: name) else { throw failure(key, "unknown activation '\(name)'") }
        return function
    }

    func padding(_ key: String = "padding") throws -> Padding {
        let name = try string(key)
        guard let padding = Padding(rawValue: name) else { throw failure(key, "expected \"valid\" or \"same\", got \"\(name)\"") }
        return padding
    }

    /// An activation the fused recurrent kernels compute (tanh, sigmoid, relu, linear, hard_sigmoid).
    func recurrentActivation(_ key: String) throws -> ActivationFunction {
        let function = try activation(key)
        guard RecurrentActivation(rawValue: function.rawValue) != nil else {
            throw failure(key, "expected one of \(RecurrentActivation.allCases.map(\.rawValue)), got \"\(function.rawValue)\"")
        }
        return function
    }

    /// A dropout rate in [0, 1).
    func rate(_ key: String) throws -> Float {
        let rate = try float(key)
        guard rate >= 0, rate < 1 else { throw failure(key, "must be in [0, 1), got \(rate)") }
        return rate
    }

    /// A case of a string-backed option (`score_mode`, `merge_mode`).
    func option<Option: RawRepresentable & CaseIterable>(_ key: String, _ type: Option.Type) throws -> Option
        where Option.RawValue == String {
        let name = try string(key)
        guard let option = Option(rawValue: name) else {
            throw failure(key, "expected one of \(Option.allCases.map(\.rawValue)), got \"\(name)\"")
        }
        return option
    }

    /// A wrapped layer saved whole under `key` (see `WrappingLayer`), which must be an `L`.
    func layer<L: Layer>(_ key: String, as type: L.Type) throws -> L {
        let entry = try value(key)
        guard case .object = entry else { throw failure(key, "expected a layer's {class_name, config}, got \(entry)") }
        let layer = try LayerSerialization.deserialize(entry)
        guard let typed = layer as? L else { throw failure(key, "expected a \(L.self), got \(Swift.type(of: layer)) \(layer.name)") }
        return typed
    }

    func initializer(_ key: String) throws -> Initializer {
        try decoded(key) { try Initializer(configValue: $0) }
    }

    func regularizer(_ key: String) throws -> Regularizer? {
        contains(key) ? try decoded(key) { try Regularizer.decode($0) } : nil
    }

    /// A `[height, width]` pair of positive integers.
    func size2D(_ key: String) throws -> Size2D {
        let pair = try ints(key, count: 2, atLeast: 1)
        return Size2D(pair[0], pair[1])
    }

    /// A one-entry list of a positive integer (Keras writes 1-D sizes as tuples).
    func size1D(_ key: String) throws -> Int {
        try ints(key, count: 1, atLeast: 1)[0]
    }

    /// `[[top, bottom], [left, right]]` of non-negative integers.
    func borders(_ key: String) throws -> (top: Int, bottom: Int, left: Int, right: Int) {
        let rows = try array(key)
        let pairs = try rows.map { row -> [Int] in
            guard case .array(let entries) = row, entries.count == 2,
                  case .int(let first) = entries[0], case .int(let second) = entries[1], first >= 0, second >= 0 else {
                throw failure(key, "expected [[top, bottom], [left, right]] of non-negative integers")
            }
            return [first, second]
        }
        guard pairs.count == 2 else { throw failure(key, "expected [[top, bottom], [left, right]]") }
        return (pairs[0][0], pairs[0][1], pairs[1][0], pairs[1][1])
    }
}
