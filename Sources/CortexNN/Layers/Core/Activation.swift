import Cortex

/// Applies an activation function to its input.
public final class Activation: Layer {
    public let function: ActivationFunction

    public init(_ function: ActivationFunction, name: String? = nil) {
        self.function = function
        super.init(name: name)
        supportsMasking = true
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor { function(input) }

    public override var config: [String: ConfigValue] { ["activation": .string(function.rawValue)] }
}
