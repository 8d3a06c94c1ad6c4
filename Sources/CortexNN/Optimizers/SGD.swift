import Cortex

/// Stochastic gradient descent with optional (Nesterov) momentum, as Keras:
/// `v = momentum·v − lr·g; w += v` (Nesterov: `w += momentum·v − lr·g`).
public final class SGD: Optimizer {
    public let momentum: Float
    public let nesterov: Bool

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false,
                clipNorm: Float? = nil, clipValue: Float? = nil, globalClipNorm: Float? = nil, weightDecay: Float? = nil) {
        self.momentum = momentum
        self.nesterov = nesterov
        super.init(learningRate: ConstantLearningRate(learningRate), clipNorm: clipNorm, clipValue: clipValue,
                   globalClipNorm: globalClipNorm, weightDecay: weightDecay)
    }

    public init(learningRate: LearningRateSchedule, momentum: Float = 0, nesterov: Bool = false) {
        self.momentum = momentum
        self.nesterov = nesterov
        super.init(learningRate: learningRate)
    }

    public override var name: String { "sgd" }

    public override func makeSlots(shape: [Int]) -> [Tensor] { momentum == 0 ? [] : [Tensor.zeros(shape)] }

    public override func update(weights w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                slots: inout [UnsafeMutableBufferPointer<Float>], learningRate lr: Float, step: Int) {
        guard momentum != 0 else {
            for i in 0..<w.count { w[i] -= lr * g[i] }
            return
        }
        let v = slots[0]
        for i in 0..<w.count {
            v[i] = momentum * v[i] - lr * g[i]
            w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i]
        }
    }
}
