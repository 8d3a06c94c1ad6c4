import Cortex

/// Additive attention (Bahdanau style), as Keras' `AdditiveAttention`: the score of a query and a
/// key is `Σ scale · tanh(query + key)` over the features, with a learned `scale` per feature.
///
/// Inputs, masks, outputs and the eager call are those of `Attention`.
public final class AdditiveAttention: Attention {
    public init(useScale: Bool = true, dropout: Float = 0, name: String? = nil) {
        super.init(useScale: useScale, scoreMode: .dot, dropout: dropout, name: name)
    }

    override func createWeights(featureDimension: Int) {
        if useScale { scale = addWeight(name: "scale", shape: [featureDimension], initializer: .glorotUniform) }
    }

    override func scores(query: Tensor, key: Tensor) -> Tensor {
        let hidden = (query.expandingDims(at: 2) + key.expandingDims(at: 1)).tanh()
        return (scale.map { hidden * $0.value } ?? hidden).sum(axis: -1)
    }

    public override var config: [String: ConfigValue] {
        ["use_scale": .bool(useScale), "dropout": .double(Double(dropout))]
    }
}
