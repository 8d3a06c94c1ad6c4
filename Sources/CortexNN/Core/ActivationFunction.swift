import Cortex

/// Activation functions by name, as Keras spells them in `activation=`.
public enum ActivationFunction: String, Codable, Sendable, CaseIterable {
    case linear, relu, sigmoid, tanh, softmax, softplus, softsign, elu, selu, gelu, swish, silu
    case leakyRelu = "leaky_relu"
    case relu6, hardSigmoid = "hard_sigmoid", exponential, logSoftmax = "log_softmax"

    /// Applies the function; softmax and logSoftmax act on the last axis.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .linear: return x
        case .relu: return x.relu()
        case .sigmoid: return x.sigmoid()
        case .tanh: return x.tanh()
        case .softmax: return x.softmax(axis: -1)
        case .logSoftmax: return x.logSoftmax(axis: -1)
        case .softplus: return x.softplus()
        case .softsign: return x.softsign()
        case .elu: return x.elu()
        case .selu: return x.selu()
        case .gelu: return x.gelu()
        case .swish, .silu: return x.swish()
        case .leakyRelu: return x.leakyRelu(alpha: 0.2)
        case .relu6: return x.clipped(min: 0, max: 6)
        case .hardSigmoid: return (x * (1 / 6) + 0.5).clipped(min: 0, max: 1)
        case .exponential: return x.exp()
        }
    }

    /// `self(x + bias)` for a layer's pre-activation `x` and its `[units]` bias (if any), with
    /// the bias and a relu fused into one pass over `x`.
    func finish(_ x: Tensor, bias: Tensor?) -> Tensor {
        guard let bias else { return self(x) }
        return self == .relu ? x.addingBias(bias, relu: true) : self(x.addingBias(bias))
    }
}
