import Cortex
import Foundation

/// How a classification tree measures the impurity of a node.
public enum ClassificationSplitCriterion: String, Codable, Sendable {
    case gini
    /// Shannon entropy; `logLoss` is the same criterion under scikit-learn's other name.
    case entropy, logLoss
}

/// How a regression tree measures the impurity of a node.
public enum RegressionSplitCriterion: String, Codable, Sendable {
    case squaredError
    /// Squared error with Friedman's improvement score, gradient boosting's default.
    case friedmanMSE
    /// Mean absolute deviation from the median; leaves predict the median.
    case absoluteError
}

/// How many features a split considers, drawn at random without replacement per node.
public enum MaxFeatures: Codable, Sendable, Equatable {
    case all, sqrt, log2
    case count(Int)
    case fraction(Double)

    /// The number of features per split out of `features`, as scikit-learn rounds it.
    func resolve(features: Int) throws -> Int {
        switch self {
        case .all: return features
        case .sqrt: return max(1, Int(Double(features).squareRoot()))
        case .log2: return max(1, Int(Foundation.log2(Double(features))))
        case .count(let n):
            guard n >= 1 && n <= features else {
                throw MLError.invalidParameter(name: "maxFeatures", reason: "must be in 1...\(features), got \(n)")
            }
            return n
        case .fraction(let f):
            guard f > 0 && f <= 1 else {
                throw MLError.invalidParameter(name: "maxFeatures", reason: "a fraction must be in (0, 1], got \(f)")
            }
            return max(1, Int(f * Double(features)))
        }
    }
}

/// The hyper-parameters every tree shares, checked before fitting.
struct TreeSettings: Codable, Sendable, Equatable {
    var maxDepth: Int?
    var minSamplesSplit: Int
    var minSamplesLeaf: Int
    var minImpurityDecrease: Double
    var maxFeatures: MaxFeatures
    var maxLeafNodes: Int?
    var ccpAlpha: Double

    func growth(features: Int) throws -> TreeGrowth {
        if let maxDepth, maxDepth < 1 {
            throw MLError.invalidParameter(name: "maxDepth", reason: "must be at least 1, got \(maxDepth)")
        }
        guard minSamplesSplit >= 2 else {
            throw MLError.invalidParameter(name: "minSamplesSplit", reason: "must be at least 2, got \(minSamplesSplit)")
        }
        guard minSamplesLeaf >= 1 else {
            throw MLError.invalidParameter(name: "minSamplesLeaf", reason: "must be at least 1, got \(minSamplesLeaf)")
        }
        guard minImpurityDecrease >= 0 else {
            throw MLError.invalidParameter(name: "minImpurityDecrease", reason: "must be >= 0, got \(minImpurityDecrease)")
        }
        if let maxLeafNodes, maxLeafNodes < 2 {
            throw MLError.invalidParameter(name: "maxLeafNodes", reason: "must be at least 2, got \(maxLeafNodes)")
        }
        guard ccpAlpha >= 0 else {
            throw MLError.invalidParameter(name: "ccpAlpha", reason: "must be >= 0, got \(ccpAlpha)")
        }
        return TreeGrowth(maxDepth: maxDepth ?? Int.max, minSamplesSplit: max(minSamplesSplit, 2 * minSamplesLeaf),
                          minSamplesLeaf: minSamplesLeaf, minImpurityDecrease: minImpurityDecrease,
                          maxFeatures: try maxFeatures.resolve(features: features), maxLeafNodes: maxLeafNodes)
    }
}
