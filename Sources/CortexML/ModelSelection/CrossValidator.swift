import Cortex

/// One train/test split of sample indices.
public struct Fold: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]

    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }
}

/// A way of cutting `n` samples into folds (scikit-learn's CV splitters).
public protocol CrossValidator {
    /// The folds for samples `x` with targets `y` (stratified splitters need `y`).
    func split(_ x: Tensor, _ y: Tensor?) throws -> [Fold]
}

extension Tensor {
    /// The given rows (entries along axis 0), in the given order.
    func selectingRows(_ indices: [Int]) -> Tensor {
        let rowSize = shape.dropFirst().reduce(1, *)
        return withUnsafeBufferPointer { source in
            var scalars = [Float](repeating: 0, count: indices.count * rowSize)
            for (position, index) in indices.enumerated() {
                for k in 0..<rowSize { scalars[position * rowSize + k] = source[index * rowSize + k] }
            }
            return Tensor(shape: [indices.count] + shape.dropFirst(), scalars: scalars)
        }
    }
}

/// Shared checks of the K-fold splitters.
enum FoldChecks {
    static func check(nSplits: Int, samples: Int, shuffle: Bool, randomState: UInt32?) throws {
        guard nSplits >= 2 else { throw MLError.invalidParameter(name: "nSplits", reason: "must be at least 2, got \(nSplits)") }
        guard nSplits <= samples else {
            throw MLError.invalidParameter(name: "nSplits", reason: "cannot be greater than the number of samples: \(nSplits) > \(samples)")
        }
        if !shuffle && randomState != nil {
            throw MLError.invalidParameter(name: "randomState", reason: "has no effect without shuffle: true")
        }
    }

    /// Folds whose test sets are the samples with each fold number; train sets keep index order.
    static func folds(testFold: [Int], count: Int) -> [Fold] {
        (0..<count).map { k in
            Fold(train: testFold.indices.filter { testFold[$0] != k }, test: testFold.indices.filter { testFold[$0] == k })
        }
    }
}
