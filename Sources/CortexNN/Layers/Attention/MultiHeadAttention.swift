import Cortex
import Foundation

/// Multi-head scaled dot-product attention ("Attention is all you need"), as Keras'
/// `MultiHeadAttention`.
///
/// Query, key and value are projected to `numHeads` heads (`keyDim` features for query and key,
/// `valueDim` for value); each head attends with `softmax(q·kᵀ / √keyDim)`, and the heads are
/// projected back to the query's feature size (or `outputShape`). Weights are laid out as Keras'
/// `EinsumDense` sublayers: `query.kernel [dim, heads, keyDim]`, `query.bias [heads, keyDim]`, the
/// same for `key` and `value`, and `attention_output.kernel [heads, valueDim, dim]`, so Keras
/// weights load unchanged. All heads run as one batched matrix product.
///
/// Inputs are `[query, value]` or `[query, value, key]`, `[batch, steps..., features]`. Attention
/// runs over all axes between the batch and the features, taken as one sequence (Keras' default
/// `attention_axes=None`; other attention axes are not offered). Masks (1 = attend): the inputs'
/// masks from the functional graph, or `queryMask`, `valueMask`, `keyMask`, `attentionMask
/// [batch, Tq, Tv]` and `useCausalMask` in the eager call; a query that may see no key gets zero
/// weights, as in Keras.
public final class MultiHeadAttention: Layer {
    public let numHeads: Int
    public let keyDim: Int
    public let valueDim: Int
    /// Fraction of attention weights dropped while training.
    public let dropout: Float
    public let useBias: Bool
    /// The output's feature shape; nil projects back to the query's last dimension.
    public let projectedShape: [Int]?
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?
    public private(set) var queryKernel: Variable!
    public private(set) var keyKernel: Variable!
    public private(set) var valueKernel: Variable!
    public private(set) var outputKernel: Variable!
    public private(set) var queryBias: Variable?
    public private(set) var keyBias: Variable?
    public private(set) var valueBias: Variable?
    public private(set) var outputBias: Variable?

    public init(numHeads: Int, keyDim: Int, valueDim: Int? = nil, dropout: Float = 0, useBias: Bool = true,
                outputShape: [Int]? = nil, kernelInitializer: Initializer = .glorotUniform,
                biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil,
                biasRegularizer: Regularizer? = nil, name: String? = nil) {
        precondition(numHeads > 0, "MultiHeadAttention: numHeads must be positive, got \(numHeads)")
        precondition(keyDim > 0, "MultiHeadAttention: keyDim must be positive, got \(keyDim)")
        precondition((valueDim ?? 1) > 0, "MultiHeadAttention: valueDim must be positive, got \(valueDim ?? 0)")
        precondition(dropout >= 0 && dropout < 1, "MultiHeadAttention: dropout must be in [0, 1), got \(dropout)")
        precondition(outputShape?.allSatisfy { $0 > 0 } ?? true,
                     "MultiHeadAttention: outputShape must hold positive sizes, got \(outputShape!)")
        self.numHeads = numHeads
        self.keyDim = keyDim
        self.valueDim = valueDim ?? keyDim
        self.dropout = dropout
        self.useBias = useBias
        self.projectedShape = outputShape
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        super.init(name: name)
        supportsMasking = true
    }

    public override func build(inputShapes: [[Int]]) throws {
        let (query, value, key) = try validate(inputShapes)
        func projection(_ name: String, _ inputDim: Int, _ kernelShape: [Int], _ biasShape: [Int]) -> (Variable, Variable?) {
            let kernel = addWeight(name: "\(name).kernel", shape: [inputDim] + kernelShape,
                                   initializer: kernelInitializer, regularizer: kernelRegularizer)
            let bias = useBias ? addWeight(name: "\(name).bias", shape: biasShape, initializer: biasInitializer,
                                           regularizer: biasRegularizer) : nil
            return (kernel, bias)
        }
        (queryKernel, queryBias) = projection("query", query.last!, [numHeads, keyDim], [numHeads, keyDim])
        (keyKernel, keyBias) = projection("key", key.last!, [numHeads, keyDim], [numHeads, keyDim])
        (valueKernel, valueBias) = projection("value", value.last!, [numHeads, valueDim], [numHeads, valueDim])
        let output = projectedShape ?? [query.last!]
        outputKernel = addWeight(name: "attention_output.kernel", shape: [numHeads, valueDim] + output,
                                 initializer: kernelInitializer, regularizer: kernelRegularizer)
        if useBias {
            outputBias = addWeight(name: "attention_output.bias", shape: output, initializer: biasInitializer,
                                   regularizer: biasRegularizer)
        }
    }

    private func validate(_ shapes: [[Int]]) throws -> (query: [Int], value: [Int], key: [Int]) {
        guard shapes.count == 2 || shapes.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects [query, value] or [query, value, key], got \(shapes.count) inputs")
        }
        let (query, value) = (shapes[0], shapes[1])
        let key = shapes.count == 3 ? shapes[2] : value
        guard shapes.allSatisfy({ $0.count >= 2 && $0.last! > 0 }) else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects inputs shaped (batch, steps..., features) with known features, got \(LayerShapes.describe(shapes))")
        }
        guard value.dropLast() == key.dropLast() else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs value and key equal in all but the last axis, got \(LayerShapes.describe([value, key]))")
        }
        return (query, value, key)
    }

    public override func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let query = try validate(inputShapes).query
        return query.dropLast() + (projectedShape ?? [query.last!])
    }

    /// `[batch, steps, features]` projected by `kernel [features, heads, size]` to
    /// `[batch, heads, steps, size]`.
    private func heads(_ x: Tensor, _ kernel: Variable, _ bias: Variable?, size: Int) -> Tensor {
        var projected = x.matmul(kernel.value.reshaped(to: [kernel.shape[0], numHeads * size]))
        if let bias { projected = projected + bias.value.reshaped(to: [numHeads * size]) }
        return projected.reshaped(to: [x.shape[0], x.shape[1], numHeads, size]).transposed([0, 2, 1, 3])
    }

    /// The output and the attention weights `[batch, heads, Tq, Tv]` (before dropout, as Keras).
    private func attend(query: Tensor, value: Tensor, key: Tensor?, queryMask: Tensor?, valueMask: Tensor?,
                        keyMask: Tensor?, attentionMask: Tensor?, useCausalMask: Bool,
                        training: Bool) -> (output: Tensor, scores: Tensor) {
        let batch = query.shape[0]
        let steps = Array(query.shape.dropFirst().dropLast())
        let flatQuery = query.reshaped(to: [batch, -1, query.shape.last!])
        let flatValue = value.reshaped(to: [batch, -1, value.shape.last!])
        let flatKey = key.map { $0.reshaped(to: [batch, -1, $0.shape.last!]) } ?? flatValue
        let (queries, keys) = (flatQuery.shape[1], flatValue.shape[1])
        AttentionMasks.check(queryMask.map { $0.reshaped(to: [batch, -1]) }, named: "query mask", layer: name, batch: batch, steps: queries)
        AttentionMasks.check(valueMask.map { $0.reshaped(to: [batch, -1]) }, named: "value mask", layer: name, batch: batch, steps: keys)
        AttentionMasks.check(keyMask.map { $0.reshaped(to: [batch, -1]) }, named: "key mask", layer: name, batch: batch, steps: keys)
        if let attentionMask {
            precondition(attentionMask.count == batch * queries * keys || attentionMask.count == queries * keys,
                         "\(name): attentionMask must have shape [\(batch), \(queries), \(keys)], got \(attentionMask.shape)")
        }
        let mask = AttentionMasks.combined(
            queryMask: queryMask, valueMask: valueMask, keyMask: keyMask,
            attentionMask: attentionMask.map { $0.reshaped(to: [-1, queries, keys]) }, causal: useCausalMask,
            queryLength: queries, keyLength: keys)

        let q = heads(flatQuery, queryKernel, queryBias, size: keyDim) * (1 / Float(keyDim).squareRoot())
        let k = heads(flatKey, keyKernel, keyBias, size: keyDim)
        let v = heads(flatValue, valueKernel, valueBias, size: valueDim)
        let weights = AttentionMasks.softmax(q.matmul(k, transposeOther: true), mask: mask?.expandingDims(at: 1))
        let context = AttentionMasks.dropout(weights, rate: dropout, training: training).matmul(v)
        let merged = context.transposed([0, 2, 1, 3]).reshaped(to: [batch, queries, numHeads * valueDim])
        let outputFeatures = Array(outputKernel.shape.dropFirst(2))
        var output = merged.matmul(outputKernel.value.reshaped(to: [numHeads * valueDim, -1]))
        if let outputBias { output = output + outputBias.value.reshaped(to: [-1]) }
        return (output.reshaped(to: [batch] + steps + outputFeatures), weights)
    }

    public override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        call(inputs, masks: inputs.map { _ in nil }, training: training)
    }

    /// The graph call: the query's, value's and key's masks (Keras' `_keras_mask`) join the
    /// attention mask.
    public override func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        let mask = { (index: Int) in index < masks.count ? masks[index] : nil }
        return attend(query: inputs[0], value: inputs[1], key: inputs.count == 3 ? inputs[2] : nil,
                      queryMask: mask(0), valueMask: mask(1), keyMask: mask(2), attentionMask: nil,
                      useCausalMask: false, training: training).output
    }

    /// The output keeps the query's mask.
    public override func computeMask(_ inputs: [Tensor], previousMasks: [Tensor?]) -> Tensor? {
        previousMasks.first ?? nil
    }

    /// Eager call with Keras' call arguments: masks of the inputs `[batch, steps]`, an
    /// `attentionMask [batch, Tq, Tv]` (1 = query may attend to key) and `useCausalMask`.
    public func callAsFunction(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                               valueMask: Tensor? = nil, keyMask: Tensor? = nil, attentionMask: Tensor? = nil,
                               useCausalMask: Bool = false, training: Bool = false) -> Tensor {
        callWithAttentionScores(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask,
                                keyMask: keyMask, attentionMask: attentionMask, useCausalMask: useCausalMask,
                                training: training).output
    }

    /// The eager call that also returns the attention weights `[batch, heads, Tq, Tv]` (Keras'
    /// `return_attention_scores=True`).
    public func callWithAttentionScores(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                                        valueMask: Tensor? = nil, keyMask: Tensor? = nil,
                                        attentionMask: Tensor? = nil, useCausalMask: Bool = false,
                                        training: Bool = false) -> (output: Tensor, scores: Tensor) {
        ensureBuilt(query: query, value: value, key: key)
        return attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask,
                      keyMask: keyMask, attentionMask: attentionMask, useCausalMask: useCausalMask, training: training)
    }

    public override var config: [String: ConfigValue] {
        ["num_heads": .int(numHeads), "key_dim": .int(keyDim), "value_dim": .int(valueDim),
         "dropout": .double(Double(dropout)), "use_bias": .bool(useBias),
         "output_shape": projectedShape.map(ConfigValue.ints) ?? .null,
         "kernel_initializer": kernelInitializer.configValue, "bias_initializer": biasInitializer.configValue,
         "kernel_regularizer": kernelRegularizer.configValue, "bias_regularizer": biasRegularizer.configValue]
    }
}
