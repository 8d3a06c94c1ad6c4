import Cortex
import Foundation

/// How a weight starts, with Keras' names, formulas and defaults.
///
/// Fan-in and fan-out follow Keras: for a kernel `[..., in, out]` the receptive field (product of
/// the leading axes) multiplies both.
public enum Initializer: Codable, Equatable, Sendable {
    case zeros
    case ones
    case constant(Float)
    case randomNormal(mean: Float = 0, standardDeviation: Float = 0.05)
    case randomUniform(lower: Float = -0.05, upper: Float = 0.05)
    case truncatedNormal(mean: Float = 0, standardDeviation: Float = 0.05)
    case glorotUniform
    case glorotNormal
    case heNormal
    case heUniform
    case lecunNormal
    case lecunUniform
    case orthogonal(gain: Float = 1)

    /// A new tensor of `shape` drawn from the global generator.
    public func make(_ shape: [Int]) -> Tensor {
        let (fanIn, fanOut) = Initializer.fans(shape)
        switch self {
        case .zeros: return Tensor.zeros(shape)
        case .ones: return Tensor.ones(shape)
        case .constant(let value): return Tensor.full(shape, value: value)
        case .randomNormal(let mean, let deviation): return Tensor.randomNormal(shape, mean: mean, standardDeviation: deviation)
        case .randomUniform(let lower, let upper): return Tensor.randomUniform(shape, lower: lower, upper: upper)
        case .truncatedNormal(let mean, let deviation): return Tensor.truncatedNormal(shape, mean: mean, standardDeviation: deviation)
        case .glorotUniform: return Initializer.varianceScaling(shape, scale: 1, fan: Float(fanIn + fanOut) / 2, uniform: true)
        case .glorotNormal: return Initializer.varianceScaling(shape, scale: 1, fan: Float(fanIn + fanOut) / 2, uniform: false)
        case .heNormal: return Initializer.varianceScaling(shape, scale: 2, fan: Float(fanIn), uniform: false)
        case .heUniform: return Initializer.varianceScaling(shape, scale: 2, fan: Float(fanIn), uniform: true)
        case .lecunNormal: return Initializer.varianceScaling(shape, scale: 1, fan: Float(fanIn), uniform: false)
        case .lecunUniform: return Initializer.varianceScaling(shape, scale: 1, fan: Float(fanIn), uniform: true)
        case .orthogonal(let gain): return Initializer.orthogonal(shape, gain: gain)
        }
    }

    /// Keras' `compute_fans`.
    static func fans(_ shape: [Int]) -> (Int, Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptive = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * receptive, shape[shape.count - 1] * receptive)
        }
    }

    /// Keras' VarianceScaling: uniform on ±sqrt(3·scale/fan), or a normal truncated at 2σ whose
    /// σ is corrected (÷ 0.87962566) so the variance is scale/fan.
    static func varianceScaling(_ shape: [Int], scale: Float, fan: Float, uniform: Bool) -> Tensor {
        let variance = scale / Swift.max(1, fan)
        if uniform {
            let limit = (3 * variance).squareRoot()
            return Tensor.randomUniform(shape, lower: -limit, upper: limit)
        }
        return Tensor.truncatedNormal(shape, standardDeviation: variance.squareRoot() / 0.87962566103423978)
    }

    /// A (semi-)orthogonal matrix from the QR decomposition of a normal matrix, by modified
    /// Gram–Schmidt in double precision, reshaped to `shape`.
    static func orthogonal(_ shape: [Int], gain: Float) -> Tensor {
        let columns = shape.last ?? 1
        let rows = shape.dropLast().reduce(1, *)
        let (tall, wide) = (Swift.max(rows, columns), Swift.min(rows, columns))
        let normal = Tensor.randomNormal([tall, wide]).scalars.map(Double.init)
        var q = [[Double]](repeating: [Double](repeating: 0, count: tall), count: wide)
        for j in 0..<wide {
            var v = (0..<tall).map { normal[$0 * wide + j] }
            for k in 0..<j {
                let projection = zip(q[k], v).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<tall { v[i] -= projection * q[k][i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            q[j] = v.map { $0 / Swift.max(norm, 1e-12) }
        }
        var scalars = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                scalars[r * columns + c] = Float(rows >= columns ? q[c][r] : q[r][c]) * gain
            }
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
