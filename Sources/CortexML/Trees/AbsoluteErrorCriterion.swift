/// Mean absolute deviation from the weighted median, scikit-learn's `absolute_error`.
///
/// For each feature scan, two passes over a Fenwick tree of target ranks give the median and the
/// absolute error of every prefix and suffix in O(n log n), as scikit-learn 1.9 does.
struct AbsoluteErrorCriterion: SplitCriterion {
    let targets: UnsafePointer<Double>
    let weights: UnsafePointer<Double>
    private var rank: [Int32]
    private var sortedTargets: [Double] = []
    private var leftErrors: [Double] = []
    private var rightErrors: [Double] = []
    private var nodeError = 0.0
    private var nodeMedian = 0.0
    private var moved = 0
    private var fenwick = WeightedFenwickTree()
    private(set) var weightedNodeSamples = 0.0
    private(set) var weightedLeft = 0.0

    init(targets: UnsafePointer<Double>, weights: UnsafePointer<Double>, sampleCount: Int) {
        self.targets = targets
        self.weights = weights
        rank = [Int32](repeating: 0, count: sampleCount)
    }

    var valueWidth: Int { 1 }

    mutating func startNode(_ samples: UnsafeBufferPointer<Int32>) {
        let byTarget = samples.sorted { targets[Int($0)] < targets[Int($1)] }
        sortedTargets = byTarget.map { targets[Int($0)] }
        for (r, s) in byTarget.enumerated() { rank[Int(s)] = Int32(r) }
        weightedNodeSamples = samples.reduce(0) { $0 + weights[Int($1)] }
        var errors = [Double](repeating: 0, count: samples.count)
        var medians = errors
        accumulate(samples, reversed: false, fenwick: &fenwick, errors: &errors, medians: &medians)
        nodeError = errors.last ?? 0
        nodeMedian = medians.last ?? 0
    }

    func nodeValue(into values: inout [Double]) { values.append(nodeMedian) }

    func nodeImpurity() -> Double { nodeError / weightedNodeSamples }

    mutating func startScan(_ sortedSamples: UnsafeBufferPointer<Int32>) {
        var medians = [Double](repeating: 0, count: sortedSamples.count)
        var left = [Double](repeating: 0, count: sortedSamples.count), right = left
        accumulate(sortedSamples, reversed: false, fenwick: &fenwick, errors: &left, medians: &medians)
        accumulate(sortedSamples, reversed: true, fenwick: &fenwick, errors: &right, medians: &medians)
        (leftErrors, rightErrors) = (left, right)
        moved = 0
        weightedLeft = 0
    }

    mutating func moveLeft(_ sample: Int32) {
        moved += 1
        weightedLeft += weights[Int(sample)]
    }

    func childrenImpurity() -> (left: Double, right: Double) {
        (leftErrors[moved - 1] / weightedLeft, rightErrors[moved] / weightedRight)
    }

    /// For each prefix of `samples` (each suffix when `reversed`), its weighted median and the
    /// absolute error around it, stored at the prefix's last position.
    private func accumulate(_ samples: UnsafeBufferPointer<Int32>, reversed: Bool, fenwick: inout WeightedFenwickTree,
                            errors: inout [Double], medians: inout [Double]) {
        fenwick.reset(size: samples.count)
        for step in 0..<samples.count {
            let p = reversed ? samples.count - 1 - step : step
            let s = Int(samples[p])
            let r = Int(rank[s])
            fenwick.add(r, value: sortedTargets[r], weight: weights[s])
            let found = fenwick.search(half: 0.5 * fenwick.totalWeight)
            let median = found.rank != found.previousRank
                ? (sortedTargets[found.previousRank] + sortedTargets[found.rank]) / 2
                : sortedTargets[found.rank]
            let weightRight = fenwick.totalWeight - found.weightBelow
            let sumRight = fenwick.totalWeightedValue - found.weightedValueBelow
            medians[p] = median
            errors[p] = (sumRight - median * weightRight) + (median * found.weightBelow - found.weightedValueBelow)
        }
    }
}

/// Prefix sums of weights and weighted values over ranks, with a search for a weight level.
struct WeightedFenwickTree {
    private var weightTree: [Double] = [0]
    private var valueTree: [Double] = [0]
    private var size = 0
    private var highestPower = 1
    private(set) var totalWeight = 0.0
    private(set) var totalWeightedValue = 0.0

    mutating func reset(size: Int) {
        self.size = size
        weightTree = [Double](repeating: 0, count: size + 1)
        valueTree = weightTree
        totalWeight = 0
        totalWeightedValue = 0
        highestPower = 1
        while highestPower <= size { highestPower <<= 1 }
        highestPower >>= 1
    }

    mutating func add(_ rank: Int, value: Double, weight: Double) {
        var i = rank + 1
        while i <= size {
            weightTree[i] += weight
            valueTree[i] += weight * value
            i += i & -i
        }
        totalWeight += weight
        totalWeightedValue += weight * value
    }

    /// The smallest rank whose cumulative weight exceeds `half`, the sums strictly below it, and
    /// the last rank holding weight before it (equal to it unless the cumulative weight hits
    /// `half` exactly, where the median is the midpoint of the two).
    func search(half: Double) -> (rank: Int, previousRank: Int, weightBelow: Double, weightedValueBelow: Double) {
        var position = 0, weight = 0.0, value = 0.0
        var step = highestPower
        while step > 0 {
            let next = position + step
            if next <= size && weight + weightTree[next] <= half {
                position = next
                weight += weightTree[next]
                value += valueTree[next]
            }
            step >>= 1
        }
        // Ranks 0..<position hold cumulative weight <= half, so rank `position` carries weight.
        var previous = position
        if weight == half && position > 0 {
            previous = position - 1
            while previous > 0 && weightAt(previous) == 0 { previous -= 1 }
        }
        return (position, previous, weight, value)
    }

    private func weightAt(_ rank: Int) -> Double {
        var sum = 0.0, i = rank + 1
        while i > 0 { sum += weightTree[i]; i -= i & -i }
        i = rank
        while i > 0 { sum -= weightTree[i]; i -= i & -i }
        return sum
    }
}
