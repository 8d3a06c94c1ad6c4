import Cortex
import Foundation

/// A fitted binary tree as parallel node arrays, the layout of scikit-learn's `Tree`.
///
/// Node `i` is a leaf when `leftChild[i] == -1`; otherwise samples with
/// `feature value <= threshold[i]` go to `leftChild[i]`. `values` holds `valueWidth` numbers per
/// node: weighted class counts for classification, the prediction for regression.
public struct TreeStructure: Codable, Sendable, Equatable {
    public internal(set) var leftChild: [Int32] = []
    public internal(set) var rightChild: [Int32] = []
    public internal(set) var feature: [Int32] = []
    public internal(set) var threshold: [Double] = []
    public internal(set) var impurity: [Double] = []
    public internal(set) var nodeSamples: [Int32] = []
    public internal(set) var weightedNodeSamples: [Double] = []
    public internal(set) var values: [Double] = []
    public let valueWidth: Int
    public let featureCount: Int

    init(valueWidth: Int, featureCount: Int) {
        self.valueWidth = valueWidth
        self.featureCount = featureCount
    }

    public var nodeCount: Int { leftChild.count }

    /// Appends a node linked from its parent; returns its index.
    mutating func addNode(parent: Int?, isLeft: Bool, feature: Int, threshold: Double, impurity: Double,
                          samples: Int, weightedSamples: Double, value: ArraySlice<Double>) -> Int {
        let id = nodeCount
        if let parent {
            if isLeft { leftChild[parent] = Int32(id) } else { rightChild[parent] = Int32(id) }
        }
        leftChild.append(-1)
        rightChild.append(-1)
        self.feature.append(Int32(feature))
        self.threshold.append(threshold)
        self.impurity.append(impurity)
        nodeSamples.append(Int32(samples))
        weightedNodeSamples.append(weightedSamples)
        values.append(contentsOf: value)
        return id
    }

    /// Turns node `id` into a leaf (its descendants become unreachable).
    mutating func makeLeaf(_ id: Int) {
        leftChild[id] = -1
        rightChild[id] = -1
        feature[id] = -2
        threshold[id] = -2
    }

    func isLeaf(_ id: Int) -> Bool { leftChild[id] < 0 }

    func value(_ id: Int) -> ArraySlice<Double> { values[(id * valueWidth)..<((id + 1) * valueWidth)] }

    /// The leaf reached by each row of a `[samples, featureCount]` tensor, rows split over cores.
    func leaves(_ x: Tensor) -> [Int32] {
        let rows = x.shape[0], traversal = TreeTraversal(self)
        var result = [Int32](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                DispatchChunks.forEach(rows, minimumChunk: 4096) { range in
                    traversal.leaves(of: source.baseAddress!, rows: range, into: out + range.lowerBound)
                }
            }
        }
        return result
    }

    /// The longest root-to-leaf path (a lone root has depth 0).
    public var depth: Int {
        var deepest = 0
        var stack = [(0, 0)]
        while let (node, level) = stack.popLast() {
            deepest = max(deepest, level)
            if !isLeaf(node) {
                stack.append((Int(leftChild[node]), level + 1))
                stack.append((Int(rightChild[node]), level + 1))
            }
        }
        return deepest
    }

    public var leafCount: Int { reachableNodes().filter(isLeaf).count }

    /// Nodes reachable from the root, in depth-first order, left before right.
    func reachableNodes() -> [Int] {
        var order: [Int] = []
        var stack = [0]
        while let node = stack.popLast() {
            order.append(node)
            if !isLeaf(node) {
                stack.append(Int(rightChild[node]))
                stack.append(Int(leftChild[node]))
            }
        }
        return order
    }

    /// Total weighted impurity decrease per feature over all splits, divided by the root weight,
    /// optionally normalised to sum to 1 (scikit-learn's `compute_feature_importances`).
    func featureImportances(normalize: Bool) -> [Double] {
        var importances = [Double](repeating: 0, count: featureCount)
        for node in reachableNodes() where !isLeaf(node) {
            let left = Int(leftChild[node]), right = Int(rightChild[node])
            importances[Int(feature[node])] += weightedNodeSamples[node] * impurity[node]
                - weightedNodeSamples[left] * impurity[left] - weightedNodeSamples[right] * impurity[right]
        }
        for f in 0..<featureCount { importances[f] /= weightedNodeSamples[0] }
        if normalize {
            let total = importances.reduce(0, +)
            if total > 0 { for f in 0..<featureCount { importances[f] /= total } }
        }
        return importances
    }

    /// The subtree kept by minimal cost-complexity pruning with parameter `alpha`: repeatedly
    /// collapses the internal node whose removal costs least impurity per removed leaf, while that
    /// cost stays at or below `alpha`. Nodes are renumbered depth-first.
    func pruned(alpha: Double) -> TreeStructure {
        guard alpha > 0, nodeCount > 1 else { return self }
        let total = weightedNodeSamples[0]
        let nodeRisk = (0..<nodeCount).map { impurity[$0] * weightedNodeSamples[$0] / total }
        var parent = [Int](repeating: -1, count: nodeCount)
        for node in 0..<nodeCount where !isLeaf(node) {
            parent[Int(leftChild[node])] = node
            parent[Int(rightChild[node])] = node
        }
        var leaves = [Int](repeating: 0, count: nodeCount)
        var branchRisk = [Double](repeating: 0, count: nodeCount)
        for node in reachableNodes().reversed() {
            if isLeaf(node) {
                leaves[node] = 1
                branchRisk[node] = nodeRisk[node]
            } else {
                let left = Int(leftChild[node]), right = Int(rightChild[node])
                leaves[node] = leaves[left] + leaves[right]
                branchRisk[node] = branchRisk[left] + branchRisk[right]
            }
        }
        var collapsed = [Bool](repeating: false, count: nodeCount)
        var inside = [Bool](repeating: true, count: nodeCount)
        while true {
            var weakest = -1, weakestAlpha = Double.greatestFiniteMagnitude
            for node in 0..<nodeCount where inside[node] && !isLeaf(node) && !collapsed[node] {
                let nodeAlpha = (nodeRisk[node] - branchRisk[node]) / Double(leaves[node] - 1)
                if nodeAlpha < weakestAlpha {
                    weakestAlpha = nodeAlpha
                    weakest = node
                }
            }
            guard weakest >= 0, weakestAlpha <= alpha else { break }
            collapsed[weakest] = true
            var stack = [Int(leftChild[weakest]), Int(rightChild[weakest])]
            while let node = stack.popLast() {
                inside[node] = false
                if !isLeaf(node) { stack += [Int(leftChild[node]), Int(rightChild[node])] }
            }
            let removedLeaves = leaves[weakest] - 1, removedRisk = branchRisk[weakest] - nodeRisk[weakest]
            var node = weakest
            while node >= 0 {
                leaves[node] -= removedLeaves
                branchRisk[node] -= removedRisk
                node = parent[node]
            }
        }
        var result = TreeStructure(valueWidth: valueWidth, featureCount: featureCount)
        var stack: [(node: Int, parent: Int?, isLeft: Bool)] = [(0, nil, false)]
        while let (node, newParent, isLeft) = stack.popLast() {
            let keepsSplit = !isLeaf(node) && !collapsed[node]
            let id = result.addNode(parent: newParent, isLeft: isLeft, feature: keepsSplit ? Int(feature[node]) : -2,
                                    threshold: keepsSplit ? threshold[node] : -2, impurity: impurity[node],
                                    samples: Int(nodeSamples[node]), weightedSamples: weightedNodeSamples[node],
                                    value: value(node))
            if keepsSplit {
                stack.append((Int(rightChild[node]), id, false))
                stack.append((Int(leftChild[node]), id, true))
            }
        }
        return result
    }
}
