import Cortex

/// Long short-term memory, as Keras' `LSTM`: gates `i, f, c, o` side by side in `kernel`
/// `[features, 4·units]`, `recurrent_kernel` `[units, 4·units]` and `bias` `[4·units]`;
/// `c_t = f·c_{t−1} + i·activation(ĉ)`, `h_t = o·activation(c_t)`. States `[h, c]`.
///
/// `unitForgetBias` (Keras' default) starts the forget gate's bias at 1.
public final class LSTM: FusedRecurrentLayer {
    public let recurrentActivation: ActivationFunction
    public let unitForgetBias: Bool

    public convenience init(_ units: Int, activation: ActivationFunction = .tanh, recurrentActivation: ActivationFunction = .sigmoid,
                            useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                            recurrentInitializer: Initializer = .orthogonal(), biasInitializer: Initializer = .zeros,
                            unitForgetBias: Bool = true, kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
                            biasRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil, dropout: Float = 0,
                            recurrentDropout: Float = 0, returnSequences: Bool = false, returnState: Bool = false,
                            goBackwards: Bool = false, stateful: Bool = false, name: String? = nil) {
        self.init(units, options: Options(
            activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
            recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer,
            kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer,
            dropout: dropout, recurrentDropout: recurrentDropout, returnSequences: returnSequences,
            returnState: returnState, goBackwards: goBackwards, stateful: stateful),
                  recurrentActivation: recurrentActivation, unitForgetBias: unitForgetBias, name: name)
        self.activityRegularizer = activityRegularizer
    }

    init(_ units: Int, options: Options, recurrentActivation: ActivationFunction, unitForgetBias: Bool, name: String?) {
        self.recurrentActivation = recurrentActivation
        self.unitForgetBias = unitForgetBias
        let cell = RecurrentCell.lstm(activation: Self.kernelActivation(options.activation, argument: "activation"),
                                      recurrentActivation: Self.kernelActivation(recurrentActivation, argument: "recurrentActivation"))
        super.init(units: units, cell: cell, options: options, name: name)
    }

    override func reversedCopy(name: String) -> RecurrentLayer? {
        var reversed = options
        reversed.goBackwards.toggle()
        return LSTM(units, options: reversed, recurrentActivation: recurrentActivation, unitForgetBias: unitForgetBias, name: name)
    }

    public override func build(features: Int) throws {
        try super.build(features: features)
        if unitForgetBias, let bias {
            bias.assign(Tensor.concatenate([biasInitializer.make([units]), Tensor.ones([units]),
                                            biasInitializer.make([2 * units])]))
        }
    }

    public override var config: [String: ConfigValue] {
        super.config.merging(["recurrent_activation": .string(recurrentActivation.rawValue),
                              "unit_forget_bias": .bool(unitForgetBias)]) { $1 }
    }
}
