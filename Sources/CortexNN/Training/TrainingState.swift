import Cortex

/// The losses and metrics of one compiled model for one pass (an epoch of training, or an
/// evaluation), kept per output.
final class TrainingState {
    let losses: [Loss]
    let lossWeights: [Float]
    let outputNames: [String]
    let lossTracker = MeanMetric(name: "loss") { _, _ in Tensor(0) }
    let outputLossTrackers: [MeanMetric]
    let metrics: [[Metric]]

    init(model: Model, configuration: CompiledConfiguration, outputCount: Int) throws {
        let losses = configuration.losses.count == 1 ? Array(repeating: configuration.losses[0], count: outputCount) : configuration.losses
        guard losses.count == outputCount else {
            throw ModelError.invalidArgument(name: "compile(loss:)", reason: "the model has \(outputCount) outputs but \(configuration.losses.count) losses were given")
        }
        let weights = configuration.lossWeights ?? Array(repeating: 1, count: outputCount)
        guard weights.count == outputCount else {
            throw ModelError.invalidArgument(name: "compile(lossWeights:)", reason: "the model has \(outputCount) outputs but \(weights.count) loss weights were given")
        }
        self.losses = losses
        self.lossWeights = weights
        let names = model.outputLayerNames(count: outputCount)
        outputNames = names
        outputLossTrackers = names.map { name in MeanMetric(name: "\(name)_loss") { _, _ in Tensor(0) } }
        let shapes = model.outputShapes
        metrics = (0..<outputCount).map { output in
            configuration.metrics.map { spec in spec.make(loss: losses[output], outputShape: shapes?[output]) }
        }
    }

    /// The weighted total of the per-output losses, and the per-output values; an output's mask
    /// (masked time steps) weights its loss.
    func totalLoss(targets: [Tensor], predictions: [Tensor], sampleWeight: Tensor?, masks: [Tensor?]) -> (total: Tensor, perOutput: [Tensor]) {
        let perOutput = (0..<predictions.count).map { output in
            losses[output](matched(targets[output], predictions[output], output: output), predictions[output],
                           sampleWeight: sampleWeight, mask: masks[output])
        }
        let total = zip(perOutput, lossWeights).map { $0 * $1 }.reduce(Tensor(0), +)
        return (total, perOutput)
    }

    func record(total: Float, perOutput: [Float], targets: [Tensor], predictions: [Tensor], sampleWeight: Tensor?,
                masks: [Tensor?], count: Int) {
        lossTracker.add(mean: total, count: count)
        if perOutput.count > 1 {
            for (tracker, value) in zip(outputLossTrackers, perOutput) { tracker.add(mean: value, count: count) }
        }
        withoutGradients {
            for (output, outputMetrics) in metrics.enumerated() {
                for metric in outputMetrics {
                    metric.update(yTrue: matched(targets[output], predictions[output], output: output),
                                  yPred: predictions[output].detached(), sampleWeight: sampleWeight, mask: masks[output])
                }
            }
        }
    }

    /// Targets given as `[batch]` for an output of `[batch, 1]` get the missing axis, as Keras
    /// does, so that they never broadcast against the predictions. Sparse labels stay as given.
    private func matched(_ target: Tensor, _ prediction: Tensor, output: Int) -> Tensor {
        guard losses[output].name != "sparse_categorical_crossentropy", target.rank == prediction.rank - 1 else { return target }
        return target.expandingDims(at: -1)
    }

    /// Current values under Keras' names (`loss`, `accuracy`, or `dense_1_accuracy` with
    /// several outputs), with an optional prefix (`val_`).
    func logs(prefix: String = "") -> Logs {
        var result: Logs = [prefix + "loss": lossTracker.result()]
        let several = metrics.count > 1
        if several {
            for tracker in outputLossTrackers { result[prefix + tracker.name] = tracker.result() }
        }
        for (output, outputMetrics) in metrics.enumerated() {
            for metric in outputMetrics {
                let name = several ? "\(outputNames[output])_\(metric.name)" : metric.name
                result[prefix + name] = metric.result()
            }
        }
        return result
    }

    func reset() {
        lossTracker.reset()
        outputLossTrackers.forEach { $0.reset() }
        metrics.joined().forEach { $0.reset() }
    }
}

extension Model {
    /// The names of the layers that produce each output (Keras prefixes per-output logs with them).
    func outputLayerNames(count: Int) -> [String] {
        if let graph { return graph.outputs.map(\.node.layer.name) }
        return count == 1 ? [name] : (0..<count).map { "output_\($0 + 1)" }
    }
}
