import Cortex

/// Transformers applied in order, then a final estimator, fitted and used as one estimator,
/// as scikit-learn's `Pipeline`. Inside cross-validation, the transformers learn from the
/// training folds only, so no test information leaks into scaling.
///
/// ```swift
/// let model = Pipeline([StandardScaler()], SVC())
/// let scores = try crossValScore({ Pipeline([StandardScaler()], SVC()) }, x, y)
/// ```
public final class Pipeline<Model: Estimator>: Estimator {
    public let steps: [any Transformer]
    public let estimator: Model

    public init(_ steps: [any Transformer], _ estimator: Model) {
        self.steps = steps
        self.estimator = estimator
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        var features = x
        for step in steps { features = try step.fitTransform(features) }
        try estimator.fit(features, y)
        return self
    }

    /// `x` passed through every fitted transformer.
    public func transform(_ x: Tensor) throws -> Tensor {
        try steps.reduce(x) { try $1.transform($0) }
    }

    public func predict(_ x: Tensor) throws -> Tensor { try estimator.predict(transform(x)) }

    public func score(_ x: Tensor, _ y: Tensor) throws -> Double { try estimator.score(transform(x), y) }
}

extension Pipeline: Classifier where Model: Classifier {
    public var classes: [Float] { estimator.classes }

    public func predictProba(_ x: Tensor) throws -> Tensor { try estimator.predictProba(transform(x)) }
}
