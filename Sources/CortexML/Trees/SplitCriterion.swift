import Foundation

/// How a tree scores the samples of a node and the candidate splits of it, with the formulas of
/// scikit-learn's `_criterion.pyx` (same operation order, so equal splits tie exactly as there).
///
/// A split search calls `startNode` once per node, then for each feature `startScan` with the
/// node's samples in increasing feature order and `moveLeft` for each sample passed.
protocol SplitCriterion {
    /// Values stored per node: class weights for a classifier, one value for a regressor.
    var valueWidth: Int { get }
    var weightedNodeSamples: Double { get }
    var weightedLeft: Double { get }
    mutating func startNode(_ samples: UnsafeBufferPointer<Int32>)
    func nodeImpurity() -> Double
    func nodeValue(into values: inout [Double])
    mutating func startScan(_ sortedSamples: UnsafeBufferPointer<Int32>)
    mutating func moveLeft(_ sample: Int32)
    /// A quantity that orders splits like the impurity decrease, cheaper to compute.
    func proxyImprovement() -> Double
    func childrenImpurity() -> (left: Double, right: Double)
    /// The weighted impurity decrease, as a fraction of all training weight (`totalWeight`).
    func improvement(parent: Double, left: Double, right: Double, totalWeight: Double) -> Double
}

extension SplitCriterion {
    var weightedRight: Double { weightedNodeSamples - weightedLeft }

    func proxyImprovement() -> Double {
        let (left, right) = childrenImpurity()
        return -weightedRight * right - weightedLeft * left
    }

    func improvement(parent: Double, left: Double, right: Double, totalWeight: Double) -> Double {
        (weightedNodeSamples / totalWeight)
            * (parent - weightedRight / weightedNodeSamples * right - weightedLeft / weightedNodeSamples * left)
    }
}

/// Gini impurity or Shannon entropy (in bits) of weighted class counts.
struct ClassCountCriterion: SplitCriterion {
    let classes: UnsafePointer<Int32>
    let weights: UnsafePointer<Double>
    let classCount: Int
    let entropy: Bool
    private let storage: DoubleBuffer
    /// Weighted class counts of the node, then of its left part.
    private let total: UnsafeMutablePointer<Double>
    private let left: UnsafeMutablePointer<Double>
    private(set) var weightedNodeSamples = 0.0
    private(set) var weightedLeft = 0.0

    init(classes: UnsafePointer<Int32>, weights: UnsafePointer<Double>, classCount: Int, entropy: Bool) {
        self.classes = classes
        self.weights = weights
        self.classCount = classCount
        self.entropy = entropy
        storage = DoubleBuffer(count: 2 * classCount)
        total = storage.pointer
        left = storage.pointer + classCount
    }

    var valueWidth: Int { classCount }

    mutating func startNode(_ samples: UnsafeBufferPointer<Int32>) {
        total.update(repeating: 0, count: classCount)
        weightedNodeSamples = 0
        for s in samples {
            let w = weights[Int(s)]
            total[Int(classes[Int(s)])] += w
            weightedNodeSamples += w
        }
    }

    func nodeValue(into values: inout [Double]) {
        values.append(contentsOf: UnsafeBufferPointer(start: total, count: classCount))
    }

    mutating func startScan(_ sortedSamples: UnsafeBufferPointer<Int32>) {
        left.update(repeating: 0, count: classCount)
        weightedLeft = 0
    }

    @inline(__always)
    mutating func moveLeft(_ sample: Int32) {
        let w = weights[Int(sample)]
        left[Int(classes[Int(sample)])] += w
        weightedLeft += w
    }

    func nodeImpurity() -> Double { impurity(total, minus: nil, weight: weightedNodeSamples) }

    func childrenImpurity() -> (left: Double, right: Double) {
        (impurity(left, minus: nil, weight: weightedLeft), impurity(total, minus: left, weight: weightedRight))
    }

    /// The impurity of counts `counts - minus` (the right child's counts without storing them).
    @inline(__always)
    private func impurity(_ counts: UnsafeMutablePointer<Double>, minus: UnsafeMutablePointer<Double>?,
                          weight: Double) -> Double {
        if entropy {
            var value = 0.0
            for c in 0..<classCount {
                var count = counts[c] - (minus?[c] ?? 0)
                if count > 0 {
                    count /= weight
                    value -= count * (log(count) / log(2.0))
                }
            }
            return value
        }
        var squares = 0.0
        for c in 0..<classCount {
            let count = counts[c] - (minus?[c] ?? 0)
            squares += count * count
        }
        return 1.0 - squares / (weight * weight)
    }
}

/// Scratch memory owned by a criterion, freed with it.
final class DoubleBuffer {
    let pointer: UnsafeMutablePointer<Double>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// Mean squared error, optionally with Friedman's improvement score (gradient boosting's default).
struct SquaredErrorCriterion: SplitCriterion {
    let targets: UnsafePointer<Double>
    let weights: UnsafePointer<Double>
    let friedman: Bool
    private var sumTotal = 0.0, squaresTotal = 0.0
    private var sumLeft = 0.0, squaresLeft = 0.0
    private(set) var weightedNodeSamples = 0.0
    private(set) var weightedLeft = 0.0

    init(targets: UnsafePointer<Double>, weights: UnsafePointer<Double>, friedman: Bool) {
        self.targets = targets
        self.weights = weights
        self.friedman = friedman
    }

    var valueWidth: Int { 1 }

    mutating func startNode(_ samples: UnsafeBufferPointer<Int32>) {
        sumTotal = 0; squaresTotal = 0; weightedNodeSamples = 0
        for s in samples {
            let w = weights[Int(s)], y = targets[Int(s)]
            let wy = w * y
            sumTotal += wy
            squaresTotal += wy * y
            weightedNodeSamples += w
        }
    }

    func nodeValue(into values: inout [Double]) { values.append(sumTotal / weightedNodeSamples) }

    func nodeImpurity() -> Double {
        let mean = sumTotal / weightedNodeSamples
        return squaresTotal / weightedNodeSamples - mean * mean
    }

    mutating func startScan(_ sortedSamples: UnsafeBufferPointer<Int32>) {
        sumLeft = 0; squaresLeft = 0; weightedLeft = 0
    }

    mutating func moveLeft(_ sample: Int32) {
        let w = weights[Int(sample)], y = targets[Int(sample)]
        let wy = w * y
        sumLeft += wy
        squaresLeft += wy * y
        weightedLeft += w
    }

    func proxyImprovement() -> Double {
        let sumRight = sumTotal - sumLeft
        if friedman {
            let diff = weightedRight * sumLeft - weightedLeft * sumRight
            return diff * diff / (weightedLeft * weightedRight)
        }
        return sumLeft * sumLeft / weightedLeft + sumRight * sumRight / weightedRight
    }

    func childrenImpurity() -> (left: Double, right: Double) {
        let meanLeft = sumLeft / weightedLeft
        let meanRight = (sumTotal - sumLeft) / weightedRight
        return (squaresLeft / weightedLeft - meanLeft * meanLeft,
                (squaresTotal - squaresLeft) / weightedRight - meanRight * meanRight)
    }

    func improvement(parent: Double, left: Double, right: Double, totalWeight: Double) -> Double {
        guard friedman else {
            return (weightedNodeSamples / totalWeight)
                * (parent - weightedRight / weightedNodeSamples * right - weightedLeft / weightedNodeSamples * left)
        }
        let diff = weightedRight * sumLeft - weightedLeft * (sumTotal - sumLeft)
        return diff * diff / (weightedLeft * weightedRight * weightedNodeSamples)
    }
}
