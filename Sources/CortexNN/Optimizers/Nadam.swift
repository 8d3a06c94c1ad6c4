import Cortex
import Foundation

/// Nesterov-accelerated Adam as Keras 3 computes it, with the momentum schedule
/// `μₜ = β₁(1 − ½·0.96ᵗ)` and its running product.
public final class Nadam: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float
    /// Π μ₁…μₜ over the steps taken so far.
    private var momentumProduct: Double = 1

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil, weightDecay: Float? = nil) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    private func mu(_ step: Int) -> Double { Double(beta1) * (1 - 0.5 * pow(0.96, Double(step))) }

    public override func prepareStep(_ step: Int) { momentumProduct *= mu(step) }

    public override var scalarState: [String: Double] {
        get { ["momentum_product": momentumProduct] }
        set { momentumProduct = newValue["momentum_product"] ?? 1 }
    }

    public override func makeSlots(shape: [Int]) -> [Tensor] { [Tensor.zeros(shape), Tensor.zeros(shape)] }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        let m = slots[0], v = slots[1]
        let muNow = mu(step), muNext = mu(step + 1)
        let productNext = momentumProduct * muNext
        let momentumWeight = Float(muNext / (1 - productNext))
        let gradientWeight = Float((1 - muNow) / (1 - momentumProduct))
        let varianceCorrection = Float(1 - pow(Double(beta2), Double(step)))
        for i in 0..<w.count {
            m[i] += (g[i] - m[i]) * (1 - beta1)
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2)
            let mHat = momentumWeight * m[i] + gradientWeight * g[i]
            let vHat = v[i] / varianceCorrection
            w[i] -= lr * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}
