import Cortex

/// Numbers given to a metric: scores, probabilities or regression targets, as a vector
/// (`[Double]`, `[Float]`, `[Int]`, a `Tensor` of shape `[n]`) or as one row per sample
/// (`[[Double]]`, `[[Float]]`, a `Tensor` of shape `[n, k]`). Metrics compute in `Double`.
public protocol NumericInput {
    /// The numbers with their shape; `argument` names the input in error messages.
    func numericValues(argument: String) throws -> NumericValues
}

/// Numbers read from a `NumericInput`, row-major, in `Double`.
public struct NumericValues {
    /// The number of samples.
    public let rows: Int
    /// The numbers per sample: 1 for a vector.
    public let columns: Int
    /// Whether the input was one-dimensional (`[n]`) rather than a matrix (`[n, k]`).
    public let isVector: Bool
    /// Row-major values.
    public let values: [Double]

    init(vector: [Double]) {
        self.init(rows: vector.count, columns: 1, isVector: true, values: vector)
    }

    init(rows: Int, columns: Int, isVector: Bool, values: [Double]) {
        precondition(rows * columns == values.count, "NumericValues: \(rows)x\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.isVector = isVector
        self.values = values
    }

    /// The shape as NumPy would print it, for error messages.
    var shapeDescription: String { isVector ? "(\(rows),)" : "(\(rows), \(columns))" }

    /// The values of sample `index`.
    func row(_ index: Int) -> [Double] {
        Array(values[(index * columns)..<((index + 1) * columns)])
    }

    /// Column `index` of a matrix (or the vector itself).
    func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    /// The column of the largest value in each row, the first one winning ties (NumPy's argmax).
    func rowArgmax() -> [Int] {
        (0..<rows).map { index in
            let scores = row(index)
            var best = 0
            for column in scores.indices where scores[column] > scores[best] { best = column }
            return best
        }
    }

    /// The values of a vector or of a one-column matrix (NumPy's `column_or_1d`).
    func vector(argument: String) throws -> [Double] {
        guard isVector || columns == 1 else {
            throw MetricsError.invalidInput(argument: argument, reason: "expected a 1-d array, got an array of shape \(shapeDescription) instead")
        }
        return values
    }
}

/// An element type whose arrays are `NumericInput`: a number (the array is a vector) or a row
/// of numbers (the array is a matrix).
public protocol NumericInputElement {
    static func numericValues(of elements: [Self], argument: String) throws -> NumericValues
}

extension NumericInputElement where Self: BinaryFloatingPoint {
    public static func numericValues(of elements: [Self], argument: String) throws -> NumericValues {
        NumericValues(vector: elements.map { Double($0) })
    }
}

extension Double: NumericInputElement {}
extension Float: NumericInputElement {}

extension Int: NumericInputElement {
    public static func numericValues(of elements: [Int], argument: String) throws -> NumericValues {
        NumericValues(vector: elements.map { Double($0) })
    }
}

extension Array: NumericInputElement where Element: BinaryFloatingPoint {
    public static func numericValues(of rows: [[Element]], argument: String) throws -> NumericValues {
        let columns = rows.first?.count ?? 0
        if let row = rows.firstIndex(where: { $0.count != columns }) {
            throw MetricsError.invalidInput(argument: argument, reason: "rows have different lengths: row 0 has \(columns) values, row \(row) has \(rows[row].count)")
        }
        return NumericValues(rows: rows.count, columns: columns, isVector: false, values: rows.flatMap { $0.map { Double($0) } })
    }
}

extension Array: NumericInput where Element: NumericInputElement {
    public func numericValues(argument: String) throws -> NumericValues {
        try Element.numericValues(of: self, argument: argument)
    }
}

extension Tensor: NumericInput {
    public func numericValues(argument: String) throws -> NumericValues {
        let values = scalars.map { Double($0) }
        switch shape.count {
        case 1: return NumericValues(vector: values)
        case 2: return NumericValues(rows: shape[0], columns: shape[1], isVector: false, values: values)
        default:
            throw MetricsError.invalidInput(argument: argument, reason: "expected a tensor of shape [n] or [n, k], got shape \(shape)")
        }
    }
}
