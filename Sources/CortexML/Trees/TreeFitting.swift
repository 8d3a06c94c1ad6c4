import Cortex

/// What a tree learns to predict.
enum TreeTarget {
    /// Class indices in `0..<count` with a Gini or entropy criterion.
    case classes([Int32], count: Int, entropy: Bool)
    /// Real values with a regression criterion.
    case values([Double], RegressionSplitCriterion)
}

/// Grows one tree on `matrix` with the criterion `target` calls for.
func growTree(matrix: FeatureMatrix, target: TreeTarget, weights: [Double], growth: TreeGrowth,
              random: TreeRandom) -> TreeStructure {
    weights.withUnsafeBufferPointer { weightPointer in
        let w = weightPointer.baseAddress!
        switch target {
        case .classes(let classes, let count, let entropy):
            return classes.withUnsafeBufferPointer { classes in
                let criterion = ClassCountCriterion(classes: classes.baseAddress!, weights: w, classCount: count, entropy: entropy)
                let builder = TreeBuilder(matrix: matrix, weights: weights, criterion: criterion, growth: growth, random: random)
                return builder.build()
            }
        case .values(let values, let kind):
            return values.withUnsafeBufferPointer { values in
                let y = values.baseAddress!
                switch kind {
                case .squaredError, .friedmanMSE:
                    let criterion = SquaredErrorCriterion(targets: y, weights: w, friedman: kind == .friedmanMSE)
                    let builder = TreeBuilder(matrix: matrix, weights: weights, criterion: criterion, growth: growth, random: random)
                    return builder.build()
                case .absoluteError:
                    let criterion = AbsoluteErrorCriterion(targets: y, weights: w, sampleCount: matrix.rows)
                    let builder = TreeBuilder(matrix: matrix, weights: weights, criterion: criterion, growth: growth, random: random)
                    return builder.build()
                }
            }
        }
    }
}

/// Class labels of `y` as indices into the sorted distinct labels `classes`.
func classIndices(_ y: Tensor, classes: [Float]) -> [Int32] {
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
    return y.scalars.map { index[$0]! }
}

/// Validates user-given per-sample weights: one finite non-negative weight per sample, not all zero.
func checkedSampleWeights(_ weights: [Double]?, count: Int) throws -> [Double] {
    guard let weights else { return [Double](repeating: 1, count: count) }
    guard weights.count == count else {
        throw MLError.invalidInput(argument: "sampleWeight", reason: "expected \(count) weights (one per sample), got \(weights.count)")
    }
    guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
        throw MLError.invalidInput(argument: "sampleWeight", reason: "weights must be finite, non-negative and not all zero")
    }
    return weights
}

/// Rows of a `[samples, classes]` matrix of leaf values, each normalised to sum to 1.
func normalizedLeafValues(_ tree: TreeStructure, leaves: [Int32]) -> [Double] {
    let width = tree.valueWidth
    var result = [Double](repeating: 0, count: leaves.count * width)
    for (i, leaf) in leaves.enumerated() {
        let value = tree.value(Int(leaf))
        var total = value.reduce(0, +)
        if total == 0 { total = 1 }
        for (k, v) in value.enumerated() { result[i * width + k] = v / total }
    }
    return result
}

/// The index of the first largest entry of each row of a row-major `[rows, width]` matrix.
func rowArgmax(_ values: [Double], width: Int) -> [Int] {
    (0..<(values.count / width)).map { row in
        var best = 0
        for k in 1..<max(width, 1) where values[row * width + k] > values[row * width + best] { best = k }
        return best
    }
}
