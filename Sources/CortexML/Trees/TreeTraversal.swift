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
    /// `out[0..<rows.count]`. Four rows walk the tree together so their memory loads overlap.
    func leaves(of x: UnsafePointer<Float>, rows: Range<Int>, into out: UnsafeMutablePointer<Int32>) {
        nodes.withUnsafeBufferPointer { nodes in
            @inline(__always) func step(_ index: inout Int32, _ row: UnsafePointer<Float>) -> Bool {
                let node = nodes[Int(index)]
                guard node.left >= 0 else { return false }
                index = row[Int(node.feature)] <= node.threshold ? node.left : node.right
                return true
            }
            var i = rows.lowerBound
            while i + 4 <= rows.upperBound {
                let r = (x + i * featureCount, x + (i + 1) * featureCount, x + (i + 2) * featureCount, x + (i + 3) * featureCount)
                var (a, b, c, d): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
                var moving = true
                while moving {
                    let movedA = step(&a, r.0), movedB = step(&b, r.1)
                    let movedC = step(&c, r.2), movedD = step(&d, r.3)
                    moving = movedA || movedB || movedC || movedD
                }
                let base = out + (i - rows.lowerBound)
                (base[0], base[1], base[2], base[3]) = (a, b, c, d)
                i += 4
            }
            while i < rows.upperBound {
                var index: Int32 = 0
                while step(&index, x + i * featureCount) {}
                out[i - rows.lowerBound] = index
                i += 1
            }
        }
    }
}
