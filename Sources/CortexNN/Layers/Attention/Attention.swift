import Cortex

/// Dot-product attention (Luong style), as Keras' `Attention`: each query step takes the
/// softmax-weighted average of the value steps, weighted by how well the query matches each key.
///
/// Inputs are `[query, value]` or `[query, value, key]`, shaped `[batch, Tq, dim]`,
/// `[batch, Tv, dim]` and `[batch, Tv, dim]`; without a key the value is the key. The output is
/// `[batch, Tq, dim]`. Masks (1 = real step, 0 = padding) come from the functional graph or from
/// `callAsFunction(query:value:...)`: padded value steps get no weight, padded query steps give 0.
/// A query that may attend to no key at all (every key masked) gets all-zero weights.
public class Attention: Layer {
    /// How a query and a key are scored.
    public enum ScoreMode: String, Sendable, CaseIterable {
        /// `query · key` (times the learned `scale` when `useScale`).
        case dot
        /// `concatScoreWeight · Σ tanh(scale · (query + key))`.
        case concat
    }

    public let useScale: Bool
    public let scoreMode: ScoreMode
    /// Fraction of attention weights dropped while training.
    public let dropout: Float
    /// The learned score scale: a scalar here, one per feature in `AdditiveAttention`.
    public internal(set) var scale: Variable?
    /// The learned factor of `.concat` scores.
    public private(set) var concatScoreWeight: Variable?

    public init(useScale: Bool = false, scoreMode: ScoreMode = .dot, dropout: Float = 0, name: String? = nil) {
        precondition(dropout >= 0 && dropout < 1, "Attention: dropout must be in [0, 1), got \(dropout)")
        self.useScale = useScale
        self.scoreMode = scoreMode
        self.dropout = dropout
        super.init(name: name)
        supportsMasking = true
    }

    public override func build(inputShapes: [[Int]]) throws {
        try validate(inputShapes)
        createWeights(featureDimension: inputShapes[0][1])
    }

    /// Makes the score weights for queries of `featureDimension` features.
    func createWeights(featureDimension: Int) {
        if useScale { scale = addWeight(name: "scale", shape: [], initializer: .ones) }
        if scoreMode == .concat { concatScoreWeight = addWeight(name: "concat_score_weight", shape: [], initializer: .ones) }
    }

    private func validate(_ shapes: [[Int]]) throws {
        guard shapes.count == 2 || shapes.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects [query, value] or [query, value, key], got \(shapes.count) inputs")
        }
        guard shapes.allSatisfy({ $0.count == 2 }) else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects inputs shaped (batch, steps, features), got \(LayerShapes.describe(shapes))")
        }
        let (query, value) = (shapes[0], shapes[1])
        let key = shapes.count == 3 ? shapes[2] : value
        guard query[1] > 0, query[1] == key[1] else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs query and key of the same known feature size, got \(LayerShapes.describe(shapes))")
        }
        guard key[0] == value[0] || key[0] == -1 || value[0] == -1 else {
            throw ModelError.incompatibleInput(layer: name, reason: "needs key and value with the same number of steps, got \(LayerShapes.describe(shapes))")
        }
    }

    public override func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try validate(inputShapes)
        return [inputShapes[0][0], inputShapes[1][1]]
    }

    /// The attention scores `[batch, Tq, Tv]` of every query step against every key step.
    func scores(query: Tensor, key: Tensor) -> Tensor {
        switch scoreMode {
        case .dot:
            let product = query.matmul(key, transposeOther: true)
            return scale.map { product * $0.value } ?? product
        case .concat:
            var sum = query.expandingDims(at: 2) + key.expandingDims(at: 1)
            if let scale { sum = sum * scale.value }
            return sum.tanh().sum(axis: -1) * concatScoreWeight!.value
        }
    }

    /// The output and the attention weights (after dropout, as Keras returns them).
    private func attend(query: Tensor, value: Tensor, key: Tensor?, queryMask: Tensor?, valueMask: Tensor?,
                        useCausalMask: Bool, training: Bool) -> (output: Tensor, scores: Tensor) {
        let key = key ?? value
        let (batch, queries, keys) = (query.shape[0], query.shape[1], key.shape[1])
        AttentionMasks.check(queryMask, named: "query mask", layer: name, batch: batch, steps: queries)
        AttentionMasks.check(valueMask, named: "value mask", layer: name, batch: batch, steps: keys)
        let mask = AttentionMasks.combined(valueMask: valueMask, causal: useCausalMask, queryLength: queries, keyLength: keys)
        let weights = AttentionMasks.dropout(AttentionMasks.softmax(scores(query: query, key: key), mask: mask),
                                             rate: dropout, training: training)
        var output = weights.matmul(value)
        if let queryMask { output = output * queryMask.reshaped(to: [batch, queries, 1]) }
        return (output, weights)
    }

    public override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        call(inputs, masks: inputs.map { _ in nil }, training: training)
    }

    public override func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        attend(query: inputs[0], value: inputs[1], key: inputs.count == 3 ? inputs[2] : nil,
               queryMask: masks.first ?? nil, valueMask: masks.count > 1 ? masks[1] : nil,
               useCausalMask: false, training: training).output
    }

    /// The output keeps the query's mask.
    public override func computeMask(_ inputs: [Tensor], previousMasks: [Tensor?]) -> Tensor? {
        previousMasks.first ?? nil
    }

    /// Eager call with Keras' call arguments: masks `[batch, steps]` (1 = keep) and
    /// `useCausalMask` (query `i` sees keys `0...i`, for decoder self-attention).
    public func callAsFunction(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                               valueMask: Tensor? = nil, useCausalMask: Bool = false, training: Bool = false) -> Tensor {
        callWithAttentionScores(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask,
                                useCausalMask: useCausalMask, training: training).output
    }

    /// The eager call that also returns the attention weights `[batch, Tq, Tv]` (Keras'
    /// `return_attention_scores=True`).
    public func callWithAttentionScores(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                                        valueMask: Tensor? = nil, useCausalMask: Bool = false,
                                        training: Bool = false) -> (output: Tensor, scores: Tensor) {
        ensureBuilt(query: query, value: value, key: key)
        return attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask,
                      useCausalMask: useCausalMask, training: training)
    }

    public override var config: [String: ConfigValue] {
        ["use_scale": .bool(useScale), "score_mode": .string(scoreMode.rawValue), "dropout": .double(Double(dropout))]
    }
}
