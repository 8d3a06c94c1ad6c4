import Cortex

/// Bagged classification trees with random feature subsets, scikit-learn's
/// `RandomForestClassifier`: trees are fitted on all cores, and a given `randomState` gives the
/// same forest whatever the thread count (and the same bootstraps and feature draws as scikit-learn).
public final class RandomForestClassifier: Classifier, PersistentModel {
    public let criterion: ClassificationSplitCriterion
    public let classWeight: ClassWeight?
    public let randomState: UInt32?
    let settings: TreeSettings
    let forest: ForestSettings
    public private(set) var classes: [Float] = []
    public private(set) var trees: [TreeStructure] = []
    /// Accuracy on out-of-bag samples, when fitted with `oobScore: true`.
    public private(set) var oobScore: Double?
    /// `[samples, classes]` out-of-bag class probabilities of the training samples, row-major.
    public private(set) var oobDecisionFunction: [Double]?

    /// - Parameters:
    ///   - nEstimators: number of trees.
    ///   - maxFeatures: features drawn per split; `.sqrt` of the feature count by default.
    ///   - bootstrap: fits each tree on a bootstrap sample (otherwise on all samples).
    ///   - oobScore: estimates accuracy on the samples each tree did not see.
    ///   - nJobs: threads to fit on; all cores when `nil` or -1.
    ///   The other parameters mean what they mean for `DecisionTreeClassifier`.
    public init(nEstimators: Int = 100, criterion: ClassificationSplitCriterion = .gini, maxDepth: Int? = nil,
                minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0,
                maxFeatures: MaxFeatures = .sqrt, maxLeafNodes: Int? = nil, bootstrap: Bool = true, oobScore: Bool = false,
                nJobs: Int? = nil, randomState: UInt32? = nil, classWeight: ClassWeight? = nil, ccpAlpha: Double = 0) {
        self.criterion = criterion
        self.classWeight = classWeight
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

    /// Fits with a weight per sample (multiplied by the class weights and bootstrap counts).
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeight: [Double]?) throws -> Self {
        try InputValidation.checkSamplesAndTargets(x, y)
        try forest.validate()
        let classes = try InputValidation.classLabels(y)
        let growth = try settings.growth(features: x.shape[1])
        let indices = classIndices(y, classes: classes)
        var weights = try checkedSampleWeights(sampleWeight, count: indices.count)
        if let classWeight {
            let perClass = classWeight.sampleWeights(classIndices: indices, classes: classes)
            for i in weights.indices { weights[i] *= perClass[i] }
        }
        let fitted = fitForest(matrix: FeatureMatrix(x), target: .classes(indices, count: classes.count, entropy: criterion != .gini),
                               weights: weights, growth: growth, settings: forest, randomState: resolvedSeed(randomState))
        trees = fitted.trees.map { $0.pruned(alpha: settings.ccpAlpha) }
        self.classes = classes
        (oobScore, oobDecisionFunction) = (nil, nil)
        if forest.oobScore, let counts = fitted.inBagCounts {
            let proba = averagedLeafValues(trees, x, normalize: true) { t, i in counts[t][i] == 0 }
            let predicted = rowArgmax(proba, width: classes.count)
            oobScore = Double(zip(predicted, indices).filter { $0 == Int($1) }.count) / Double(indices.count)
            oobDecisionFunction = proba
        }
        return self
    }

    /// `[samples, classes.count]`: the mean of the trees' class probabilities.
    public func predictProba(_ x: Tensor) throws -> Tensor {
        try checkFitted(x)
        return Tensor(shape: [x.shape[0], classes.count],
                      scalars: averagedLeafValues(trees, x, normalize: true).map { Float($0) })
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        try checkFitted(x)
        let proba = averagedLeafValues(trees, x, normalize: true)
        return Tensor(rowArgmax(proba, width: classes.count).map { classes[$0] })
    }

    /// The trees' mean impurity-based importances, normalised (empty before `fit`).
    public var featureImportances: [Double] { trees.isEmpty ? [] : forestImportances(trees) }

    private func checkFitted(_ x: Tensor) throws {
        guard let first = trees.first else { throw MLError.notFitted(model: "RandomForestClassifier") }
        try InputValidation.checkSamples(x, features: first.featureCount)
    }
}
