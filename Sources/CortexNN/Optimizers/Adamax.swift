import Cortex
import Foundation

/// Adamax (the infinity-norm Adam) as Keras: `m += (g−m)(1−β₁)`, `u = max(β₂u, |g|)`,
/// `w −= lr·m/((1−β₁ᵗ)(u + ε))`.
public final class Adamax: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil, weightDecay: Float? = nil) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    public override func makeSlots(shape: [Int]) -> [Tensor] { [Tensor.zeros(shape), Tensor.zeros(shape)] }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        let m = slots[0], u = slots[1]
        let correction = Float(1 - pow(Double(beta1), Double(step)))
        for i in 0..<w.count {
            m[i] += (g[i] - m[i]) * (1 - beta1)
            u[i] = Swift.max(beta2 * u[i], Swift.abs(g[i]))
            w[i] -= lr * m[i] / (correction * (u[i] + epsilon))
        }
    }
}
