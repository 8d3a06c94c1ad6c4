import Cortex

/// Encodes labels as 0..<classes in sorted order, as scikit-learn's `LabelEncoder`.
///
/// `fit` and `transform` take a vector of labels (`[samples]`); text labels can be encoded with
/// `fit(labels:)` and `transform(labels:)`.
public final class LabelEncoder: Transformer, PersistentModel {
    /// The sorted distinct numeric labels.
    public private(set) var classes: [Float]?
    /// The sorted distinct text labels, when fitted with `fit(labels:)`.
    public private(set) var textClasses: [String]?

    public init() {}

    @discardableResult
    public func fit(_ y: Tensor) throws -> Self {
        try Self.checkVector(y)
        classes = Array(Set(y.scalars)).sorted()
        textClasses = nil
        return self
    }

    /// Each label's position in `classes`; throws for a label not seen by `fit`.
    public func transform(_ y: Tensor) throws -> Tensor {
        guard let classes else { throw MLError.notFitted(model: "LabelEncoder") }
        try Self.checkVector(y)
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Float($0)) })
        return Tensor(shape: y.shape, scalars: try y.scalars.map { label in
            guard let code = position[label] else {
                throw MLError.invalidInput(argument: "y", reason: "contains label \(label) not seen during fit")
            }
            return code
        })
    }

    /// The labels of codes 0..<classes.
    public func inverseTransform(_ codes: Tensor) throws -> Tensor {
        guard let classes else { throw MLError.notFitted(model: "LabelEncoder") }
        return Tensor(shape: codes.shape, scalars: try codes.scalars.map { classes[try Self.checkedCode($0, count: classes.count)] })
    }

    @discardableResult
    public func fit(labels: [String]) throws -> Self {
        guard !labels.isEmpty else { throw MLError.invalidInput(argument: "labels", reason: "needs at least one label") }
        textClasses = Array(Set(labels)).sorted()
        classes = textClasses!.indices.map(Float.init)
        return self
    }

    public func transform(labels: [String]) throws -> Tensor {
        guard let textClasses else { throw MLError.notFitted(model: "LabelEncoder") }
        let position = Dictionary(uniqueKeysWithValues: textClasses.enumerated().map { ($1, Float($0)) })
        return Tensor(try labels.map { label in
            guard let code = position[label] else {
                throw MLError.invalidInput(argument: "labels", reason: "contains label \"\(label)\" not seen during fit")
            }
            return code
        })
    }

    public func inverseTransform(labels codes: Tensor) throws -> [String] {
        guard let textClasses else { throw MLError.notFitted(model: "LabelEncoder") }
        return try codes.scalars.map { textClasses[try Self.checkedCode($0, count: textClasses.count)] }
    }

    private static func checkVector(_ y: Tensor) throws {
        guard y.rank == 1, y.count > 0 else {
            throw MLError.invalidInput(argument: "y", reason: "expected a non-empty vector of labels, got shape \(y.shape)")
        }
        if y.scalars.contains(where: { !$0.isFinite }) { throw MLError.invalidInput(argument: "y", reason: "contains NaN or infinity") }
    }

    private static func checkedCode(_ code: Float, count: Int) throws -> Int {
        guard code == code.rounded(), code >= 0, Int(code) < count else {
            throw MLError.invalidInput(argument: "codes", reason: "expected whole numbers in 0..<\(count), got \(code)")
        }
        return Int(code)
    }
}
