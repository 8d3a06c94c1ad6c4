import Cortex

/// Gated recurrent unit, as Keras' `GRU`: gates `z, r, h` side by side in `kernel`
/// `[features, 3·units]` and `recurrent_kernel` `[units, 3·units]`;
/// `h_t = z·h_{t−1} + (1 − z)·ĥ`. With `resetAfter` (Keras' default, CuDNN-compatible) the
/// reset gate multiplies the recurrent projection and `bias` is `[2, 3·units]` (input row,
/// recurrent row); without it, it multiplies the state before the projection and `bias` is
/// `[3·units]`.
public final class GRU: FusedRecurrentLayer {
    public let recurrentActivation: ActivationFunction
    public let resetAfter: Bool

    public convenience init(_ units: Int, activation: ActivationFunction = .tanh, recurrentActivation: ActivationFunction = .sigmoid,
                            useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                            recurrentInitializer: Initializer = .orthogonal(), biasInitializer: Initializer = .zeros,
                            kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
                            biasRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil, dropout: Float = 0,
                            recurrentDropout: Float = 0, returnSequences: Bool = false, returnState: Bool = false,
                            goBackwards: Bool = false, stateful: Bool = false, resetAfter: Bool = true, name: String? = nil) {
        self.init(units, options: Options(
            activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
            recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer,
            kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer,
            dropout: dropout, recurrentDropout: recurrentDropout, returnSequences: returnSequences,
            returnState: returnState, goBackwards: goBackwards, stateful: stateful),
                  recurrentActivation: recurrentActivation, resetAfter: resetAfter, name: name)
        self.activityRegularizer = activityRegularizer
    }

    init(_ units: Int, options: Options, recurrentActivation: ActivationFunction, resetAfter: Bool, name: String?) {
        self.recurrentActivation = recurrentActivation
        self.resetAfter = resetAfter
        let cell = RecurrentCell.gru(activation: Self.kernelActivation(options.activation, argument: "activation"),
                                     recurrentActivation: Self.kernelActivation(recurrentActivation, argument: "recurrentActivation"),
                                     resetAfter: resetAfter)
        super.init(units: units, cell: cell, options: options, name: name)
    }

    override func reversedCopy(name: String) -> RecurrentLayer? {
        var reversed = options
        reversed.goBackwards.toggle()
        return GRU(units, options: reversed, recurrentActivation: recurrentActivation, resetAfter: resetAfter, name: name)
    }

    public override var config: [String: ConfigValue] {
        super.config.merging(["recurrent_activation": .string(recurrentActivation.rawValue),
                              "reset_after": .bool(resetAfter)]) { $1 }
    }
}
