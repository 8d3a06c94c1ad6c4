import Cortex
import Foundation

/// The kernel of a support-vector machine, as scikit-learn's `kernel` argument.
public enum SVMKernel: String, Codable, Sendable, CaseIterable {
    /// ⟨a, b⟩
    case linear
    /// (γ⟨a, b⟩ + coef0)^degree
    case poly
    /// exp(-γ‖a − b‖²)
    case rbf
    /// tanh(γ⟨a, b⟩ + coef0)
    case sigmoid
}

/// The kernel coefficient γ, as scikit-learn's `gamma` argument.
public enum SVMGamma: Codable, Sendable, Equatable {
    /// 1 / (features · variance of all training values): scikit-learn's default, scale-aware.
    case scale
    /// 1 / features.
    case auto
    /// A fixed value.
    case value(Double)

    /// γ for training data `x`.
    func resolved(for x: DoubleMatrix) -> Double {
        switch self {
        case .value(let gamma): return gamma
        case .auto: return 1 / Double(x.columns)
        case .scale:
            let count = Double(x.values.count)
            let mean = x.values.reduce(0, +) / count
            let variance = x.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            return variance == 0 ? 1 : 1 / (Double(x.columns) * variance)
        }
    }
}

/// A kernel with its coefficients resolved: what a fitted model evaluates.
struct KernelFunction: Codable, Equatable {
    var kind: SVMKernel
    var gamma: Double
    var degree: Int
    var coef0: Double

    /// Whether `value` needs the squared norms of its two samples.
    var needsNorms: Bool { kind == .rbf }

    /// The kernel value from the dot product of two samples and their squared norms.
    @inline(__always)
    func value(dot: Double, normA: Double, normB: Double) -> Double {
        switch kind {
        case .linear: return dot
        case .poly: return Self.power(gamma * dot + coef0, degree)
        case .rbf: return exp(-gamma * max(normA + normB - 2 * dot, 0))
        case .sigmoid: return tanh(gamma * dot + coef0)
        }
    }

    /// Kernel values between sample `v` and `count` consecutive rows of `rows` (their norms in
    /// `norms` for rbf), written to `out`. Long columns are split over all cores.
    func values(of v: UnsafePointer<Double>, norm: Double, against rows: UnsafePointer<Double>,
                norms: UnsafePointer<Double>?, count: Int, dimension: Int, into out: UnsafeMutablePointer<Double>) {
        func fill(_ range: Range<Int>) {
            for j in range {
                out[j] = value(dot: Self.dot(v, rows + j * dimension, dimension), normA: norm, normB: norms?[j] ?? 0)
            }
        }
        let chunks = count * dimension >= 1 << 17 ? min(Parallelism.threadCount, count) : 1
        guard chunks > 1 else { return fill(0..<count) }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            fill((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }

    /// ⟨a, b⟩ with four accumulators, so the loop pipelines without BLAS's call overhead on
    /// short vectors.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < n {
            s0 += a[i] * b[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// The `[a.rows, b.rows]` kernel matrix between the rows of `a` and the rows of `b`: one BLAS
    /// product when large, row by row otherwise (small products pay more for BLAS threads than
    /// they gain, and the one-vs-one pairs already run in parallel).
    func matrix(_ a: DoubleMatrix, _ b: DoubleMatrix) -> DoubleMatrix {
        let normsA = needsNorms ? a.rowSquaredNorms() : [Double](repeating: 0, count: a.rows)
        let normsB = needsNorms ? b.rowSquaredNorms() : [Double](repeating: 0, count: b.rows)
        guard a.rows * b.rows * a.columns >= 1 << 22 else {
            var result = DoubleMatrix(rows: a.rows, columns: b.rows)
            a.values.withUnsafeBufferPointer { av in
                b.values.withUnsafeBufferPointer { bv in
                    normsB.withUnsafeBufferPointer { nb in
                        result.values.withUnsafeMutableBufferPointer { out in
                            for i in 0..<a.rows {
                                values(of: av.baseAddress! + i * a.columns, norm: normsA[i], against: bv.baseAddress!,
                                       norms: nb.baseAddress!, count: b.rows, dimension: a.columns, into: out.baseAddress! + i * b.rows)
                            }
                        }
                    }
                }
            }
            return result
        }
        var result = DoubleMatrix.rowDots(a, b)
        guard kind != .linear else { return result }
        result.values.withUnsafeMutableBufferPointer { k in
            for i in 0..<a.rows {
                for j in 0..<b.rows {
                    k[i * b.rows + j] = value(dot: k[i * b.rows + j], normA: normsA[i], normB: normsB[j])
                }
            }
        }
        return result
    }

    /// x^n by repeated squaring, as libsvm's `powi`.
    @inline(__always)
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0, factor = base, n = exponent
        while n > 0 {
            if n & 1 == 1 { result *= factor }
            factor *= factor
            n >>= 1
        }
        return result
    }
}
