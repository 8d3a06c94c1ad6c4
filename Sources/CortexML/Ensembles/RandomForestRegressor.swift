import Cortex

/// Bagged regression trees, scikit-learn's `RandomForestRegressor`: the prediction is the mean of
/// the trees', trees are fitted on all cores, deterministic for a given `randomState`.
public final class RandomForestRegressor: Regressor, PersistentModel {
    public let criterion: RegressionSplitCriterion
    public let randomState: UInt32?
    let settings: TreeSettings
    let forest: ForestSettings
    public private(set) var trees: [TreeStructure] = []
    /// R² on out-of-bag samples, when fitted with `oobScore: true`.
    public private(set) var oobScore: Double?
    /// Out-of-bag prediction of each training sample.
    public private(set) var oobPrediction: [Double]?

    /// Parameters as for `RandomForestClassifier`; regression forests consider all features per
    /// split by default (`maxFeatures: .all`, scikit-learn's 1.0).
    public init(nEstimators: Int = 100, criterion: RegressionSplitCriterion = .squaredError, maxDepth: Int? = nil,
                minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0,
                maxFeatures: MaxFeatures = .all, maxLeafNodes: Int? = nil, bootstrap: Bool = true, oobScore: Bool = false,
                nJobs: Int? = nil, randomState: UInt32? = nil, ccpAlpha: Double = 0) {
        self.criterion = criterion
        self.randomState = randomState
        settings = TreeSettings(maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
                                minImpurityDecrease: minImpurityDecrease, maxFeatures: maxFeatures,
                                maxLeafNodes: maxLeafNodes, ccpAlpha: ccpAlpha)
        forest = ForestSettings(nEstimators: nEstimators, bootstrap: bootstrap, oobScore: oobScore, nJobs: nJobs)
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try fit(x, y, sampleWeight: nil)
    }

    /// Fits with a weight per sample (multiplied by the bootstrap counts).
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeight: [Double]?) throws -> Self {
        try InputValidation.checkSamplesAndTargets(x, y)
        try forest.validate()
        let growth = try settings.growth(features: x.shape[1])
        let weights = try checkedSampleWeights(sampleWeight, count: x.shape[0])
        let targets = y.scalars.map(Double.init)
        let fitted = fitForest(matrix: FeatureMatrix(x), target: .values(targets, criterion), weights: weights,
                               growth: growth, settings: forest, randomState: resolvedSeed(randomState))
        trees = fitted.trees.map { $0.pruned(alpha: settings.ccpAlpha) }
        (oobScore, oobPrediction) = (nil, nil)
        if forest.oobScore, let counts = fitted.inBagCounts {
            let predicted = averagedLeafValues(trees, x, normalize: false) { t, i in counts[t][i] == 0 }
            oobPrediction = predicted
            oobScore = rSquared(truth: targets, predicted: predicted)
        }
        return self
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        guard let first = trees.first else { throw MLError.notFitted(model: "RandomForestRegressor") }
        try InputValidation.checkSamples(x, features: first.featureCount)
        return Tensor(averagedLeafValues(trees, x, normalize: false).map { Float($0) })
    }

    /// The trees' mean impurity-based importances, normalised (empty before `fit`).
    public var featureImportances: [Double] { trees.isEmpty ? [] : forestImportances(trees) }
}

/// The coefficient of determination of `predicted` against `truth`.
func rSquared(truth: [Double], predicted: [Double]) -> Double {
    let mean = truth.reduce(0, +) / Double(truth.count)
    let residual = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let total = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total
}
