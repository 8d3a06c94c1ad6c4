import Cortex
import Foundation

/// `x` divided by its `order`-norm along `axis`, as Keras' `utils.normalize`: order 2 (the
/// default) is the Euclidean norm, 1 the sum of magnitudes, `.infinity` the largest magnitude,
/// any other p `(Σ|x|^p)^(1/p)`. Vectors of norm 0 are left as they are.
public func normalize(_ x: Tensor, axis: Int = -1, order: Float = 2) throws -> Tensor {
    guard x.rank >= 1, axis >= -x.rank, axis < x.rank else {
        throw DataError.invalidArgument(name: "axis", reason: "must be in \(-x.rank)..<\(x.rank) for shape \(x.shape), got \(axis)")
    }
    guard order > 0 else { throw DataError.invalidArgument(name: "order", reason: "must be positive, got \(order)") }
    let resolved = axis < 0 ? axis + x.rank : axis
    let extent = x.shape[resolved]
    let inner = x.shape[(resolved + 1)...].reduce(1, *)
    let outer = x.shape[..<resolved].reduce(1, *)
    var result = x.detached()
    result.withUnsafeMutableBufferPointer { values in
        for block in 0..<outer {
            for column in 0..<inner {
                let base = block * extent * inner + column
                var norm: Double = 0
                for i in 0..<extent {
                    let magnitude = Double(Swift.abs(values[base + i * inner]))
                    switch order {
                    case .infinity: norm = Swift.max(norm, magnitude)
                    case 1: norm += magnitude
                    case 2: norm += magnitude * magnitude
                    default: norm += pow(magnitude, Double(order))
                    }
                }
                if order == 2 { norm = norm.squareRoot() } else if order != 1 && order != .infinity { norm = pow(norm, 1 / Double(order)) }
                guard norm != 0 else { continue }
                for i in 0..<extent { values[base + i * inner] = Float(Double(values[base + i * inner]) / norm) }
            }
        }
    }
    return result
}
