import Cortex

/// Class labels, one per sample: an `[Int]`, or a `Tensor` of class indices (shape `[n]` or
/// `[n, 1]`, whole numbers) or of one-hot rows / class probabilities (shape `[n, k]`, `k > 1`,
/// read through a row-wise argmax, the first maximum winning ties like NumPy).
///
/// A `[n, 1]` tensor of sigmoid probabilities is not labels: threshold it first.
public protocol LabelInput {
    /// The labels as integers; `argument` names the input in error messages.
    func classLabels(argument: String) throws -> [Int]
}

extension Array: LabelInput where Element == Int {
    public func classLabels(argument: String) throws -> [Int] { self }
}

extension Tensor: LabelInput {
    public func classLabels(argument: String) throws -> [Int] {
        switch shape.count {
        case 1:
            return try wholeNumbers(argument: argument)
        case 2 where shape[1] == 1:
            return try wholeNumbers(argument: argument)
        case 2:
            return try numericValues(argument: argument).rowArgmax()
        default:
            throw MetricsError.invalidInput(
                argument: argument,
                reason: "expected class indices of shape [n] or [n, 1], or one-hot/probability rows of shape [n, k]; got shape \(shape)")
        }
    }

    private func wholeNumbers(argument: String) throws -> [Int] {
        try withUnsafeBufferPointer { values in
            try values.enumerated().map { index, value in
                guard value.isFinite, value.rounded() == value else {
                    throw MetricsError.invalidInput(
                        argument: argument,
                        reason: "expected whole-number class indices, got \(value) at index \(index); threshold probabilities into labels first")
                }
                return Int(value)
            }
        }
    }
}
