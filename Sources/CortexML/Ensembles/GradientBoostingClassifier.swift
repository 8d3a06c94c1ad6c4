import Cortex

/// Gradient-boosted regression trees for classification, scikit-learn's
/// `GradientBoostingClassifier`: one tree per stage for two classes, one per class and stage
/// (on the softmax gradients) for more, leaves set by a Newton step, starting from the prior log-odds.
public final class GradientBoostingClassifier: Classifier, PersistentModel {
    /// `logLoss` is the binomial or multinomial deviance; `exponential` is AdaBoost's loss (two classes).
    public enum Loss: String, Codable, Sendable { case logLoss, exponential }

    public let loss: Loss
    public let randomState: UInt32?
    let boosting: BoostingSettings
    let settings: TreeSettings
    public private(set) var classes: [Float] = []
    private var model: BoostedTrees?

    /// - Parameters:
    ///   - nEstimators: boosting stages.
    ///   - learningRate: shrinks each stage's contribution; trades off with `nEstimators`.
    ///   - subsample: fraction of samples each stage sees (stochastic gradient boosting below 1).
    ///   - maxDepth: depth of each regression tree.
    ///   The other tree parameters mean what they mean for `DecisionTreeRegressor`.
    public init(loss: Loss = .logLoss, learningRate: Double = 0.1, nEstimators: Int = 100, subsample: Double = 1,
                minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxDepth: Int? = 3, minImpurityDecrease: Double = 0,
                randomState: UInt32? = nil, maxFeatures: MaxFeatures = .all, maxLeafNodes: Int? = nil, ccpAlpha: Double = 0) {
        self.loss = loss
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
        let classes = try InputValidation.classLabels(y)
        let growth = try settings.growth(features: x.shape[1])
        let weights = try checkedSampleWeights(sampleWeight, count: x.shape[0])
        let boostingLoss: BoostingLoss
        switch loss {
        case .logLoss: boostingLoss = classes.count == 2 ? .binomial : .multinomial(classes: classes.count)
        case .exponential:
            guard classes.count == 2 else {
                throw MLError.invalidParameter(name: "loss", reason: "exponential loss needs 2 classes, got \(classes.count)")
            }
            boostingLoss = .exponential
        }
        let targets = classIndices(y, classes: classes).map(Double.init)
        model = BoostedTrees.fit(x, y: targets, weights: weights, loss: boostingLoss, settings: boosting, growth: growth,
                                 ccpAlpha: settings.ccpAlpha, randomState: resolvedSeed(randomState))
        self.classes = classes
        return self
    }

    /// Raw scores before the link: `[samples]` for two classes (log-odds), `[samples, classes]` otherwise.
    public func decisionFunction(_ x: Tensor) throws -> Tensor {
        let model = try fitted(x)
        let raw = model.rawScores(x)
        return Tensor(shape: model.loss.width == 1 ? [x.shape[0]] : [x.shape[0], model.loss.width], scalars: raw.map { Float($0) })
    }

    public func predictProba(_ x: Tensor) throws -> Tensor {
        let model = try fitted(x)
        let proba = model.loss.probabilities(model.rawScores(x), rows: x.shape[0])
        return Tensor(shape: [x.shape[0], classes.count], scalars: proba.map { Float($0) })
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        let model = try fitted(x)
        return labels(model, model.rawScores(x), rows: x.shape[0])
    }

    /// Predicted labels after each stage, to watch test accuracy grow with the stages.
    public func stagedPredict(_ x: Tensor) throws -> [Tensor] {
        let model = try fitted(x)
        var staged: [Tensor] = []
        _ = model.rawScores(x) { staged.append(self.labels(model, $0, rows: x.shape[0])) }
        return staged
    }

    /// The training loss after each stage (on the in-bag samples when subsampling).
    public var trainScore: [Double] { model?.trainScore ?? [] }
    /// Impurity-based importances averaged over all trees, normalised (empty before `fit`).
    public var featureImportances: [Double] { model?.featureImportances ?? [] }
    /// The regression trees, one array per stage.
    public var estimators: [[TreeStructure]] { model?.stages ?? [] }

    private func labels(_ model: BoostedTrees, _ raw: [Double], rows: Int) -> Tensor {
        if model.loss.width == 1 { return Tensor(raw.map { classes[$0 > 0 ? 1 : 0] }) }
        return Tensor(rowArgmax(raw, width: model.loss.width).map { classes[$0] })
    }

    private func fitted(_ x: Tensor) throws -> BoostedTrees {
        guard let model else { throw MLError.notFitted(model: "GradientBoostingClassifier") }
        try InputValidation.checkSamples(x, features: model.featureCount)
        return model
    }
}
