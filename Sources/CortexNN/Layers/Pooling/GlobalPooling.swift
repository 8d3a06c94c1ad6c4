import Cortex

/// Reduces every axis between the batch and the channels (steps, or height and width) with a
/// mean or a maximum: the shared shape of Keras' global pooling layers.
open class GlobalPooling: Layer {
    /// The rank of one sample the layer expects: 2 for sequences, 3 for images.
    let sampleRank: Int
    let averages: Bool
    public let keepDims: Bool

    init(sampleRank: Int, averages: Bool, keepDims: Bool, name: String?) {
        self.sampleRank = sampleRank
        self.averages = averages
        self.keepDims = keepDims
        super.init(name: name)
    }

    open override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == sampleRank else {
            let expected = sampleRank == 2 ? "(None, steps, channels)" : "(None, height, width, channels)"
            throw ModelError.incompatibleInput(layer: name, reason: "expects input \(expected), got \(LayerShapes.describe(inputShape))")
        }
        return keepDims ? Array(repeating: 1, count: sampleRank - 1) + [inputShape.last!] : [inputShape.last!]
    }

    open override func call(_ input: Tensor, training: Bool) -> Tensor {
        let axes = Array(1..<(input.rank - 1))
        return averages ? input.mean(axes: axes, keepDims: keepDims) : input.max(axes: axes, keepDims: keepDims)
    }

    open override var config: [String: ConfigValue] { ["keepdims": .bool(keepDims)] }
}

/// The mean over steps of `[batch, steps, channels]`; with a mask, the mean over the kept steps.
public final class GlobalAveragePooling1D: GlobalPooling {
    public init(keepDims: Bool = false, name: String? = nil) {
        super.init(sampleRank: 2, averages: true, keepDims: keepDims, name: name)
        supportsMasking = true
    }

    public override func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        guard let mask = masks.first ?? nil else { return call(inputs, training: training) }
        let kept = mask.detached().expandingDims(at: -1)
        return (inputs[0] * kept).sum(axis: 1, keepDims: keepDims) / kept.sum(axis: 1, keepDims: keepDims)
    }

    /// The steps are pooled away, and their mask with them.
    public override func computeMask(_ input: Tensor, previousMask: Tensor?) -> Tensor? { nil }
}

/// The maximum over steps of `[batch, steps, channels]`.
public final class GlobalMaxPooling1D: GlobalPooling {
    public init(keepDims: Bool = false, name: String? = nil) {
        super.init(sampleRank: 2, averages: false, keepDims: keepDims, name: name)
    }
}

/// The mean over height and width of `[batch, height, width, channels]`.
public final class GlobalAveragePooling2D: GlobalPooling {
    public init(keepDims: Bool = false, name: String? = nil) {
        super.init(sampleRank: 3, averages: true, keepDims: keepDims, name: name)
    }
}

/// The maximum over height and width of `[batch, height, width, channels]`.
public final class GlobalMaxPooling2D: GlobalPooling {
    public init(keepDims: Bool = false, name: String? = nil) {
        super.init(sampleRank: 3, averages: false, keepDims: keepDims, name: name)
    }
}
