import Cortex

/// A tree of histogram gradient boosting: splits on real-valued thresholds (bin edges), with a
/// learned side for missing values; leaves hold the (already shrunk) raw-score step.
struct HistogramTree: Codable, Sendable {
    var leftChild: [Int32] = []
    var rightChild: [Int32] = []
    var feature: [Int32] = []
    var threshold: [Double] = []
    var missingGoesLeft: [Bool] = []
    var value: [Double] = []

    mutating func addNode(value: Double) -> Int {
        leftChild.append(-1)
        rightChild.append(-1)
        feature.append(-1)
        threshold.append(0)
        missingGoesLeft.append(false)
        self.value.append(value)
        return leftChild.count - 1
    }

    /// The leaf value reached by a row of `featureCount` values.
    func predict(_ row: UnsafePointer<Float>) -> Double {
        var node = 0
        while leftChild[node] >= 0 {
            let x = row[Int(feature[node])]
            let left = x.isNaN ? missingGoesLeft[node] : Double(x) <= threshold[node]
            node = Int(left ? leftChild[node] : rightChild[node])
        }
        return value[node]
    }
}
