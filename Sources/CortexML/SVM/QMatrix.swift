import Foundation

/// The matrix Q of the SMO dual problem, served column by column: `Q_ij = y_i y_j K(x_i, x_j)`.
///
/// The solver permutes samples as it shrinks the active set, so implementations answer in the
/// solver's current order and follow its swaps.
protocol QMatrix: AnyObject {
    /// Entries `0..<length` of column `i` (valid until the column after next is requested).
    func column(_ i: Int, length: Int) -> UnsafePointer<Float>
    /// Q_ii for every position.
    var diagonal: UnsafeMutablePointer<Double> { get }
    func swapIndex(_ i: Int, _ j: Int)
}

/// Q for classification: the samples are permuted physically, so a column is one BLAS
/// matrix–vector product over consecutive rows.
final class ClassificationQMatrix: QMatrix {
    private let dimension: Int
    private var rows: [Double]
    private var norms: [Double]
    private var labels: [Int8]
    private let kernel: KernelFunction
    private let cache: KernelCache
    private var scratch: [Double]
    let diagonal: UnsafeMutablePointer<Double>

    init(x: DoubleMatrix, labels: [Int8], kernel: KernelFunction, cacheBytes: Int) {
        dimension = x.columns
        rows = x.values
        norms = x.rowSquaredNorms()
        self.labels = labels
        self.kernel = kernel
        cache = KernelCache(count: x.rows, bytes: cacheBytes)
        scratch = [Double](repeating: 0, count: x.rows)
        diagonal = .allocate(capacity: x.rows)
        for i in 0..<x.rows {
            diagonal[i] = kernel.value(dot: norms[i], normA: norms[i], normB: norms[i])
        }
    }

    deinit { diagonal.deallocate() }

    func column(_ i: Int, length: Int) -> UnsafePointer<Float> {
        let (column, start) = cache.fetch(i, length: length)
        if start < length {
            let count = length - start, d = dimension
            rows.withUnsafeBufferPointer { x in
                norms.withUnsafeBufferPointer { n in
                    scratch.withUnsafeMutableBufferPointer { out in
                        labels.withUnsafeBufferPointer { y in
                            kernel.values(of: x.baseAddress! + i * d, norm: n[i], against: x.baseAddress! + start * d,
                                          norms: n.baseAddress! + start, count: count, dimension: d, into: out.baseAddress!)
                            let yi = Double(y[i])
                            for j in 0..<count {
                                column[start + j] = Float(yi * Double(y[start + j]) * out[j])
                            }
                        }
                    }
                }
            }
        }
        return UnsafePointer(column)
    }

    func swapIndex(_ i: Int, _ j: Int) {
        guard i != j else { return }
        cache.swapIndex(i, j)
        rows.withUnsafeMutableBufferPointer { x in
            for k in 0..<dimension { x.swapAt(i * dimension + k, j * dimension + k) }
        }
        norms.swapAt(i, j)
        labels.swapAt(i, j)
        (diagonal[i], diagonal[j]) = (diagonal[j], diagonal[i])
    }
}

/// Q for ε-regression: 2l variables (α⁺ then α⁻) over l samples. Kernel rows of the l samples
/// are cached in sample order; a column is assembled from one of them with the signs.
final class RegressionQMatrix: QMatrix {
    private let sampleCount: Int
    private let x: DoubleMatrix
    private let norms: [Double]
    private let kernel: KernelFunction
    private let cache: KernelCache
    private var signs: [Int8]
    private var index: [Int]
    private var scratch: [Double]
    private var buffers: [UnsafeMutablePointer<Float>]
    private var nextBuffer = 0
    let diagonal: UnsafeMutablePointer<Double>

    init(x: DoubleMatrix, kernel: KernelFunction, cacheBytes: Int) {
        let l = x.rows
        sampleCount = l
        self.x = x
        norms = x.rowSquaredNorms()
        self.kernel = kernel
        cache = KernelCache(count: l, bytes: cacheBytes)
        signs = [Int8](repeating: 1, count: l) + [Int8](repeating: -1, count: l)
        index = Array(0..<l) + Array(0..<l)
        scratch = [Double](repeating: 0, count: l)
        buffers = [.allocate(capacity: 2 * l), .allocate(capacity: 2 * l)]
        diagonal = .allocate(capacity: 2 * l)
        for k in 0..<l {
            diagonal[k] = kernel.value(dot: norms[k], normA: norms[k], normB: norms[k])
            diagonal[k + l] = diagonal[k]
        }
    }

    deinit {
        buffers.forEach { $0.deallocate() }
        diagonal.deallocate()
    }

    func column(_ i: Int, length: Int) -> UnsafePointer<Float> {
        let l = sampleCount, real = index[i]
        let (row, start) = cache.fetch(real, length: l)
        if start < l {
            x.values.withUnsafeBufferPointer { v in
                norms.withUnsafeBufferPointer { n in
                    scratch.withUnsafeMutableBufferPointer { out in
                        let d = x.columns
                        kernel.values(of: v.baseAddress! + real * d, norm: n[real], against: v.baseAddress! + start * d,
                                      norms: n.baseAddress! + start, count: l - start, dimension: d, into: out.baseAddress!)
                        for j in start..<l { row[j] = Float(out[j - start]) }
                    }
                }
            }
        }
        let buffer = buffers[nextBuffer]
        nextBuffer = 1 - nextBuffer
        let si = Float(signs[i])
        for j in 0..<length { buffer[j] = si * Float(signs[j]) * row[index[j]] }
        return UnsafePointer(buffer)
    }

    func swapIndex(_ i: Int, _ j: Int) {
        signs.swapAt(i, j)
        index.swapAt(i, j)
        (diagonal[i], diagonal[j]) = (diagonal[j], diagonal[i])
    }
}
