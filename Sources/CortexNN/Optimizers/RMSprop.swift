import Cortex

/// RMSprop as Keras: `s = ρs + (1−ρ)g²`; the step is `lr·g/√(s + ε)` (centered: `s − ḡ²` with
/// `ḡ = ρḡ + (1−ρ)g`), accumulated in a momentum buffer when `momentum > 0`.
public final class RMSprop: Optimizer {
    public let rho: Float, momentum: Float, epsilon: Float, centered: Bool

    public init(learningRate: Float = 0.001, rho: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-7,
                centered: Bool = false, clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil,
                weightDecay: Float? = nil) {
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    public override var name: String { "rmsprop" }

    public override func makeSlots(shape: [Int]) -> [Tensor] {
        (0..<(1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0))).map { _ in Tensor.zeros(shape) }
    }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        let velocity = slots[0]
        let momentumBuffer = momentum > 0 ? slots[1] : nil
        let average = centered ? slots[slots.count - 1] : nil
        for i in 0..<w.count {
            velocity[i] = rho * velocity[i] + (1 - rho) * g[i] * g[i]
            var denominator = velocity[i]
            if let average {
                average[i] = rho * average[i] + (1 - rho) * g[i]
                denominator -= average[i] * average[i]
            }
            let increment = lr * g[i] / (denominator + epsilon).squareRoot()
            if let momentumBuffer {
                momentumBuffer[i] = momentum * momentumBuffer[i] + increment
                w[i] -= momentumBuffer[i]
            } else {
                w[i] -= increment
            }
        }
    }
}
