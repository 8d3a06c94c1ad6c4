import Cortex
import Foundation

/// k-nearest-neighbours classification, as scikit-learn's `KNeighborsClassifier` with the
/// Euclidean metric.
///
/// Brute force: squared distances come from one BLAS product per block of queries
/// (‖a‖² + ‖b‖² − 2 a·b); the neighbour search over a block runs on all cores. Equal distances keep the training order.
public final class KNeighborsClassifier: Classifier, PersistentModel {
    public enum Weights: String, Codable, Sendable {
        /// Every neighbour votes 1.
        case uniform
        /// Neighbours vote 1 / distance; an exact match takes the whole vote.
        case distance
    }

    public var nNeighbors: Int
    public var weights: Weights

    public private(set) var classes: [Float] = []
    private var samples: DoubleMatrix?
    private var norms: [Double] = []
    private var classIndex: [Int] = []

    public init(nNeighbors: Int = 5, weights: Weights = .uniform) {
        self.nNeighbors = nNeighbors
        self.weights = weights
    }

    /// Stores the training samples (nothing else to learn).
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try MLError.requireAtLeastOne(nNeighbors, name: "nNeighbors")
        let data = try ClassificationData(x, y)
        guard nNeighbors <= data.x.rows else {
            throw MLError.invalidParameter(name: "nNeighbors", reason: "\(nNeighbors) neighbours asked for but only \(data.x.rows) training samples")
        }
        samples = data.x
        norms = data.x.rowSquaredNorms()
        classIndex = data.classIndex
        classes = data.classes
        return self
    }

    /// The distances to and training indices of the `nNeighbors` nearest samples of each row,
    /// nearest first: two `[samples, nNeighbors]` arrays.
    public func kneighbors(_ x: Tensor) throws -> (distances: Tensor, indices: [[Int]]) {
        let (distances, indices) = try neighbors(x)
        return (Tensor(shape: [indices.count, nNeighbors], scalars: distances.flatMap { $0.map(Float.init) }), indices)
    }

    private func neighbors(_ x: Tensor) throws -> ([[Double]], [[Int]]) {
        let queries = try predictionMatrix(x, features: samples?.columns, model: "KNeighborsClassifier")
        let train = samples!, k = nNeighbors, block = 256, d = train.columns
        var distances = [[Double]](repeating: [], count: queries.rows)
        var indices = [[Int]](repeating: [], count: queries.rows)
        let queryNorms = queries.rowSquaredNorms()
        var dots = [Double](repeating: 0, count: min(block, queries.rows) * train.rows)
        queries.values.withUnsafeBufferPointer { queryValues in
            train.values.withUnsafeBufferPointer { trainValues in
                norms.withUnsafeBufferPointer { trainNorms in
                    dots.withUnsafeMutableBufferPointer { dotValues in
                        distances.withUnsafeMutableBufferPointer { distanceRows in
                            indices.withUnsafeMutableBufferPointer { indexRows in
                                let (dotValues, distanceRows, indexRows) = (dotValues, distanceRows, indexRows)
                                for blockStart in stride(from: 0, to: queries.rows, by: block) {
                                    let count = min(block, queries.rows - blockStart)
                                    BLAS.dgemm(transposeA: false, transposeB: true, m: count, n: train.rows, k: d,
                                               a: queryValues.baseAddress! + blockStart * d, lda: d,
                                               b: trainValues.baseAddress!, ldb: d, c: dotValues.baseAddress!, ldc: train.rows)
                                    let chunks = min(count, Parallelism.threadCount)
                                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                        for position in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                                            let row = blockStart + position
                                            let nearest = Self.nearest(k, dots: dotValues.baseAddress! + position * train.rows,
                                                                       norms: trainNorms.baseAddress!, queryNorm: queryNorms[row], count: train.rows)
                                            distanceRows[row] = nearest.map { $0.distance.squareRoot() }
                                            indexRows[row] = nearest.map(\.index)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (distances, indices)
    }

    /// The `k` smallest squared distances ‖q‖² + ‖t‖² − 2 q·t, ascending, earlier samples first
    /// on ties, by insertion into a sorted list of `k`.
    private static func nearest(_ k: Int, dots: UnsafePointer<Double>, norms: UnsafePointer<Double>, queryNorm: Double,
                                count: Int) -> [(distance: Double, index: Int)] {
        var best: [(distance: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        var worst = Double.infinity
        for j in 0..<count {
            let squared = max(queryNorm + norms[j] - 2 * dots[j], 0)
            if squared >= worst { continue }
            var slot = best.count
            while slot > 0 && best[slot - 1].distance > squared { slot -= 1 }
            best.insert((squared, j), at: slot)
            if best.count > k { best.removeLast() }
            if best.count == k { worst = best[k - 1].distance }
        }
        return best
    }

    /// The neighbours' (weighted) vote shares per class.
    private func votes(_ x: Tensor) throws -> DoubleMatrix {
        let (distances, indices) = try neighbors(x)
        var votes = DoubleMatrix(rows: indices.count, columns: classes.count)
        for r in 0..<indices.count {
            let exact = distances[r].contains(0)
            for (distance, index) in zip(distances[r], indices[r]) {
                let weight: Double
                switch weights {
                case .uniform: weight = 1
                case .distance: weight = exact ? (distance == 0 ? 1 : 0) : 1 / distance
                }
                votes[r, classIndex[index]] += weight
            }
            let total = (0..<classes.count).reduce(0) { $0 + votes[r, $1] }
            for c in 0..<classes.count { votes[r, c] /= total }
        }
        return votes
    }

    /// The class with the largest vote (the lower class on ties).
    public func predict(_ x: Tensor) throws -> Tensor {
        argmaxLabels(try votes(x), classes: classes)
    }

    public func predictProba(_ x: Tensor) throws -> Tensor {
        try votes(x).tensor
    }
}
