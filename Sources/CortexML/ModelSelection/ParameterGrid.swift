/// One hyper-parameter value in a grid: a number, a flag or a name, written as a literal.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible, Codable,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case double(Double)
    case int(Int)
    case string(String)
    case bool(Bool)

    public init(floatLiteral value: Double) { self = .double(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public var description: String {
        switch self {
        case .double(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .string(let value): return value
        case .bool(let value): return "\(value)"
        }
    }
}

/// One combination of a grid: a value per parameter name, read back with typed accessors.
public struct Parameters: Hashable, Sendable, CustomStringConvertible {
    public let values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue]) {
        self.values = values
    }

    public subscript(name: String) -> ParameterValue? { values[name] }

    private func value(_ name: String) throws -> ParameterValue {
        guard let value = values[name] else {
            throw MLError.invalidParameter(name: name, reason: "not in the grid (has \(values.keys.sorted()))")
        }
        return value
    }

    private func mismatch(_ name: String, _ expected: String) throws -> Never {
        throw MLError.invalidParameter(name: name, reason: "expected \(expected), got \(try value(name))")
    }

    /// A number (integers convert).
    public func double(_ name: String) throws -> Double {
        switch try value(name) {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: try mismatch(name, "a number")
        }
    }

    public func int(_ name: String) throws -> Int {
        guard case .int(let value) = try value(name) else { try mismatch(name, "an integer") }
        return value
    }

    public func bool(_ name: String) throws -> Bool {
        guard case .bool(let value) = try value(name) else { try mismatch(name, "true or false") }
        return value
    }

    public func string(_ name: String) throws -> String {
        guard case .string(let value) = try value(name) else { try mismatch(name, "a name") }
        return value
    }

    /// A name converted to an option enum, e.g. `try p.option("kernel", as: SVMKernel.self)`.
    public func option<T: RawRepresentable>(_ name: String, as type: T.Type) throws -> T where T.RawValue == String {
        let raw = try string(name)
        guard let option = T(rawValue: raw) else { try mismatch(name, "one of the names of \(T.self)") }
        return option
    }

    /// `name=value` pairs in name order, as scikit-learn prints `best_params_`.
    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ", ")
    }
}

/// Every combination of the values listed per parameter, in scikit-learn's `ParameterGrid`
/// order: names sorted, the last name varying fastest; several grids follow one another.
public struct ParameterGrid: Sequence, Sendable {
    public let grids: [[String: [ParameterValue]]]

    public init(_ grid: [String: [ParameterValue]]) {
        grids = [grid]
    }

    public init(_ grids: [[String: [ParameterValue]]]) {
        self.grids = grids
    }

    public var combinations: [Parameters] {
        grids.flatMap { grid -> [Parameters] in
            grid.keys.sorted().reduce([[String: ParameterValue]()]) { partial, name in
                partial.flatMap { prefix in grid[name]!.map { value in prefix.merging([name: value]) { $1 } } }
            }.map(Parameters.init)
        }
    }

    public func makeIterator() -> IndexingIterator<[Parameters]> { combinations.makeIterator() }
}
