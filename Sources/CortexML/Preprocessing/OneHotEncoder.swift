import Cortex

/// Expands each categorical feature into one 0/1 column per category, as scikit-learn's
/// `OneHotEncoder` (dense output). Categories are each column's sorted distinct values.
public final class OneHotEncoder: Transformer, PersistentModel {
    public enum UnknownHandling: String, Codable, Sendable {
        /// Throw on a category not seen by `fit`.
        case error
        /// Encode an unseen category as all zeros.
        case ignore
    }

    public var handleUnknown: UnknownHandling
    /// The categories of each input feature, in output-column order.
    public private(set) var categories: [[Float]]?

    public init(handleUnknown: UnknownHandling = .error) {
        self.handleUnknown = handleUnknown
    }

    @discardableResult
    public func fit(_ x: Tensor) throws -> Self {
        try InputValidation.checkSamples(x)
        let d = x.shape[1], values = x.scalars
        categories = (0..<d).map { c in Array(Set(stride(from: c, to: values.count, by: d).map { values[$0] })).sorted() }
        return self
    }

    /// `[samples, Σ categories]` indicator columns.
    public func transform(_ x: Tensor) throws -> Tensor {
        let categories = try fitted()
        try InputValidation.checkSamples(x, features: categories.count)
        let positions = categories.map { Dictionary(uniqueKeysWithValues: $0.enumerated().map { ($1, $0) }) }
        let offsets = categories.indices.map { c in categories[..<c].reduce(0) { $0 + $1.count } }
        let width = categories.reduce(0) { $0 + $1.count }, n = x.shape[0], values = x.scalars
        var result = [Float](repeating: 0, count: n * width)
        for r in 0..<n {
            for c in 0..<categories.count {
                let value = values[r * categories.count + c]
                if let position = positions[c][value] {
                    result[r * width + offsets[c] + position] = 1
                } else if handleUnknown == .error {
                    throw MLError.invalidInput(argument: "x", reason: "unknown category \(value) in column \(c) at row \(r)")
                }
            }
        }
        return Tensor(shape: [n, width], scalars: result)
    }

    /// The category of each feature from its indicator columns (the largest one per feature).
    public func inverseTransform(_ encoded: Tensor) throws -> Tensor {
        let categories = try fitted()
        let width = categories.reduce(0) { $0 + $1.count }
        try InputValidation.checkSamples(encoded, argument: "encoded", features: width)
        let n = encoded.shape[0], values = encoded.scalars
        var result = [Float]()
        result.reserveCapacity(n * categories.count)
        for r in 0..<n {
            var offset = 0
            for column in categories {
                let block = (0..<column.count).map { values[r * width + offset + $0] }
                guard let best = block.indices.max(by: { block[$0] < block[$1] }), block[best] > 0 else {
                    throw MLError.invalidInput(argument: "encoded", reason: "row \(r) has no category set for a feature")
                }
                result.append(column[best])
                offset += column.count
            }
        }
        return Tensor(shape: [n, categories.count], scalars: result)
    }

    private func fitted() throws -> [[Float]] {
        guard let categories else { throw MLError.notFitted(model: "OneHotEncoder") }
        return categories
    }
}
