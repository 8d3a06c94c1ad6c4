import Cortex

/// A fully connected recurrent layer, as Keras' `SimpleRNN`:
/// `h_t = activation(x_t · kernel + h_{t−1} · recurrent_kernel + bias)`.
public final class SimpleRNN: FusedRecurrentLayer {
    public convenience init(_ units: Int, activation: ActivationFunction = .tanh, useBias: Bool = true,
                            kernelInitializer: Initializer = .glorotUniform, recurrentInitializer: Initializer = .orthogonal(),
                            biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil,
                            recurrentRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                            activityRegularizer: Regularizer? = nil, dropout: Float = 0, recurrentDropout: Float = 0,
                            returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                            stateful: Bool = false, name: String? = nil) {
        self.init(units, options: Options(
            activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
            recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer,
            kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer,
            dropout: dropout, recurrentDropout: recurrentDropout, returnSequences: returnSequences,
            returnState: returnState, goBackwards: goBackwards, stateful: stateful), name: name)
        self.activityRegularizer = activityRegularizer
    }

    init(_ units: Int, options: Options, name: String?) {
        let cell = RecurrentCell.simple(activation: Self.kernelActivation(options.activation, argument: "activation"))
        super.init(units: units, cell: cell, options: options, name: name)
    }

    override func reversedCopy(name: String) -> RecurrentLayer? {
        var reversed = options
        reversed.goBackwards.toggle()
        return SimpleRNN(units, options: reversed, name: name)
    }
}
