import Cortex
import CortexData
import Foundation

extension Model {
    // MARK: - fit

    /// Trains on `x` and `y` (one input, one output), as Keras' `fit`.
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, batchSize: Int = 32, epochs: Int = 1, verbose: Verbosity = .progressBar,
                    callbacks: [Callback] = [], validationSplit: Float = 0, validationData: (Tensor, Tensor)? = nil,
                    shuffle: Bool = true, classWeight: [Int: Float]? = nil, sampleWeight: Tensor? = nil,
                    initialEpoch: Int = 0) throws -> History {
        try fit([x], [y], batchSize: batchSize, epochs: epochs, verbose: verbose, callbacks: callbacks,
                validationSplit: validationSplit, validationData: validationData.map { ([$0.0], [$0.1]) },
                shuffle: shuffle, classWeight: classWeight, sampleWeight: sampleWeight, initialEpoch: initialEpoch)
    }

    /// Trains a model with several inputs and/or outputs: one array per input and per output.
    @discardableResult
    public func fit(_ x: [Tensor], _ y: [Tensor], batchSize: Int = 32, epochs: Int = 1, verbose: Verbosity = .progressBar,
                    callbacks: [Callback] = [], validationSplit: Float = 0, validationData: ([Tensor], [Tensor])? = nil,
                    shuffle: Bool = true, classWeight: [Int: Float]? = nil, sampleWeight: Tensor? = nil,
                    initialEpoch: Int = 0) throws -> History {
        guard let configuration = compiled else { throw ModelError.notCompiled(model: name) }
        guard batchSize > 0 else { throw ModelError.invalidArgument(name: "batchSize", reason: "must be positive, got \(batchSize)") }
        guard epochs >= 0, initialEpoch >= 0 else {
            throw ModelError.invalidArgument(name: "epochs", reason: "epochs (\(epochs)) and initialEpoch (\(initialEpoch)) must not be negative")
        }
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw ModelError.invalidArgument(name: "validationSplit", reason: "must be in [0, 1), got \(validationSplit)")
        }
        let total = try validateInputs(x, argument: "x")
        try validateTargets(y, samples: total, configuration: configuration, argument: "y")
        if let sampleWeight, sampleWeight.count != total {
            throw ModelError.invalidArgument(name: "sampleWeight", reason: "expected \(total) weights (one per sample), got shape \(sampleWeight.shape)")
        }
        // Keras takes the validation split from the end of the data, before any shuffling.
        var trainX = x, trainY = y, trainWeights = sampleWeight
        var validation = validationData
        if let validationData {
            let count = try validateInputs(validationData.0, argument: "validationData.x")
            try validateTargets(validationData.1, samples: count, configuration: configuration, argument: "validationData.y")
        } else if validationSplit > 0 {
            let cut = Int((Float(total) * (1 - validationSplit)).rounded(.down))
            guard cut > 0, cut < total else {
                throw ModelError.invalidArgument(name: "validationSplit", reason: "\(validationSplit) of \(total) samples leaves an empty training or validation set")
            }
            validation = (x.map { $0.slice(axis: 0, start: cut) }, y.map { $0.slice(axis: 0, start: cut) })
            trainX = x.map { $0.slice(axis: 0, end: cut) }
            trainY = y.map { $0.slice(axis: 0, end: cut) }
            trainWeights = sampleWeight?.reshaped(to: [-1]).slice(axis: 0, end: cut)
        }
        var data = try Dataset(inputs: trainX, targets: trainY, sampleWeight: trainWeights)
        if shuffle { data = data.shuffled() }
        let validationBatches = try validation.map { try Dataset(inputs: $0.0, targets: $0.1).batched(batchSize) }
        return try runEpochs(data.batched(batchSize), epochs: epochs, initialEpoch: initialEpoch, stepsPerEpoch: nil,
                             validationData: validationBatches, validationSteps: nil, callbacks: callbacks, verbose: verbose,
                             classWeight: classWeight, configuration: configuration, checksBatches: false)
    }

    /// Trains on a dataset of batches (each element one step), as Keras' `fit` on a `tf.data`
    /// dataset or a generator.
    ///
    /// Without `stepsPerEpoch` an epoch is one pass over `data`. With it, an epoch is that many
    /// steps and iteration continues across epochs (give a `repeated()` dataset); when the data
    /// runs out first, the epoch ends there and the next one starts a new pass. Validation runs
    /// on `validationData` after each epoch, on its first `validationSteps` batches when given.
    @discardableResult
    public func fit(_ data: Dataset<Example>, epochs: Int = 1, stepsPerEpoch: Int? = nil, validationData: Dataset<Example>? = nil,
                    validationSteps: Int? = nil, callbacks: [Callback] = [], verbose: Verbosity = .progressBar,
                    initialEpoch: Int = 0, classWeight: [Int: Float]? = nil) throws -> History {
        guard let configuration = compiled else { throw ModelError.notCompiled(model: name) }
        guard epochs >= 0, initialEpoch >= 0 else {
            throw ModelError.invalidArgument(name: "epochs", reason: "epochs (\(epochs)) and initialEpoch (\(initialEpoch)) must not be negative")
        }
        try Model.checkSteps(stepsPerEpoch, argument: "stepsPerEpoch")
        try Model.checkSteps(validationSteps, argument: "validationSteps")
        return try runEpochs(data, epochs: epochs, initialEpoch: initialEpoch, stepsPerEpoch: stepsPerEpoch,
                             validationData: validationData, validationSteps: validationSteps, callbacks: callbacks,
                             verbose: verbose, classWeight: classWeight, configuration: configuration, checksBatches: true)
    }

    /// The epoch loop of both forms of `fit`: callbacks, progress, one `runTrainStep` per batch,
    /// validation after each epoch.
    private func runEpochs(_ data: Dataset<Example>, epochs: Int, initialEpoch: Int, stepsPerEpoch: Int?,
                           validationData: Dataset<Example>?, validationSteps: Int?, callbacks: [Callback], verbose: Verbosity,
                           classWeight: [Int: Float]?, configuration: CompiledConfiguration, checksBatches: Bool) throws -> History {
        let history = History()
        var all = callbacks
        if verbose != .silent && !callbacks.contains(where: { $0 is ProgbarLogger }) {
            all.append(ProgbarLogger(verbosity: verbose))
        }
        for case let logger as ProgbarLogger in all { logger.configure(epochs: epochs, steps: stepsPerEpoch ?? data.count) }
        all.append(history)
        let list = CallbackList(all, model: self)
        stopTraining = false
        try list.each { try $0.onTrainBegin(logs: [:]) }
        let start = resumePosition ?? TrainingPosition(epoch: initialEpoch, batch: 0)
        resumePosition = nil
        var batches = EpochBatches(data, continuesAcrossEpochs: stepsPerEpoch != nil)
        var state: TrainingState?
        var epochLogs: Logs = [:]
        for epoch in start.epoch..<Swift.max(start.epoch, epochs) {
            state?.reset()
            batches.beginEpoch()
            try list.each { try $0.onEpochBegin(epoch, logs: [:]) }
            var step = 0
            while stepsPerEpoch.map({ step < $0 }) ?? true, let next = try batches.next(atEpochStart: step == 0) {
                if epoch == start.epoch && step < start.batch {
                    step += 1
                    continue
                }
                var batch = try checkedBatch(next, configuration: configuration, checks: checksBatches)
                if let classWeight {
                    let perSample = try classWeights(classWeight, for: batch.targets[0])
                    batch.sampleWeight = batch.sampleWeight.map { $0.reshaped(to: [-1]) * perSample } ?? perSample
                }
                let current = try state ?? TrainingState(model: self, configuration: configuration, outputCount: batch.targets.count)
                state = current
                try list.each { try $0.onTrainBatchBegin(step, logs: [:]) }
                try runTrainStep(batch.inputs, batch.targets, sampleWeight: batch.sampleWeight, state: current, optimizer: configuration.optimizer)
                let logs = current.logs()
                try list.each { try $0.onTrainBatchEnd(step, logs: logs) }
                step += 1
                if stopTraining { break }
            }
            guard step > 0 || stopTraining else {
                throw ModelError.invalidArgument(name: "data", reason: "yielded no batch to train on in epoch \(epoch + 1)")
            }
            if let steps = stepsPerEpoch, step < steps, !stopTraining, verbose != .silent {
                print("WARNING: the input ran out of data after \(step) of \(steps) steps; the next epoch starts a new pass. " +
                      "Make sure the data can give stepsPerEpoch * epochs batches (repeated() makes a dataset endless).")
            }
            epochLogs = state?.logs() ?? [:]
            if let validationData {
                let validationLogs = try evaluateLogs(validationData, steps: validationSteps, configuration: configuration,
                                                      checksBatches: checksBatches, prefix: "val_")
                epochLogs.merge(validationLogs) { $1 }
            }
            if list.logsLearningRate { epochLogs["learning_rate"] = configuration.optimizer.currentLearningRate }
            try list.each { try $0.onEpochEnd(epoch, logs: epochLogs) }
            if stopTraining { break }
        }
        try list.each { try $0.onTrainEnd(logs: epochLogs) }
        return history
    }

    /// One optimisation step on one batch; returns the logs of that batch alone.
    @discardableResult
    public func trainOnBatch(_ x: [Tensor], _ y: [Tensor], sampleWeight: Tensor? = nil) throws -> Logs {
        guard let configuration = compiled else { throw ModelError.notCompiled(model: name) }
        let count = try validateInputs(x, argument: "x")
        try validateTargets(y, samples: count, configuration: configuration, argument: "y")
        let state = try TrainingState(model: self, configuration: configuration, outputCount: y.count)
        try runTrainStep(x, y, sampleWeight: sampleWeight, state: state, optimizer: configuration.optimizer)
        return state.logs()
    }

    /// `trainOnBatch` for one input and one output.
    @discardableResult
    public func trainOnBatch(_ x: Tensor, _ y: Tensor, sampleWeight: Tensor? = nil) throws -> Logs {
        try trainOnBatch([x], [y], sampleWeight: sampleWeight)
    }

    /// The forward and backward pass and the optimizer update: the step a distributed loop wraps.
    func runTrainStep(_ x: [Tensor], _ y: [Tensor], sampleWeight: Tensor?, state: TrainingState, optimizer: Optimizer) throws {
        let variables = trainableVariables
        var predictions: [Tensor] = []
        var masks: [Tensor?] = []
        var perOutput: [Tensor] = []
        let (loss, gradients) = try valueWithGradient(at: variables) {
            (predictions, masks) = try forwardWithMasks(x, training: true)
            let (total, outputs) = state.totalLoss(targets: y, predictions: predictions, sampleWeight: sampleWeight, masks: masks)
            perOutput = outputs
            return regularizationLosses().reduce(total, +)
        }
        optimizer.apply(gradients, to: variables)
        state.record(total: loss.scalar, perOutput: perOutput.map { $0.detached().scalar }, targets: y,
                     predictions: predictions, sampleWeight: sampleWeight, masks: masks, count: x[0].shape[0])
    }

    /// Weight penalties of every layer and the activity penalties of the latest call.
    func regularizationLosses() -> [Tensor] {
        (weightRegularizationLoss().map { [$0] } ?? []) + takeActivityLosses()
    }

    // MARK: - evaluate

    /// Loss and metrics on `x` and `y`, as Keras' `evaluate(return_dict=True)`.
    public func evaluate(_ x: Tensor, _ y: Tensor, batchSize: Int = 32, sampleWeight: Tensor? = nil) throws -> Logs {
        try evaluate([x], [y], batchSize: batchSize, sampleWeight: sampleWeight)
    }

    /// `evaluate` for several inputs and outputs.
    public func evaluate(_ x: [Tensor], _ y: [Tensor], batchSize: Int = 32, sampleWeight: Tensor? = nil) throws -> Logs {
        guard let configuration = compiled else { throw ModelError.notCompiled(model: name) }
        guard batchSize > 0 else { throw ModelError.invalidArgument(name: "batchSize", reason: "must be positive, got \(batchSize)") }
        let count = try validateInputs(x, argument: "x")
        try validateTargets(y, samples: count, configuration: configuration, argument: "y")
        let data = try Dataset(inputs: x, targets: y, sampleWeight: sampleWeight).batched(batchSize)
        return try evaluateLogs(data, steps: nil, configuration: configuration, checksBatches: false)
    }

    /// Loss and metrics over a dataset of batches (its first `steps` batches when given).
    public func evaluate(_ data: Dataset<Example>, steps: Int? = nil) throws -> Logs {
        guard let configuration = compiled else { throw ModelError.notCompiled(model: name) }
        try Model.checkSteps(steps, argument: "steps")
        return try evaluateLogs(data, steps: steps, configuration: configuration, checksBatches: true)
    }

    /// Loss and metrics of one batch, without updating anything.
    public func testOnBatch(_ x: [Tensor], _ y: [Tensor], sampleWeight: Tensor? = nil) throws -> Logs {
        try evaluate(x, y, batchSize: Swift.max(x.first?.shape.first ?? 1, 1), sampleWeight: sampleWeight)
    }

    /// The evaluation loop of both forms of `evaluate` and of validation during `fit`.
    private func evaluateLogs(_ data: Dataset<Example>, steps: Int?, configuration: CompiledConfiguration,
                              checksBatches: Bool, prefix: String = "") throws -> Logs {
        var state: TrainingState?
        var batches = data.makeThrowingIterator()
        var step = 0
        try withoutGradients {
            while steps.map({ step < $0 }) ?? true, let next = try batches.next() {
                let batch = try checkedBatch(next, configuration: configuration, checks: checksBatches)
                let current = try state ?? TrainingState(model: self, configuration: configuration, outputCount: batch.targets.count)
                state = current
                let (predictions, masks) = try forwardWithMasks(batch.inputs, training: false)
                let (total, perOutput) = current.totalLoss(targets: batch.targets, predictions: predictions, sampleWeight: batch.sampleWeight, masks: masks)
                let regularization = weightRegularizationLoss().map { $0.scalar } ?? 0
                current.record(total: total.scalar + regularization, perOutput: perOutput.map(\.scalar), targets: batch.targets,
                               predictions: predictions, sampleWeight: batch.sampleWeight, masks: masks, count: batch.inputs[0].shape[0])
                step += 1
            }
        }
        guard let state else { throw ModelError.invalidArgument(name: "data", reason: "yielded no batch to evaluate") }
        return state.logs(prefix: prefix)
    }

    // MARK: - predict

    /// The model's outputs for `x`, computed in batches without recording any gradient.
    public func predict(_ x: Tensor, batchSize: Int = 32) throws -> Tensor {
        try Model.onlyOutput(of: predict([x], batchSize: batchSize))
    }

    /// The outputs of a model with several inputs or outputs.
    public func predict(_ x: [Tensor], batchSize: Int = 32) throws -> [Tensor] {
        guard batchSize > 0 else { throw ModelError.invalidArgument(name: "batchSize", reason: "must be positive, got \(batchSize)") }
        _ = try validateInputs(x, argument: "x")
        return try predictBatches(Dataset(inputs: x).batched(batchSize), steps: nil, checksBatches: false)
    }

    /// The model's outputs for the inputs of a dataset of batches (its first `steps` batches
    /// when given), concatenated; targets in the examples are ignored.
    public func predict(_ data: Dataset<Example>, steps: Int? = nil) throws -> Tensor {
        try Model.onlyOutput(of: predictOutputs(data, steps: steps))
    }

    /// `predict` on a dataset for a model with several outputs: one tensor per output.
    public func predictOutputs(_ data: Dataset<Example>, steps: Int? = nil) throws -> [Tensor] {
        try Model.checkSteps(steps, argument: "steps")
        return try predictBatches(data, steps: steps, checksBatches: true)
    }

    /// The outputs for one batch.
    public func predictOnBatch(_ x: [Tensor]) throws -> [Tensor] {
        try predict(x, batchSize: Swift.max(x.first?.shape.first ?? 1, 1))
    }

    /// The prediction loop of both forms of `predict`.
    private func predictBatches(_ data: Dataset<Example>, steps: Int?, checksBatches: Bool) throws -> [Tensor] {
        try withoutGradients {
            var outputs: [[Tensor]] = []
            var batches = data.makeThrowingIterator()
            while steps.map({ outputs.count < $0 }) ?? true, let batch = try batches.next() {
                if checksBatches { _ = try validateInputs(batch.inputs, argument: "data") }
                outputs.append(try forward(batch.inputs, training: false))
            }
            guard let first = outputs.first else { throw ModelError.invalidArgument(name: "data", reason: "yielded no batch to predict") }
            guard outputs.count > 1 else { return first }
            return first.indices.map { output in Tensor.concatenate(outputs.map { $0[output] }, axis: 0) }
        }
    }

    // MARK: - Helpers

    private static func onlyOutput(of outputs: [Tensor]) throws -> Tensor {
        guard outputs.count == 1 else {
            throw ModelError.invalidArgument(name: "predict", reason: "the model has \(outputs.count) outputs; use the form that returns [Tensor] to get them all")
        }
        return outputs[0]
    }

    private static func checkSteps(_ steps: Int?, argument: String) throws {
        if let steps, steps <= 0 { throw ModelError.invalidArgument(name: argument, reason: "must be positive, got \(steps)") }
    }

    /// A batch from a dataset checked like the arrays given to `fit` (when `checks`), with its
    /// sample weights flattened.
    private func checkedBatch(_ batch: Example, configuration: CompiledConfiguration, checks: Bool) throws -> Example {
        var batch = batch
        batch.sampleWeight = batch.sampleWeight?.reshaped(to: [-1])
        guard checks else { return batch }
        if let expected = inputShapes, let first = batch.inputs.first, first.rank == expected[0].count {
            throw ModelError.invalidArgument(name: "data", reason: "its elements have shape \(first.shape), one sample of \(name)'s input \(LayerShapes.describe(expected[0])); batch the dataset with batched(_:)")
        }
        let count = try validateInputs(batch.inputs, argument: "data")
        try validateTargets(batch.targets, samples: count, configuration: configuration, argument: "data targets")
        if let weights = batch.sampleWeight, weights.count != count {
            throw ModelError.invalidArgument(name: "data sampleWeight", reason: "expected \(count) weights (one per sample), got shape \(weights.shape)")
        }
        return batch
    }

    /// Per-sample weights from a class → weight map, reading labels as indices or one-hot rows.
    private func classWeights(_ weights: [Int: Float], for labels: Tensor) throws -> Tensor {
        let classes = labels.rank >= 2 && labels.shape[labels.rank - 1] > 1 ? labels.argmax(axis: -1) : labels.reshaped(to: [-1])
        return Tensor(try classes.scalars.map { label in
            guard let weight = weights[Int(label)] else {
                throw ModelError.invalidArgument(name: "classWeight", reason: "has no weight for class \(Int(label))")
            }
            return weight
        })
    }
}
