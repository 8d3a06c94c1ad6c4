import Cortex
import CortexData

/// K folds that each keep the class proportions of `y`, as scikit-learn's `StratifiedKFold`
/// (its allocation since 0.22: classes dealt round-robin over folds, each class's samples
/// assigned in blocks, the blocks shuffled per class with NumPy's generator when `shuffle`).
public struct StratifiedKFold: CrossValidator, Sendable {
    public var nSplits: Int
    public var shuffle: Bool
    public var randomState: UInt32?

    public init(nSplits: Int = 5, shuffle: Bool = false, randomState: UInt32? = nil) {
        self.nSplits = nSplits
        self.shuffle = shuffle
        self.randomState = randomState
    }

    public func split(_ x: Tensor, _ y: Tensor?) throws -> [Fold] {
        guard let y else { throw MLError.invalidInput(argument: "y", reason: "StratifiedKFold needs the class labels") }
        let n = x.shape.first ?? 0
        guard y.count == n else { throw MLError.invalidInput(argument: "y", reason: "expected \(n) labels (one per row of x), got \(y.count)") }
        try FoldChecks.check(nSplits: nSplits, samples: n, shuffle: shuffle, randomState: randomState)
        let labels = y.scalars
        var firstSeen: [Float: Int] = [:]
        for label in labels where firstSeen[label] == nil { firstSeen[label] = firstSeen.count }
        let encoded = labels.map { firstSeen[$0]! }
        let classCount = firstSeen.count
        var counts = [Int](repeating: 0, count: classCount)
        for c in encoded { counts[c] += 1 }
        guard counts.contains(where: { $0 >= nSplits }) else {
            throw MLError.invalidParameter(name: "nSplits", reason: "\(nSplits) is greater than the number of members in every class")
        }
        let sorted = encoded.sorted()
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: nSplits)
        for (position, c) in sorted.enumerated() { allocation[position % nSplits][c] += 1 }
        var generator = LegacyMersenneTwister(seed: randomState ?? UInt32(truncatingIfNeeded: Random.nextSeed()))
        var testFold = [Int](repeating: 0, count: n)
        for c in 0..<classCount {
            var folds = (0..<nSplits).flatMap { k in [Int](repeating: k, count: allocation[k][c]) }
            if shuffle { generator.shuffle(&folds) }
            for (sample, fold) in zip(encoded.indices.filter { encoded[$0] == c }, folds) { testFold[sample] = fold }
        }
        return FoldChecks.folds(testFold: testFold, count: nSplits)
    }
}
