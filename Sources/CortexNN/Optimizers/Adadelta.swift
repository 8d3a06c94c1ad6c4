import Cortex

/// Adadelta as Keras: `A = ρA + (1−ρ)g²`, `Δ = −√(D + ε)/√(A + ε)·g`, `D = ρD + (1−ρ)Δ²`,
/// `w += lr·Δ`.
public final class Adadelta: Optimizer {
    public let rho: Float, epsilon: Float

    public init(learningRate: Float = 0.001, rho: Float = 0.95, epsilon: Float = 1e-7,
                clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil, weightDecay: Float? = nil) {
        self.rho = rho
        self.epsilon = epsilon
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    public override func makeSlots(shape: [Int]) -> [Tensor] { [Tensor.zeros(shape), Tensor.zeros(shape)] }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        let gradientAverage = slots[0], deltaAverage = slots[1]
        for i in 0..<w.count {
            gradientAverage[i] = rho * gradientAverage[i] + (1 - rho) * g[i] * g[i]
            let delta = -(deltaAverage[i] + epsilon).squareRoot() / (gradientAverage[i] + epsilon).squareRoot() * g[i]
            deltaAverage[i] = rho * deltaAverage[i] + (1 - rho) * delta * delta
            w[i] += lr * delta
        }
    }
}
