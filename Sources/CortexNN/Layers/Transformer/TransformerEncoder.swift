import Cortex

/// One Transformer encoder block, as keras_hub's `TransformerEncoder`: self-attention and a
/// two-layer feed-forward network, each wrapped in dropout, a residual connection and layer
/// normalisation (after the residual, or before the sublayer when `normalizeFirst`).
///
/// A plain composition of `MultiHeadAttention` (`numHeads` heads of `features / numHeads`
/// features), `LayerNormalization`, `Dense` and `Dropout`; its output has the input's shape
/// `[batch, steps, features]`. A padding mask (from an `Embedding` with `maskZero`, or
/// `paddingMask` in the eager call) keeps every step from attending to padded steps.
public final class TransformerEncoder: Layer {
    public let intermediateDim: Int
    public let numHeads: Int
    public let dropout: Float
    public let activation: ActivationFunction
    public let layerNormEpsilon: Float
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let normalizeFirst: Bool
    public private(set) var selfAttention: MultiHeadAttention!
    public private(set) var selfAttentionLayerNorm: LayerNormalization!
    public private(set) var feedforwardLayerNorm: LayerNormalization!
    public private(set) var feedforwardIntermediateDense: Dense!
    public private(set) var feedforwardOutputDense: Dense!
    private var attentionDropout: Dropout!
    private var feedforwardDropout: Dropout!

    public init(intermediateDim: Int, numHeads: Int, dropout: Float = 0, activation: ActivationFunction = .relu,
                layerNormEpsilon: Float = 1e-5, kernelInitializer: Initializer = .glorotUniform,
                biasInitializer: Initializer = .zeros, normalizeFirst: Bool = false, name: String? = nil) {
        precondition(intermediateDim > 0, "TransformerEncoder: intermediateDim must be positive, got \(intermediateDim)")
        precondition(numHeads > 0, "TransformerEncoder: numHeads must be positive, got \(numHeads)")
        self.intermediateDim = intermediateDim
        self.numHeads = numHeads
        self.dropout = dropout
        self.activation = activation
        self.layerNormEpsilon = layerNormEpsilon
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.normalizeFirst = normalizeFirst
        super.init(name: name)
        supportsMasking = true
    }

    public override var sublayers: [Layer] {
        guard let selfAttention else { return [] }
        return [selfAttention, selfAttentionLayerNorm, attentionDropout, feedforwardLayerNorm,
                feedforwardIntermediateDense, feedforwardOutputDense, feedforwardDropout]
    }

    public override func build(inputShape: [Int]) throws {
        guard inputShape.count == 2, let features = inputShape.last, features > 0 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects inputs shaped (batch, steps, features) with known features, got \(LayerShapes.describe(inputShape))")
        }
        guard features >= numHeads else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs at least numHeads = \(numHeads) features, got \(features)")
        }
        selfAttention = MultiHeadAttention(numHeads: numHeads, keyDim: features / numHeads, dropout: dropout,
                                           kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                           name: "\(name).self_attention")
        selfAttentionLayerNorm = LayerNormalization(epsilon: layerNormEpsilon, name: "\(name).self_attention_layer_norm")
        attentionDropout = Dropout(dropout, name: "\(name).self_attention_dropout")
        feedforwardLayerNorm = LayerNormalization(epsilon: layerNormEpsilon, name: "\(name).feedforward_layer_norm")
        feedforwardIntermediateDense = Dense(intermediateDim, activation: activation, kernelInitializer: kernelInitializer,
                                             biasInitializer: biasInitializer, name: "\(name).feedforward_intermediate_dense")
        feedforwardOutputDense = Dense(features, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                       name: "\(name).feedforward_output_dense")
        feedforwardDropout = Dropout(dropout, name: "\(name).feedforward_dropout")
        try selfAttention.ensureBuilt(inputShapes: [inputShape, inputShape])
        for layer in [selfAttentionLayerNorm, attentionDropout, feedforwardLayerNorm, feedforwardIntermediateDense] as [Layer] {
            try layer.ensureBuilt(inputShapes: [inputShape])
        }
        try feedforwardOutputDense.ensureBuilt(inputShapes: [Array(inputShape.dropLast()) + [intermediateDim]])
        try feedforwardDropout.ensureBuilt(inputShapes: [inputShape])
    }

    /// The block on `[batch, steps, features]`; `paddingMask [batch, steps]` (1 = real token)
    /// hides padded keys, `attentionMask [batch, steps, steps]` restricts attention further.
    public func callAsFunction(_ input: Tensor, paddingMask: Tensor? = nil, attentionMask: Tensor? = nil,
                               training: Bool = false) -> Tensor {
        do { try ensureBuilt(inputShapes: [Array(input.shape.dropFirst())]) } catch { preconditionFailure("\(error)") }
        return encode(input, paddingMask: paddingMask, attentionMask: attentionMask, training: training)
    }

    private func encode(_ input: Tensor, paddingMask: Tensor?, attentionMask: Tensor?, training: Bool) -> Tensor {
        var x = input
        var residual = x
        if normalizeFirst { x = selfAttentionLayerNorm(x) }
        x = selfAttention(query: x, value: x, valueMask: paddingMask, attentionMask: attentionMask, training: training)
        x = attentionDropout(x, training: training) + residual
        if !normalizeFirst { x = selfAttentionLayerNorm(x) }
        residual = x
        if normalizeFirst { x = feedforwardLayerNorm(x) }
        x = feedforwardOutputDense(feedforwardIntermediateDense(x))
        x = feedforwardDropout(x, training: training) + residual
        if !normalizeFirst { x = feedforwardLayerNorm(x) }
        return x
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        encode(input, paddingMask: nil, attentionMask: nil, training: training)
    }

    public override func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        encode(inputs[0], paddingMask: masks.first ?? nil, attentionMask: nil, training: training)
    }

    public override var config: [String: ConfigValue] {
        ["intermediate_dim": .int(intermediateDim), "num_heads": .int(numHeads), "dropout": .double(Double(dropout)),
         "activation": .string(activation.rawValue), "layer_norm_epsilon": .double(Double(layerNormEpsilon)),
         "kernel_initializer": kernelInitializer.configValue, "bias_initializer": biasInitializer.configValue,
         "normalize_first": .bool(normalizeFirst)]
    }
}
