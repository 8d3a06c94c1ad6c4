import Cortex
import CortexData

/// K consecutive folds (after an optional shuffle), as scikit-learn's `KFold`: the first
/// `samples % nSplits` folds get one extra sample. With `shuffle` and a `randomState`, the
/// permutation is NumPy's `RandomState(randomState).shuffle`, so folds equal scikit-learn's.
public struct KFold: CrossValidator, Sendable {
    public var nSplits: Int
    public var shuffle: Bool
    public var randomState: UInt32?

    public init(nSplits: Int = 5, shuffle: Bool = false, randomState: UInt32? = nil) {
        self.nSplits = nSplits
        self.shuffle = shuffle
        self.randomState = randomState
    }

    public func split(_ x: Tensor, _ y: Tensor? = nil) throws -> [Fold] {
        let n = x.shape.first ?? 0
        try FoldChecks.check(nSplits: nSplits, samples: n, shuffle: shuffle, randomState: randomState)
        var order = Array(0..<n)
        if shuffle {
            var generator = LegacyMersenneTwister(seed: randomState ?? UInt32(truncatingIfNeeded: Random.nextSeed()))
            generator.shuffle(&order)
        }
        var testFold = [Int](repeating: 0, count: n)
        var start = 0
        for k in 0..<nSplits {
            let size = n / nSplits + (k < n % nSplits ? 1 : 0)
            for position in start..<(start + size) { testFold[order[position]] = k }
            start += size
        }
        return FoldChecks.folds(testFold: testFold, count: nSplits)
    }
}
