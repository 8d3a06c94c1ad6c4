/// A fitted tree packed for prediction: 16 bytes per node, thresholds as `Float`.
///
/// Inputs are `Float`, so `x <= threshold` (a `Double`) holds exactly when `x` is at most the
/// largest `Float` not above the threshold; storing that `Float` keeps every decision identical
/// while halving the node size and skipping a conversion per step.
struct TreeTraversal {
    private struct Node {
        var feature: Int32
        var left: Int32
        var right: Int32
        var threshold: Float
    }

    private let nodes: [Node]
    private let featureCount: Int

    init(_ tree: TreeStructure) {
        featureCount = tree.featureCount
        nodes = (0..<tree.nodeCount).map { i in
            var threshold = Float(tree.threshold[i])
            if Double(threshold) > tree.threshold[i] { threshold = threshold.nextDown }
            return Node(feature: tree.feature[i], left: tree.leftChild[i], right: tree.rightChild[i], threshold: threshold)
        }
    }

    /// The leaves reached by rows `rows` of a row-major `[*, featureCount]` matrix, written to
    /// `out[0..<rows.count]`.
    func leaves(of x: UnsafePointer<Float>, rows: Range<Int>, into out: UnsafeMutablePointer<Int32>) {
        nodes.withUnsafeBufferPointer { nodes in
            for i in rows {
                let row = x + i * featureCount
                var node = nodes[0], index: Int32 = 0
                while node.left >= 0 {
                    index = row[Int(node.feature)] <= node.threshold ? node.left : node.right
                    node = nodes[Int(index)]
                }
                out[i - rows.lowerBound] = index
            }
        }
    }
}
