import Cortex

/// Gradient-boosted regression trees, scikit-learn's `GradientBoostingRegressor`.
public final class GradientBoostingRegressor: Regressor, PersistentModel {
    /// `absoluteError` and `huber` resist outliers; Huber switches from squared to absolute error
    /// beyond the `alpha` quantile of the residuals.
    public enum Loss: String, Codable, Sendable { case squaredError, absoluteError, huber }

    public let loss: Loss
    public let alpha: Double
    public let randomState: UInt32?
    let boosting: BoostingSettings
    let settings: TreeSettings
    private var model: BoostedTrees?

    /// Parameters as for `GradientBoostingClassifier`; `alpha` is Huber's quantile.
    public init(loss: Loss = .squaredError, learningRate: Double = 0.1, nEstimators: Int = 100, subsample: Double = 1,
                minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxDepth: Int? = 3, minImpurityDecrease: Double = 0,
                randomState: UInt32? = nil, maxFeatures: MaxFeatures = .all, alpha: Double = 0.9,
                maxLeafNodes: Int? = nil, ccpAlpha: Double = 0) {
        self.loss = loss
        self.alpha = alpha
        self.randomState = randomState
        boosting = BoostingSettings(nEstimators: nEstimators, learningRate: learningRate, subsample: subsample)
        settings = TreeSettings(maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
                                minImpurityDecrease: minImpurityDecrease, maxFeatures: maxFeatures,
                                maxLeafNodes: maxLeafNodes, ccpAlpha: ccpAlpha)
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try fit(x, y, sampleWeight: nil)
    }

    /// Fits with a weight per sample.
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeight: [Double]?) throws -> Self {
        try InputValidation.checkSamplesAndTargets(x, y)
        try boosting.validate()
        guard alpha > 0 && alpha < 1 else {
            throw MLError.invalidParameter(name: "alpha", reason: "must be in (0, 1), got \(alpha)")
        }
        let growth = try settings.growth(features: x.shape[1])
        let weights = try checkedSampleWeights(sampleWeight, count: x.shape[0])
        let boostingLoss: BoostingLoss
        switch loss {
        case .squaredError: boostingLoss = .squaredError
        case .absoluteError: boostingLoss = .absoluteError
        case .huber: boostingLoss = .huber(alpha: alpha)
        }
        model = BoostedTrees.fit(x, y: y.scalars.map(Double.init), weights: weights, loss: boostingLoss, settings: boosting,
                                 growth: growth, ccpAlpha: settings.ccpAlpha, randomState: resolvedSeed(randomState))
        return self
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        Tensor(try fitted(x).rawScores(x).map { Float($0) })
    }

    /// Predictions after each stage.
    public func stagedPredict(_ x: Tensor) throws -> [Tensor] {
        var staged: [Tensor] = []
        _ = try fitted(x).rawScores(x) { raw in staged.append(Tensor(raw.map { Float($0) })) }
        return staged
    }

    /// The training loss after each stage (on the in-bag samples when subsampling).
    public var trainScore: [Double] { model?.trainScore ?? [] }
    /// Impurity-based importances averaged over all trees, normalised (empty before `fit`).
    public var featureImportances: [Double] { model?.featureImportances ?? [] }
    /// The regression trees, one per stage.
    public var estimators: [TreeStructure] { model?.stages.map { $0[0] } ?? [] }

    private func fitted(_ x: Tensor) throws -> BoostedTrees {
        guard let model else { throw MLError.notFitted(model: "GradientBoostingRegressor") }
        try InputValidation.checkSamples(x, features: model.featureCount)
        return model
    }
}
