import Cortex

extension BuiltinLayers {
    /// Embeddings, masks, the recurrent layers and their wrappers. Wrapped layers are saved
    /// whole (`WrappingLayer`); recurrent states are not saved, as in Keras.
    static let sequenceFactories: [String: LayerRegistry.Factory] = [
        "Embedding": { c in
            Embedding(inputDim: try c.int("input_dim", atLeast: 1), outputDim: try c.int("output_dim", atLeast: 1),
                      embeddingsInitializer: try c.initializer("embeddings_initializer"),
                      embeddingsRegularizer: try c.regularizer("embeddings_regularizer"), maskZero: try c.bool("mask_zero"),
                      inputLength: c.contains("input_length") ? try c.int("input_length", atLeast: 1) : nil, name: try c.name)
        },
        "Masking": { c in Masking(maskValue: try c.float("mask_value"), name: try c.name) },
        "SimpleRNN": { c in SimpleRNN(try c.int("units", atLeast: 1), options: try recurrentOptions(c), name: try c.name) },
        "LSTM": { c in
            LSTM(try c.int("units", atLeast: 1), options: try recurrentOptions(c),
                 recurrentActivation: try c.recurrentActivation("recurrent_activation"),
                 unitForgetBias: try c.bool("unit_forget_bias"), name: try c.name)
        },
        "GRU": { c in
            GRU(try c.int("units", atLeast: 1), options: try recurrentOptions(c),
                recurrentActivation: try c.recurrentActivation("recurrent_activation"),
                resetAfter: try c.bool("reset_after"), name: try c.name)
        },
        "RNN": { c in
            RNN(cell: try c.layer("cell", as: RNNCell.self), returnSequences: try c.bool("return_sequences"),
                returnState: try c.bool("return_state"), goBackwards: try c.bool("go_backwards"),
                stateful: try c.bool("stateful"), name: try c.name)
        },
        "Bidirectional": { c in
            let forward = try c.layer("layer", as: RecurrentLayer.self)
            let backward = try c.layer("backward_layer", as: RecurrentLayer.self)
            guard backward.goBackwards != forward.goBackwards, backward.returnSequences == forward.returnSequences else {
                throw c.failure("backward_layer", "must read the sequence the other way than layer, with the same return_sequences")
            }
            let mergeMode = c.contains("merge_mode") ? try c.option("merge_mode", Bidirectional.MergeMode.self) : .none
            return Bidirectional(forward, mergeMode: mergeMode, backwardLayer: backward, name: try c.name)
        },
        "TimeDistributed": { c in TimeDistributed(try c.layer("layer", as: Layer.self), name: try c.name) },
    ]

    /// The arguments `SimpleRNN`, `LSTM` and `GRU` share.
    private static func recurrentOptions(_ c: ConfigReader) throws -> FusedRecurrentLayer.Options {
        FusedRecurrentLayer.Options(
            activation: try c.recurrentActivation("activation"), useBias: try c.bool("use_bias"),
            kernelInitializer: try c.initializer("kernel_initializer"),
            recurrentInitializer: try c.initializer("recurrent_initializer"),
            biasInitializer: try c.initializer("bias_initializer"), kernelRegularizer: try c.regularizer("kernel_regularizer"),
            recurrentRegularizer: try c.regularizer("recurrent_regularizer"), biasRegularizer: try c.regularizer("bias_regularizer"),
            dropout: try c.rate("dropout"), recurrentDropout: try c.rate("recurrent_dropout"),
            returnSequences: try c.bool("return_sequences"), returnState: try c.bool("return_state"),
            goBackwards: try c.bool("go_backwards"), stateful: try c.bool("stateful"))
    }
}
