import Cortex
import Foundation

/// A regression tree grown by exact split search, scikit-learn's `DecisionTreeRegressor`.
public final class DecisionTreeRegressor: Regressor, PersistentModel {
    public let criterion: RegressionSplitCriterion
    public let randomState: UInt32?
    let settings: TreeSettings
    public private(set) var tree: TreeStructure?

    /// The hyper-parameters mean what they mean for `DecisionTreeClassifier`; leaves predict the
    /// mean of their samples (the median with `.absoluteError`).
    public init(criterion: RegressionSplitCriterion = .squaredError, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
                minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0, maxFeatures: MaxFeatures = .all,
                maxLeafNodes: Int? = nil, randomState: UInt32? = nil, ccpAlpha: Double = 0) {
        self.criterion = criterion
        self.randomState = randomState
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
        let growth = try settings.growth(features: x.shape[1])
        let weights = try checkedSampleWeights(sampleWeight, count: x.shape[0])
        let grown = growTree(matrix: FeatureMatrix(x), target: .values(y.scalars.map(Double.init), criterion),
                             weights: weights, growth: growth, random: TreeRandom(randomState: resolvedSeed(randomState)))
        tree = grown.pruned(alpha: settings.ccpAlpha)
        return self
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        guard let tree else { throw MLError.notFitted(model: "DecisionTreeRegressor") }
        try InputValidation.checkSamples(x, features: tree.featureCount)
        return Tensor(tree.leaves(x).map { Float(tree.values[Int($0)]) })
    }

    /// Each feature's share of the total impurity decrease (empty before `fit`).
    public var featureImportances: [Double] { tree?.featureImportances(normalize: true) ?? [] }
    public var depth: Int { tree?.depth ?? 0 }
    public var leafCount: Int { tree?.leafCount ?? 0 }

    /// The tree as text, in the format of scikit-learn's `export_text`.
    public func exportText(featureNames: [String]? = nil, maxDepth: Int = 10, decimals: Int = 2) throws -> String {
        guard let tree else { throw MLError.notFitted(model: "DecisionTreeRegressor") }
        return try TreeText.render(tree, featureNames: featureNames, maxDepth: maxDepth, decimals: decimals) { leaf in
            "value: [\(String(format: "%.\(decimals)f", tree.values[leaf]))]"
        }
    }
}
