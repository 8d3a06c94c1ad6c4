/// A nonlinearity of the fused recurrent kernels, with its derivative written in terms of its
/// output, so the backward pass needs only what the forward pass kept.
public enum RecurrentActivation: String, Sendable, CaseIterable {
    case tanh, sigmoid, relu, linear
    case hardSigmoid = "hard_sigmoid"

    /// Applies the function to `count` values at `source`, writing to `result` (which may be `source`).
    func apply(_ source: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .tanh: VectorMath.tanh(source, result, count: count)
        case .sigmoid: VectorMath.sigmoid(source, result, count: count)
        case .relu: for i in 0..<count { result[i] = Swift.max(source[i], 0) }
        case .linear: if UnsafePointer(result) != source { result.update(from: source, count: count) }
        case .hardSigmoid: for i in 0..<count { result[i] = Swift.min(Swift.max(source[i] / 6 + 0.5, 0), 1) }
        }
    }

    /// The derivative at each of `count` outputs `y` (the function's values), written to `result`.
    func derivative(outputs y: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .tanh: for i in 0..<count { result[i] = 1 - y[i] * y[i] }
        case .sigmoid: for i in 0..<count { result[i] = y[i] * (1 - y[i]) }
        case .relu: for i in 0..<count { result[i] = y[i] > 0 ? 1 : 0 }
        case .linear: result.update(repeating: 1, count: count)
        case .hardSigmoid: for i in 0..<count { result[i] = y[i] > 0 && y[i] < 1 ? 1 / 6 : 0 }
        }
    }
}

/// The cell a fused recurrent sequence op runs, with Keras' equations and gate order.
///
/// - `simple`: `h = activation(x·W + h₋₁·R + b)`.
/// - `lstm`: gates `i, f, c, o` in that order along the last axis of `W`, `R` and `b`;
///   `c = f·c₋₁ + i·activation(ĉ)`, `h = o·activation(c)`; states `[h, c]`.
/// - `gru`: gates `z, r, h`; with `resetAfter` (Keras' default) the reset gate multiplies the
///   recurrent projection and the bias is `[2, 3·units]` (input row, recurrent row); without it
///   the reset gate multiplies the state before its projection and the bias is `[3·units]`.
///   `h = z·h₋₁ + (1 − z)·ĥ`.
public enum RecurrentCell: Sendable, Equatable {
    case simple(activation: RecurrentActivation)
    case lstm(activation: RecurrentActivation, recurrentActivation: RecurrentActivation)
    case gru(activation: RecurrentActivation, recurrentActivation: RecurrentActivation, resetAfter: Bool)

    /// How many blocks of `units` columns the kernels have.
    public var gateCount: Int {
        switch self {
        case .simple: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// How many `[batch, units]` states the cell carries (`h`, and `c` for an LSTM).
    public var stateCount: Int {
        if case .lstm = self { return 2 }
        return 1
    }

    /// The bias shape for `units`: `[2, 3·units]` for a GRU with `resetAfter`, else `[gates·units]`.
    public func biasShape(units: Int) -> [Int] {
        if case .gru(_, _, true) = self { return [2, 3 * units] }
        return [gateCount * units]
    }

    /// Scalars kept per step and sample for the backward pass, in units.
    var cacheWidth: Int {
        switch self {
        case .simple: return 1
        case .lstm: return 6
        case .gru: return 5
        }
    }
}
