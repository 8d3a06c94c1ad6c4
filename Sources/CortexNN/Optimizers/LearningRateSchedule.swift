import Foundation

/// A learning rate that changes with the optimizer's step count, with Keras' formulas.
public protocol LearningRateSchedule {
    /// The rate for the update that follows `step` completed updates.
    func callAsFunction(step: Int) -> Float
}

/// A fixed learning rate.
public struct ConstantLearningRate: LearningRateSchedule {
    public let rate: Float
    public init(_ rate: Float) { self.rate = rate }
    public func callAsFunction(step: Int) -> Float { rate }
}

/// `initial · rate^(step / decaySteps)`, with the exponent floored when `staircase`.
public struct ExponentialDecay: LearningRateSchedule {
    public let initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool

    public init(initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool = false) {
        precondition(decaySteps > 0, "ExponentialDecay: decaySteps must be positive, got \(decaySteps)")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    public func callAsFunction(step: Int) -> Float {
        var exponent = Double(step) / Double(decaySteps)
        if staircase { exponent = exponent.rounded(.down) }
        return initialLearningRate * Float(pow(Double(decayRate), exponent))
    }
}

/// `values[i]` while `step` ≤ `boundaries[i]` (and the last value past the last boundary).
public struct PiecewiseConstantDecay: LearningRateSchedule {
    public let boundaries: [Int], values: [Float]

    public init(boundaries: [Int], values: [Float]) {
        precondition(values.count == boundaries.count + 1,
                     "PiecewiseConstantDecay: needs one more value than boundaries, got \(values.count) values for \(boundaries.count) boundaries")
        self.boundaries = boundaries
        self.values = values
    }

    public func callAsFunction(step: Int) -> Float {
        values[boundaries.firstIndex { step <= $0 } ?? boundaries.count]
    }
}

/// `initial / (1 + decayRate · step / decaySteps)`, with the ratio floored when `staircase`.
public struct InverseTimeDecay: LearningRateSchedule {
    public let initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool

    public init(initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool = false) {
        precondition(decaySteps > 0, "InverseTimeDecay: decaySteps must be positive, got \(decaySteps)")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    public func callAsFunction(step: Int) -> Float {
        var ratio = Double(step) / Double(decaySteps)
        if staircase { ratio = ratio.rounded(.down) }
        return initialLearningRate / Float(1 + Double(decayRate) * ratio)
    }
}

/// Cosine decay from `initial` (or from `warmupTarget` after a linear warm-up of `warmupSteps`)
/// down to `alpha · initial` over `decaySteps`, as Keras' CosineDecay.
public struct CosineDecay: LearningRateSchedule {
    public let initialLearningRate: Float, decaySteps: Int, alpha: Float
    public let warmupTarget: Float?, warmupSteps: Int

    public init(initialLearningRate: Float, decaySteps: Int, alpha: Float = 0, warmupTarget: Float? = nil, warmupSteps: Int = 0) {
        precondition(decaySteps > 0, "CosineDecay: decaySteps must be positive, got \(decaySteps)")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.alpha = alpha
        self.warmupTarget = warmupTarget
        self.warmupSteps = warmupSteps
    }

    public func callAsFunction(step: Int) -> Float {
        let peak = warmupTarget ?? initialLearningRate
        if let warmupTarget, step < warmupSteps {
            return initialLearningRate + (warmupTarget - initialLearningRate) * Float(step) / Float(warmupSteps)
        }
        let progress = Double(min(step - (warmupTarget == nil ? 0 : warmupSteps), decaySteps)) / Double(decaySteps)
        let cosine = 0.5 * (1 + cos(Double.pi * progress))
        return peak * Float((1 - Double(alpha)) * cosine + Double(alpha))
    }
}
