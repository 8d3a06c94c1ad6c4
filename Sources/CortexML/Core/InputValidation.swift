import Cortex

/// The checks every `fit` and `predict` runs on its arrays before any work.
public enum InputValidation {
    /// `x` must be `[samples, features]` with finite values and at least one sample.
    public static func checkSamples(_ x: Tensor, argument: String = "x", features: Int? = nil) throws {
        guard x.rank == 2 else {
            throw MLError.invalidInput(argument: argument, reason: "expected a [samples, features] matrix, got shape \(x.shape)")
        }
        guard x.shape[0] > 0 else {
            throw MLError.invalidInput(argument: argument, reason: "needs at least one sample, got shape \(x.shape)")
        }
        if let features, x.shape[1] != features {
            throw MLError.invalidInput(argument: argument, reason: "expected \(features) features as during fit, got \(x.shape[1])")
        }
        if let bad = x.withUnsafeBufferPointer({ $0.firstIndex { !$0.isFinite } }) {
            throw MLError.invalidInput(argument: argument,
                                       reason: "contains NaN or infinity at row \(bad / x.shape[1]), column \(bad % x.shape[1])")
        }
    }

    /// `x` as above, and `y` a vector with one finite target per row of `x`.
    public static func checkSamplesAndTargets(_ x: Tensor, _ y: Tensor) throws {
        try checkSamples(x)
        guard y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) else {
            throw MLError.invalidInput(argument: "y", reason: "expected a vector of targets, got shape \(y.shape)")
        }
        guard y.count == x.shape[0] else {
            throw MLError.invalidInput(argument: "y", reason: "expected \(x.shape[0]) targets (one per row of x), got \(y.count)")
        }
        if y.withUnsafeBufferPointer({ $0.contains { !$0.isFinite } }) {
            throw MLError.invalidInput(argument: "y", reason: "contains NaN or infinity")
        }
    }

    /// The sorted distinct labels of `y`; a classifier needs at least two.
    public static func classLabels(_ y: Tensor) throws -> [Float] {
        let labels = Array(Set(y.scalars)).sorted()
        guard labels.count >= 2 else {
            throw MLError.invalidInput(argument: "y",
                                       reason: "needs samples of at least 2 classes; got only class \(labels.first.map { "\($0)" } ?? "none")")
        }
        return labels
    }
}
