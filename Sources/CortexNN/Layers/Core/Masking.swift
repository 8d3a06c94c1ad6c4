import Cortex

/// Marks the time steps whose features all equal `maskValue` as padding, as Keras' `Masking`:
/// those steps are zeroed in the output and skipped by the layers downstream that honour masks
/// (recurrent layers, GlobalAveragePooling1D, the losses and metrics).
public final class Masking: Layer {
    public let maskValue: Float

    public init(maskValue: Float = 0, name: String? = nil) {
        self.maskValue = maskValue
        super.init(name: name)
        supportsMasking = true
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input * keptSteps(input).expandingDims(at: -1)
    }

    /// 1 where any feature of the step differs from `maskValue`.
    public override func computeMask(_ input: Tensor, previousMask: Tensor?) -> Tensor? {
        keptSteps(input)
    }

    private func keptSteps(_ input: Tensor) -> Tensor {
        (input.detached() .!= maskValue).max(axis: -1)
    }

    public override var config: [String: ConfigValue] { ["mask_value": .double(Double(maskValue))] }
}
