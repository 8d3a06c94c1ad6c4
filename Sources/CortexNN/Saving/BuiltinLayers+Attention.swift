import Cortex

extension BuiltinLayers {
    /// The attention layers, position encodings and the Transformer encoder (whose inner layers
    /// are made again from its arguments when it is built).
    static let attentionFactories: [String: LayerRegistry.Factory] = [
        "Attention": { c in
            Attention(useScale: try c.bool("use_scale"), scoreMode: try c.option("score_mode", Attention.ScoreMode.self),
                      dropout: try c.rate("dropout"), name: try c.name)
        },
        "AdditiveAttention": { c in
            AdditiveAttention(useScale: try c.bool("use_scale"), dropout: try c.rate("dropout"), name: try c.name)
        },
        "MultiHeadAttention": { c in
            MultiHeadAttention(
                numHeads: try c.int("num_heads", atLeast: 1), keyDim: try c.int("key_dim", atLeast: 1),
                valueDim: c.contains("value_dim") ? try c.int("value_dim", atLeast: 1) : nil, dropout: try c.rate("dropout"),
                useBias: try c.bool("use_bias"), outputShape: c.contains("output_shape") ? try c.ints("output_shape", atLeast: 1) : nil,
                kernelInitializer: try c.initializer("kernel_initializer"), biasInitializer: try c.initializer("bias_initializer"),
                kernelRegularizer: try c.regularizer("kernel_regularizer"), biasRegularizer: try c.regularizer("bias_regularizer"),
                name: try c.name)
        },
        "PositionEmbedding": { c in
            PositionEmbedding(sequenceLength: try c.int("sequence_length", atLeast: 1), initializer: try c.initializer("initializer"),
                              name: try c.name)
        },
        "SinePositionEncoding": { c in
            let wavelength = try c.float("max_wavelength")
            guard wavelength > 0 else { throw c.failure("max_wavelength", "must be positive, got \(wavelength)") }
            return SinePositionEncoding(maxWavelength: wavelength, name: try c.name)
        },
        "TransformerEncoder": { c in
            TransformerEncoder(
                intermediateDim: try c.int("intermediate_dim", atLeast: 1), numHeads: try c.int("num_heads", atLeast: 1),
                dropout: try c.rate("dropout"), activation: try c.activation(), layerNormEpsilon: try c.float("layer_norm_epsilon"),
                kernelInitializer: try c.initializer("kernel_initializer"), biasInitializer: try c.initializer("bias_initializer"),
                normalizeFirst: try c.bool("normalize_first"), name: try c.name)
        },
    ]
}
