import Cortex

/// A classification tree grown by exact split search, scikit-learn's `DecisionTreeClassifier`.
///
/// With the same data, hyper-parameters and `randomState`, it grows the same tree as
/// scikit-learn (same split features and thresholds), so results carry over between the two.
public final class DecisionTreeClassifier: Classifier, PersistentModel {
    public let criterion: ClassificationSplitCriterion
    public let classWeight: ClassWeight?
    public let randomState: UInt32?
    let settings: TreeSettings
    public private(set) var classes: [Float] = []
    public private(set) var tree: TreeStructure?

    /// - Parameters:
    ///   - maxDepth: deepest level of the tree; unlimited when `nil`.
    ///   - minSamplesSplit: fewest samples a node needs to be split.
    ///   - minSamplesLeaf: fewest samples each child of a split must keep.
    ///   - minImpurityDecrease: a split must lower the weighted impurity by at least this much.
    ///   - maxFeatures: features drawn per split (all by default, as scikit-learn).
    ///   - maxLeafNodes: grows best-first up to this many leaves when set.
    ///   - classWeight: weights per class, e.g. `.balanced` for skewed classes.
    ///   - randomState: seeds the feature order; ties between equal splits depend on it.
    ///   - ccpAlpha: minimal cost-complexity pruning strength; 0 keeps the full tree.
    public init(criterion: ClassificationSplitCriterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
                minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0, maxFeatures: MaxFeatures = .all,
                maxLeafNodes: Int? = nil, classWeight: ClassWeight? = nil, randomState: UInt32? = nil, ccpAlpha: Double = 0) {
        self.criterion = criterion
        self.classWeight = classWeight
        self.randomState = randomState
        settings = TreeSettings(maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
                                minImpurityDecrease: minImpurityDecrease, maxFeatures: maxFeatures,
                                maxLeafNodes: maxLeafNodes, ccpAlpha: ccpAlpha)
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try fit(x, y, sampleWeight: nil)
    }

    /// Fits with a weight per sample (multiplied by the class weights).
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeight: [Double]?) throws -> Self {
        try InputValidation.checkSamplesAndTargets(x, y)
        let classes = try InputValidation.classLabels(y)
        let growth = try settings.growth(features: x.shape[1])
        let indices = classIndices(y, classes: classes)
        var weights = try checkedSampleWeights(sampleWeight, count: indices.count)
        if let classWeight {
            let perClass = classWeight.sampleWeights(classIndices: indices, classes: classes)
            for i in weights.indices { weights[i] *= perClass[i] }
        }
        let target = TreeTarget.classes(indices, count: classes.count, entropy: criterion != .gini)
        let grown = growTree(matrix: FeatureMatrix(x), target: target, weights: weights, growth: growth,
                             random: TreeRandom(randomState: resolvedSeed(randomState)))
        tree = grown.pruned(alpha: settings.ccpAlpha)
        self.classes = classes
        return self
    }

    /// `[samples, classes.count]` class fractions of the leaf each sample reaches.
    public func predictProba(_ x: Tensor) throws -> Tensor {
        let tree = try fittedTree(x)
        let values = normalizedLeafValues(tree, leaves: tree.leaves(x))
        return Tensor(shape: [x.shape[0], classes.count], scalars: values.map { Float($0) })
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        let tree = try fittedTree(x)
        let values = tree.leaves(x).flatMap { tree.value(Int($0)) }
        return Tensor(rowArgmax(values, width: classes.count).map { classes[$0] })
    }

    /// Each feature's share of the total impurity decrease (empty before `fit`).
    public var featureImportances: [Double] { tree?.featureImportances(normalize: true) ?? [] }
    /// Levels below the root (0 before `fit`).
    public var depth: Int { tree?.depth ?? 0 }
    public var leafCount: Int { tree?.leafCount ?? 0 }

    /// The tree as text, in the format of scikit-learn's `export_text`.
    public func exportText(featureNames: [String]? = nil, maxDepth: Int = 10, decimals: Int = 2) throws -> String {
        guard let tree else { throw MLError.notFitted(model: "DecisionTreeClassifier") }
        return try TreeText.render(tree, featureNames: featureNames, maxDepth: maxDepth, decimals: decimals) { leaf in
            "class: \(TreeText.label(classes[rowArgmax(Array(tree.value(leaf)), width: classes.count)[0]]))"
        }
    }

    private func fittedTree(_ x: Tensor) throws -> TreeStructure {
        guard let tree else { throw MLError.notFitted(model: "DecisionTreeClassifier") }
        try InputValidation.checkSamples(x, features: tree.featureCount)
        return tree
    }
}
