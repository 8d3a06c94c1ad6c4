import Cortex
import Foundation

/// Adam (Kingma & Ba) as Keras computes it: `α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`,
/// `m += (g−m)(1−β₁)`, `v += (g²−v)(1−β₂)`, `w −= α·m/(√v̂ + ε)` with `v̂ = v` or, with
/// `amsgrad`, the running maximum of `v`.
public class Adam: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float, amsgrad: Bool

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                amsgrad: Bool = false, clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil,
                weightDecay: Float? = nil) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    public init(learningRate: LearningRateSchedule, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                amsgrad: Bool = false, weightDecay: Float? = nil) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        super.init(learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func makeSlots(shape: [Int]) -> [Tensor] {
        (0..<(amsgrad ? 3 : 2)).map { _ in Tensor.zeros(shape) }
    }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        let t = Double(step)
        let alpha = Float(Double(lr) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
        let m = slots[0], v = slots[1]
        let (b1, b2, eps) = (1 - beta1, 1 - beta2, epsilon)
        if amsgrad {
            let vMax = slots[2]
            for i in 0..<w.count {
                m[i] += (g[i] - m[i]) * b1
                v[i] += (g[i] * g[i] - v[i]) * b2
                vMax[i] = Swift.max(vMax[i], v[i])
                w[i] -= alpha * m[i] / (vMax[i].squareRoot() + eps)
            }
        } else {
            for i in 0..<w.count {
                m[i] += (g[i] - m[i]) * b1
                v[i] += (g[i] * g[i] - v[i]) * b2
                w[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
            }
        }
    }
}

/// Adam with decoupled weight decay (Loshchilov & Hutter), Keras' default decay 0.004.
public final class AdamW: Adam {
    public init(learningRate: Float = 0.001, weightDecay: Float = 0.004, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-7, amsgrad: Bool = false, clipNorm: Float? = nil, clipValue: Float? = nil,
                globalClipNorm: Float? = nil) {
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad,
                   clipNorm: clipNorm, clipValue: clipValue, globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }
}
