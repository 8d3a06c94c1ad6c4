/// Typed access to a saved configuration, for rebuilding layers (built-in or custom) from what
/// their `config` returned. Every accessor throws `SavedModelError.invalidConfig` naming the
/// owner and the key when a value is missing, of the wrong type or out of range, so a damaged
/// file never reaches a layer's preconditions.
public struct ConfigReader {
    /// The configuration entries.
    public let values: [String: ConfigValue]
    /// What the configuration belongs to (a layer name), for error messages.
    public let owner: String

    public init(_ values: [String: ConfigValue], owner: String) {
        self.values = values
        self.owner = owner
    }

    /// The `name` entry: the layer's name.
    public var name: String {
        get throws { try string("name") }
    }

    /// Whether `key` is present and not null.
    public func contains(_ key: String) -> Bool {
        if case .some(.null) = values[key] { return false }
        return values[key] != nil
    }

    public func value(_ key: String) throws -> ConfigValue {
        guard let value = values[key] else { throw failure(key, "is missing") }
        return value
    }

    public func int(_ key: String) throws -> Int {
        guard case .int(let value) = try value(key) else { throw failure(key, "expected an integer, got \(values[key]!)") }
        return value
    }

    /// An integer that must be at least `minimum` (1 by default: sizes, counts, strides).
    public func int(_ key: String, atLeast minimum: Int) throws -> Int {
        let value = try int(key)
        guard value >= minimum else { throw failure(key, "expected at least \(minimum), got \(value)") }
        return value
    }

    public func double(_ key: String) throws -> Double {
        guard let number = try value(key).number else { throw failure(key, "expected a number, got \(values[key]!)") }
        return number
    }

    public func float(_ key: String) throws -> Float { Float(try double(key)) }

    /// A number, or nil when the entry is missing or null.
    public func optionalFloat(_ key: String) throws -> Float? {
        contains(key) ? try float(key) : nil
    }

    public func bool(_ key: String) throws -> Bool {
        guard case .bool(let value) = try value(key) else { throw failure(key, "expected true or false, got \(values[key]!)") }
        return value
    }

    public func string(_ key: String) throws -> String {
        guard case .string(let value) = try value(key) else { throw failure(key, "expected a string, got \(values[key]!)") }
        return value
    }

    public func array(_ key: String) throws -> [ConfigValue] {
        guard case .array(let value) = try value(key) else { throw failure(key, "expected a list, got \(values[key]!)") }
        return value
    }

    public func object(_ key: String) throws -> [String: ConfigValue] {
        guard case .object(let value) = try value(key) else { throw failure(key, "expected an object, got \(values[key]!)") }
        return value
    }

    /// A list of integers, each at least `minimum`, of `count` entries when given.
    public func ints(_ key: String, count: Int? = nil, atLeast minimum: Int = Int.min) throws -> [Int] {
        let list = try array(key)
        let ints = try list.map { entry -> Int in
            guard case .int(let value) = entry, value >= minimum else {
                throw failure(key, "expected integers\(minimum == Int.min ? "" : " of at least \(minimum)"), got \(ConfigValue.array(list))")
            }
            return value
        }
        if let count, ints.count != count { throw failure(key, "expected \(count) integers, got \(ints.count)") }
        return ints
    }

    /// A value decoded by `decode`, with its errors reported under this owner and key.
    public func decoded<T>(_ key: String, _ decode: (ConfigValue) throws -> T) throws -> T {
        let entry = try value(key)
        do {
            return try decode(entry)
        } catch SavedModelError.invalidConfig(_, let reason) {
            throw failure(key, reason)
        }
    }

    /// The error for `key` with `reason`.
    public func failure(_ key: String, _ reason: String) -> SavedModelError {
        .invalidConfig(owner: owner, reason: "\(key) \(reason)")
    }
}

extension ConfigValue {
    /// The value of an integer or a floating-point number; nil for anything else.
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The object's entries, or an `invalidConfig` error naming `owner`.
    func objectEntries(owner: String) throws -> [String: ConfigValue] {
        guard case .object(let entries) = self else {
            throw SavedModelError.invalidConfig(owner: owner, reason: "expected an object, got \(self)")
        }
        return entries
    }
}
