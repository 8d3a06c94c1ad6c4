import Foundation

/// Elementwise arithmetic with NumPy broadcasting.
extension Tensor {
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastScalars(lhs, rhs, op: "add", +)
        return record("add", result, inputs: [lhs, rhs]) { g, _ in [g, g] }
    }

    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastScalars(lhs, rhs, op: "subtract", -)
        return record("subtract", result, inputs: [lhs, rhs]) { g, needs in [g, needs[1] ? -g : nil] }
    }

    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastScalars(lhs, rhs, op: "multiply", *)
        let a = lhs.detached(), b = rhs.detached()
        return record("multiply", result, inputs: [lhs, rhs]) { g, needs in
            [needs[0] ? g * b : nil, needs[1] ? g * a : nil]
        }
    }

    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastScalars(lhs, rhs, op: "divide", /)
        let a = lhs.detached(), b = rhs.detached()
        return record("divide", result, inputs: [lhs, rhs]) { g, needs in
            [needs[0] ? g / b : nil, needs[1] ? -(g * a) / (b * b) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        record("negate", x.mapScalars { -$0 }, input: x) { -$0 }
    }

    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs + Tensor(rhs) }
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) + rhs }
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs - Tensor(rhs) }
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) - rhs }
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs * Tensor(rhs) }
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) * rhs }
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs / Tensor(rhs) }
    public static func / (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) / rhs }

    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }
    public static func += (lhs: inout Tensor, rhs: Float) { lhs = lhs + rhs }
    public static func -= (lhs: inout Tensor, rhs: Float) { lhs = lhs - rhs }
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs = lhs * rhs }
    public static func /= (lhs: inout Tensor, rhs: Float) { lhs = lhs / rhs }
}

/// `base` raised to `exponent`, elementwise with broadcasting.
public func pow(_ base: Tensor, _ exponent: Tensor) -> Tensor {
    let result = Tensor.broadcastScalars(base, exponent, op: "pow") { Foundation.pow($0, $1) }
    let a = base.detached(), b = exponent.detached(), y = result.detached()
    return Tensor.record("pow", result, inputs: [base, exponent]) { g, needs in
        [needs[0] ? g * b * pow(a, b - 1) : nil,
         needs[1] ? g * y * Tensor.broadcastScalars(a, b, op: "pow") { x, _ in x > 0 ? Foundation.log(x) : 0 } : nil]
    }
}

/// `base` raised to a constant `exponent`.
public func pow(_ base: Tensor, _ exponent: Float) -> Tensor {
    let result: Tensor
    switch exponent {
    case 2: result = base.mapScalars { $0 * $0 }
    case 0.5: result = base.mapScalars { $0.squareRoot() }
    default: result = base.mapScalars { Foundation.pow($0, exponent) }
    }
    let a = base.detached()
    return Tensor.record("pow", result, input: base) { g in
        Tensor.zipScalars(g, a) { g, x in g * exponent * Foundation.pow(x, exponent - 1) }
    }
}

/// The larger of two tensors, elementwise with broadcasting; a tie sends the gradient to `a`.
public func max(_ a: Tensor, _ b: Tensor) -> Tensor {
    let result = Tensor.broadcastScalars(a, b, op: "maximum") { Swift.max($0, $1) }
    let x = a.detached(), y = b.detached()
    return Tensor.record("maximum", result, inputs: [a, b]) { g, needs in
        let pickA = Tensor.broadcastScalars(x, y, op: "maximum") { $0 >= $1 ? 1 : 0 }
        return [needs[0] ? g * pickA : nil, needs[1] ? g * (1 - pickA) : nil]
    }
}

/// The smaller of two tensors, elementwise with broadcasting; a tie sends the gradient to `a`.
public func min(_ a: Tensor, _ b: Tensor) -> Tensor {
    let result = Tensor.broadcastScalars(a, b, op: "minimum") { Swift.min($0, $1) }
    let x = a.detached(), y = b.detached()
    return Tensor.record("minimum", result, inputs: [a, b]) { g, needs in
        let pickA = Tensor.broadcastScalars(x, y, op: "minimum") { $0 <= $1 ? 1 : 0 }
        return [needs[0] ? g * pickA : nil, needs[1] ? g * (1 - pickA) : nil]
    }
}
