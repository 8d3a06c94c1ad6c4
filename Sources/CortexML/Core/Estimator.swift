import Cortex

/// A model fitted to samples `x` (`[samples, features]`) and targets `y` (`[samples]`), with
/// scikit-learn's `fit`/`predict` contract.
public protocol Estimator: AnyObject {
    /// Learns from `x` and `y`; returns the estimator so calls can be chained.
    @discardableResult
    func fit(_ x: Tensor, _ y: Tensor) throws -> Self
    /// Predictions for each row of `x`: class labels for a classifier, values for a regressor.
    func predict(_ x: Tensor) throws -> Tensor
    /// The default quality measure: accuracy for classifiers, R² for regressors.
    func score(_ x: Tensor, _ y: Tensor) throws -> Double
}

/// An estimator that predicts class labels and, where it can, class probabilities.
public protocol Classifier: Estimator {
    /// The sorted distinct labels seen by `fit`; columns of `predictProba` follow this order.
    var classes: [Float] { get }
    /// `[samples, classes.count]` probabilities.
    func predictProba(_ x: Tensor) throws -> Tensor
}

/// An estimator that predicts real values.
public protocol Regressor: Estimator {}

/// A step that learns a transformation from data and applies it (scalers, encoders).
public protocol Transformer: AnyObject {
    @discardableResult
    func fit(_ x: Tensor) throws -> Self
    func transform(_ x: Tensor) throws -> Tensor
}

extension Transformer {
    public func fitTransform(_ x: Tensor) throws -> Tensor {
        try fit(x).transform(x)
    }
}

extension Classifier {
    /// Mean accuracy of `predict(x)` against `y`.
    public func score(_ x: Tensor, _ y: Tensor) throws -> Double {
        let predicted = try predict(x).scalars
        let truth = y.scalars
        guard predicted.count == truth.count, !truth.isEmpty else {
            throw MLError.invalidInput(argument: "y", reason: "expected \(predicted.count) labels, got \(truth.count)")
        }
        return Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
    }
}

extension Regressor {
    /// The coefficient of determination R² of `predict(x)` against `y`.
    public func score(_ x: Tensor, _ y: Tensor) throws -> Double {
        let predicted = try predict(x).scalars.map(Double.init)
        let truth = y.scalars.map(Double.init)
        guard predicted.count == truth.count, !truth.isEmpty else {
            throw MLError.invalidInput(argument: "y", reason: "expected \(predicted.count) values, got \(truth.count)")
        }
        let mean = truth.reduce(0, +) / Double(truth.count)
        let residual = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total
    }
}
