import Cortex
import Foundation

/// k-nearest-neighbours classification, as scikit-learn's `KNeighborsClassifier` with the
/// Euclidean metric.
///
/// Brute force: squared distances come from one BLAS product per block of queries
/// (‖a‖² + ‖b‖² − 2 a·b), blocks run on all cores. Equal distances keep the training order.
public final class KNeighborsClassifier: Classifier, JSONPersistable {
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
        guard nNeighbors >= 1 else { throw MLError.invalidParameter(name: "nNeighbors", reason: "must be at least 1, got \(nNeighbors)") }
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
        let train = samples!, k = nNeighbors, block = 256
        var distances = [[Double]](repeating: [], count: queries.rows)
        var indices = [[Int]](repeating: [], count: queries.rows)
        let queryNorms = queries.rowSquaredNorms()
        let blocks = (queries.rows + block - 1) / block
        distances.withUnsafeMutableBufferPointer { distanceRows in
            indices.withUnsafeMutableBufferPointer { indexRows in
                let (distanceRows, indexRows) = (distanceRows, indexRows)
                DispatchQueue.concurrentPerform(iterations: blocks) { b in
                    let rows = Array((b * block)..<min((b + 1) * block, queries.rows))
                    let dots = DoubleBLAS.rowDots(queries.rows(rows), train)
                    for (position, row) in rows.enumerated() {
                        var best: [(distance: Double, index: Int)] = []
                        best.reserveCapacity(k + 1)
                        for j in 0..<train.rows {
                            let squared = max(queryNorms[row] + norms[j] - 2 * dots[position, j], 0)
                            if best.count == k && squared >= best[k - 1].distance { continue }
                            var slot = best.count
                            while slot > 0 && best[slot - 1].distance > squared { slot -= 1 }
                            best.insert((squared, j), at: slot)
                            if best.count > k { best.removeLast() }
                        }
                        distanceRows[row] = best.map { $0.distance.squareRoot() }
                        indexRows[row] = best.map(\.index)
                    }
                }
            }
        }
        return (distances, indices)
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
