import Foundation

/// Elementwise math. Each op's backward is one fused pass over the gradient and the values it
/// needs (input `x` or output `y`).
extension Tensor {
    /// A unary op whose derivative is written in terms of the output `y`.
    @inline(__always)
    private func unary(_ name: String, _ forward: (Float) -> Float,
                       derivativeFromOutput: @escaping (Float) -> Float) -> Tensor {
        let result = mapScalars(forward)
        guard node != nil else { return result }
        let y = result.detached()
        return Tensor.record(name, result, input: self) { g in
            Tensor.zipScalars(g, y) { g, y in g * derivativeFromOutput(y) }
        }
    }

    /// A unary op computed by a vectorised buffer kernel (`VectorMath`), with its derivative in
    /// terms of the output `y`.
    @inline(__always)
    private func unary(_ name: String, kernel: @escaping (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
                       derivativeFromOutput: @escaping (Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let (source, destination) = (storage.pointer, result.storage.pointer)
        Parallelism.forEachChunk(count, costPerItem: 8) { range in
            kernel(source + range.lowerBound, destination + range.lowerBound, range.count)
        }
        guard node != nil else { return result }
        let y = result.detached()
        return Tensor.record(name, result, input: self) { g in
            Tensor.zipScalars(g, y) { g, y in g * derivativeFromOutput(y) }
        }
    }

    /// A unary op whose derivative is written in terms of the input `x`.
    @inline(__always)
    private func unary(_ name: String, _ forward: (Float) -> Float,
                       derivativeFromInput: @escaping (Float) -> Float) -> Tensor {
        let result = mapScalars(forward)
        guard node != nil else { return result }
        let x = detached()
        return Tensor.record(name, result, input: self) { g in
            Tensor.zipScalars(g, x) { g, x in g * derivativeFromInput(x) }
        }
    }

    public func abs() -> Tensor {
        unary("abs", { Swift.abs($0) }, derivativeFromInput: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
    }
    public func exp() -> Tensor { unary("exp", kernel: { VectorMath.exp($0, $1, count: $2) }, derivativeFromOutput: { $0 }) }
    public func log() -> Tensor { unary("log", { Foundation.log($0) }, derivativeFromInput: { 1 / $0 }) }
    public func log1p() -> Tensor { unary("log1p", { Foundation.log1p($0) }, derivativeFromInput: { 1 / (1 + $0) }) }
    public func sqrt() -> Tensor { unary("sqrt", { $0.squareRoot() }, derivativeFromOutput: { 0.5 / $0 }) }
    public func rsqrt() -> Tensor { unary("rsqrt", { 1 / $0.squareRoot() }, derivativeFromOutput: { -0.5 * $0 * $0 * $0 }) }
    public func square() -> Tensor { unary("square", { $0 * $0 }, derivativeFromInput: { 2 * $0 }) }
    public func sin() -> Tensor { unary("sin", { Foundation.sin($0) }, derivativeFromInput: { Foundation.cos($0) }) }
    public func cos() -> Tensor { unary("cos", { Foundation.cos($0) }, derivativeFromInput: { -Foundation.sin($0) }) }
    public func tanh() -> Tensor {
        unary("tanh", kernel: { VectorMath.tanh($0, $1, count: $2) }, derivativeFromOutput: { 1 - $0 * $0 })
    }
    public func sigmoid() -> Tensor {
        unary("sigmoid", kernel: { VectorMath.sigmoid($0, $1, count: $2) }, derivativeFromOutput: { $0 * (1 - $0) })
    }
    /// `max(x, 0)`. Its backward is written out rather than built from a derivative closure: relu
    /// follows most layers, and a stored closure would be called per element on worker threads.
    public func relu() -> Tensor {
        let result = mapScalars { Swift.max($0, 0) }
        guard node != nil else { return result }
        let x = detached()
        return Tensor.record("relu", result, input: self) { g in Tensor.zipScalars(g, x) { g, x in x > 0 ? g : 0 } }
    }

    /// `x` for positive inputs, `alpha * x` otherwise.
    public func leakyRelu(alpha: Float = 0.2) -> Tensor {
        unary("leakyRelu", { $0 > 0 ? $0 : alpha * $0 }, derivativeFromInput: { $0 > 0 ? 1 : alpha })
    }

    /// `x` for positive inputs, `alpha * (exp(x) - 1)` otherwise.
    public func elu(alpha: Float = 1) -> Tensor {
        unary("elu", { $0 > 0 ? $0 : alpha * Foundation.expm1($0) },
              derivativeFromInput: { $0 > 0 ? 1 : alpha * Foundation.exp($0) })
    }

    /// Scaled ELU with the self-normalising constants of Klambauer et al. (2017).
    public func selu() -> Tensor {
        let alpha: Float = 1.6732632423543772848170429916717
        let scale: Float = 1.0507009873554804934193349852946
        return unary("selu", { scale * ($0 > 0 ? $0 : alpha * Foundation.expm1($0)) },
                     derivativeFromInput: { scale * ($0 > 0 ? 1 : alpha * Foundation.exp($0)) })
    }

    /// Gaussian error linear unit: `x * Φ(x)` exactly (Keras' default), or its tanh approximation.
    public func gelu(approximate: Bool = false) -> Tensor {
        if approximate {
            let c: Float = 0.7978845608028654  // sqrt(2 / pi)
            return unary("gelu", { x in 0.5 * x * (1 + Foundation.tanh(c * (x + 0.044715 * x * x * x))) },
                         derivativeFromInput: { x in
                             let inner = c * (x + 0.044715 * x * x * x)
                             let t = Foundation.tanh(inner)
                             return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x)
                         })
        }
        return unary("gelu", { x in 0.5 * x * (1 + Foundation.erf(x * 0.7071067811865476)) },
                     derivativeFromInput: { x in
                         0.5 * (1 + Foundation.erf(x * 0.7071067811865476)) + x * 0.3989422804014327 * Foundation.exp(-0.5 * x * x)
                     })
    }

    /// `log(1 + exp(x))`, computed without overflow.
    public func softplus() -> Tensor {
        unary("softplus", { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) },
              derivativeFromInput: Tensor.sigmoidScalar)
    }

    /// `x / (1 + |x|)`.
    public func softsign() -> Tensor {
        unary("softsign", { $0 / (1 + Swift.abs($0)) }, derivativeFromInput: { 1 / ((1 + Swift.abs($0)) * (1 + Swift.abs($0))) })
    }

    /// `x * sigmoid(x)` (also called SiLU).
    public func swish() -> Tensor {
        unary("swish", { $0 * Tensor.sigmoidScalar($0) }, derivativeFromInput: { x in
            let s = Tensor.sigmoidScalar(x)
            return s + x * s * (1 - s)
        })
    }

    /// Values limited to `[lower, upper]`; the gradient passes only where the value was inside.
    public func clipped(min lower: Float, max upper: Float) -> Tensor {
        precondition(lower <= upper, "clip: min \(lower) must not exceed max \(upper)")
        return unary("clip", { Swift.min(Swift.max($0, lower), upper) },
                     derivativeFromInput: { $0 >= lower && $0 <= upper ? 1 : 0 })
    }

    /// The logistic function, computed without overflow for large |x|.
    @inline(__always)
    static func sigmoidScalar(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}

// Free-function spellings, as in NumPy and Keras' ops.
public func abs(_ x: Tensor) -> Tensor { x.abs() }
public func exp(_ x: Tensor) -> Tensor { x.exp() }
public func log(_ x: Tensor) -> Tensor { x.log() }
public func log1p(_ x: Tensor) -> Tensor { x.log1p() }
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
public func rsqrt(_ x: Tensor) -> Tensor { x.rsqrt() }
public func sin(_ x: Tensor) -> Tensor { x.sin() }
public func cos(_ x: Tensor) -> Tensor { x.cos() }
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
public func relu(_ x: Tensor) -> Tensor { x.relu() }
