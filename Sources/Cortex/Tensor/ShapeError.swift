/// A shape that does not fit an op: which op, what it expected, what it got.
///
/// Tensor ops stop with this message as a precondition failure (a programming error, like an
/// array index out of range); model-level APIs check first with the throwing validators and
/// hand the same error to the caller.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    public let op: String
    public let message: String

    public init(op: String, _ message: String) {
        self.op = op
        self.message = message
    }

    public var description: String { "\(op): \(message)" }
}

extension ShapeError {
    /// Stops with this error's message; used once validation has failed inside a tensor op.
    func fail(file: StaticString = #file, line: UInt = #line) -> Never {
        preconditionFailure(description, file: file, line: line)
    }
}

/// Runs a throwing shape validator inside a tensor op, where a failure is a programming error:
/// it stops with the validator's message.
func validated<T>(_ check: () throws -> T, file: StaticString = #file, line: UInt = #line) -> T {
    do { return try check() } catch { preconditionFailure("\(error)", file: file, line: line) }
}

/// Validates `axis` (negative counts from the end) against `rank`, returning it in `0..<rank`.
func normalizeAxis(_ axis: Int, rank: Int, op: String) -> Int {
    validated { try checkedAxis(axis, rank: rank, op: op) }
}

/// The throwing form of `normalizeAxis`.
public func checkedAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
    let normalized = axis < 0 ? axis + rank : axis
    guard normalized >= 0 && normalized < max(rank, 1) else {
        throw ShapeError(op: op, "axis \(axis) is out of range for a tensor of rank \(rank)")
    }
    return normalized
}
