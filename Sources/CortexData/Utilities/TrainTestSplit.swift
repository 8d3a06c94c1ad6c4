import Cortex

/// How many samples go to one side of a split: a fraction of all samples or an absolute count.
/// Written as a literal: `testSize: 0.2` or `testSize: 30`.
public enum SplitSize: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case fraction(Double)
    case count(Int)

    public init(floatLiteral value: Double) { self = .fraction(value) }
    public init(integerLiteral value: Int) { self = .count(value) }

    /// The number of samples out of `total`, rounded up for a fraction as scikit-learn does.
    func samples(of total: Int, argument: String) throws -> Int {
        switch self {
        case .fraction(let fraction):
            guard fraction > 0 && fraction < 1 else {
                throw DataError.invalidArgument(name: argument, reason: "a fraction must be in (0, 1), got \(fraction)")
            }
            return Int((fraction * Double(total)).rounded(.up))
        case .count(let count):
            guard count > 0 && count < total else {
                throw DataError.invalidArgument(name: argument, reason: "a count must be in 1..<\(total), got \(count)")
            }
            return count
        }
    }
}

/// The two sides of a split, in the order scikit-learn's `train_test_split` returns them.
public struct TrainTestSplit: Sendable {
    public let xTrain: Tensor
    public let xTest: Tensor
    public let yTrain: Tensor
    public let yTest: Tensor
}

/// Splits samples (rows of `x` and entries of `y`) into a training and a test set.
///
/// With a `randomState`, the split is the one scikit-learn 1.x makes for the same
/// `random_state` (same generator, same algorithm, stratified or not), so results compare
/// sample for sample; without one, the global `Random` generator picks the seed.
public func trainTestSplit(_ x: Tensor, _ y: Tensor, testSize: SplitSize = 0.25, randomState: UInt32? = nil,
                           shuffle: Bool = true, stratify: Tensor? = nil) throws -> TrainTestSplit {
    let n = x.shape.first ?? 0
    guard y.shape.first == n else {
        throw DataError.invalidArgument(name: "y", reason: "expected \(n) samples like x, got shape \(y.shape)")
    }
    let testCount = try testSize.samples(of: n, argument: "testSize")
    let trainCount = n - testCount
    guard trainCount > 0 else {
        throw DataError.invalidArgument(name: "testSize", reason: "leaves no training samples out of \(n)")
    }
    let (train, test): ([Int], [Int])
    if !shuffle {
        guard stratify == nil else {
            throw DataError.invalidArgument(name: "stratify", reason: "stratified splitting needs shuffle: true")
        }
        (train, test) = (Array(0..<trainCount), Array(trainCount..<n))
    } else {
        var generator = LegacyMersenneTwister(seed: randomState ?? UInt32(truncatingIfNeeded: Random.nextSeed()))
        if let stratify {
            guard stratify.count == n else {
                throw DataError.invalidArgument(name: "stratify", reason: "expected \(n) labels, got \(stratify.count)")
            }
            (train, test) = try StratifiedSampling.split(labels: stratify.scalars, trainCount: trainCount,
                                                         testCount: testCount, generator: &generator)
        } else {
            let permutation = generator.permutation(n)
            (train, test) = (Array(permutation[testCount...]), Array(permutation[..<testCount]))
        }
    }
    func rows(_ tensor: Tensor, _ indices: [Int]) -> Tensor {
        tensor.gathering(indices: Tensor(indices.map(Float.init)), axis: 0)
    }
    return TrainTestSplit(xTrain: rows(x, train), xTest: rows(x, test), yTrain: rows(y, train), yTest: rows(y, test))
}
