/// What `compile` set: how the model is trained and measured.
public struct CompiledConfiguration {
    public let optimizer: Optimizer
    /// One loss per output (a single loss is used for every output).
    public let losses: [Loss]
    /// Weights of each output's loss in the total; nil means all 1.
    public let lossWeights: [Float]?
    public let metrics: [MetricSpec]
}

extension Model {
    /// Chooses the optimizer, the loss and the metrics, as Keras' `compile`.
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [MetricSpec] = [], lossWeights: [Float]? = nil) {
        compiled = CompiledConfiguration(optimizer: optimizer, losses: [loss], lossWeights: lossWeights, metrics: metrics)
    }

    /// Compiles a model with several outputs: one loss per output, combined with `lossWeights`.
    public func compile(optimizer: Optimizer, loss: [Loss], metrics: [MetricSpec] = [], lossWeights: [Float]? = nil) {
        compiled = CompiledConfiguration(optimizer: optimizer, losses: loss, lossWeights: lossWeights, metrics: metrics)
    }
}
