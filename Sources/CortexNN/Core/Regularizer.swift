import Cortex

/// A weight or activity penalty added to the training loss, as Keras computes it:
/// `l1 · Σ|w| + l2 · Σw²`.
public struct Regularizer: Codable, Equatable, Sendable {
    public var l1: Float
    public var l2: Float

    public init(l1: Float = 0, l2: Float = 0) {
        self.l1 = l1
        self.l2 = l2
    }

    /// Keras' `L1(l1=0.01)`.
    public static func L1(_ l1: Float = 0.01) -> Regularizer { Regularizer(l1: l1) }
    /// Keras' `L2(l2=0.01)`.
    public static func L2(_ l2: Float = 0.01) -> Regularizer { Regularizer(l2: l2) }
    /// Keras' `L1L2(l1=0, l2=0)`.
    public static func L1L2(l1: Float = 0, l2: Float = 0) -> Regularizer { Regularizer(l1: l1, l2: l2) }

    /// The differentiable penalty of `x`.
    public func penalty(_ x: Tensor) -> Tensor {
        var total = Tensor(0)
        if l1 != 0 { total = total + l1 * x.abs().sum() }
        if l2 != 0 { total = total + l2 * x.square().sum() }
        return total
    }
}
