import Cortex

/// Adagrad as Keras: `a += g²; w −= lr·g/√(a + ε)`, accumulators starting at 0.1.
public final class Adagrad: Optimizer {
    public let initialAccumulatorValue: Float, epsilon: Float

    public init(learningRate: Float = 0.001, initialAccumulatorValue: Float = 0.1, epsilon: Float = 1e-7,
                clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil, weightDecay: Float? = nil) {
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    public override func makeSlots(shape: [Int]) -> [Tensor] { [Tensor.full(shape, value: initialAccumulatorValue)] }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        let accumulator = slots[0]
        for i in 0..<w.count {
            accumulator[i] += g[i] * g[i]
            w[i] -= lr * g[i] / (accumulator[i] + epsilon).squareRoot()
        }
    }
}
