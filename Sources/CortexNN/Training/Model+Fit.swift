import Cortex
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
        if let classWeight {
            let perSample = try classWeights(classWeight, for: trainY[0])
            trainWeights = trainWeights.map { $0.reshaped(to: [-1]) * perSample } ?? perSample
        }
        let samples = trainX[0].shape[0]
        let steps = (samples + batchSize - 1) / batchSize
        let state = try TrainingState(model: self, configuration: configuration, outputCount: trainY.count)
        let history = History()
        var all = callbacks
        if verbose != .silent && !callbacks.contains(where: { $0 is ProgbarLogger }) {
            all.append(ProgbarLogger(verbosity: verbose))
        }
        for case let logger as ProgbarLogger in all { logger.configure(epochs: epochs, steps: steps) }
        all.append(history)
        let list = CallbackList(all, model: self)
        stopTraining = false
        list.each { $0.onTrainBegin(logs: [:]) }
        var epochLogs: Logs = [:]
        for epoch in initialEpoch..<Swift.max(initialEpoch, epochs) {
            state.reset()
            list.each { $0.onEpochBegin(epoch, logs: [:]) }
            let order = shuffle ? Model.shuffledIndices(samples) : Array(0..<samples)
            for step in 0..<steps {
                list.each { $0.onTrainBatchBegin(step, logs: [:]) }
                let indices = Array(order[(step * batchSize)..<Swift.min(samples, (step + 1) * batchSize)])
                let batchX = Model.take(trainX, indices), batchY = Model.take(trainY, indices)
                let batchWeights = trainWeights.map { Model.take([$0.reshaped(to: [-1])], indices)[0] }
                try runTrainStep(batchX, batchY, sampleWeight: batchWeights, state: state, optimizer: configuration.optimizer)
                let logs = state.logs()
                list.each { $0.onTrainBatchEnd(step, logs: logs) }
                if stopTraining { break }
            }
            epochLogs = state.logs()
            if let validation {
                let validationLogs = try evaluateLogs(validation.0, validation.1, batchSize: batchSize, configuration: configuration, prefix: "val_")
                epochLogs.merge(validationLogs) { $1 }
            }
            list.each { $0.onEpochEnd(epoch, logs: epochLogs) }
            if stopTraining { break }
        }
        list.each { $0.onTrainEnd(logs: epochLogs) }
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
        return try evaluateLogs(x, y, batchSize: batchSize, configuration: configuration, sampleWeight: sampleWeight)
    }

    /// Loss and metrics of one batch, without updating anything.
    public func testOnBatch(_ x: [Tensor], _ y: [Tensor], sampleWeight: Tensor? = nil) throws -> Logs {
        try evaluate(x, y, batchSize: Swift.max(x.first?.shape.first ?? 1, 1), sampleWeight: sampleWeight)
    }

    private func evaluateLogs(_ x: [Tensor], _ y: [Tensor], batchSize: Int, configuration: CompiledConfiguration,
                              sampleWeight: Tensor? = nil, prefix: String = "") throws -> Logs {
        let state = try TrainingState(model: self, configuration: configuration, outputCount: y.count)
        let samples = x[0].shape[0]
        try withoutGradients {
            for start in stride(from: 0, to: samples, by: batchSize) {
                let end = Swift.min(samples, start + batchSize)
                let batchX = x.map { $0.slice(axis: 0, start: start, end: end) }
                let batchY = y.map { $0.slice(axis: 0, start: start, end: end) }
                let weights = sampleWeight?.reshaped(to: [-1]).slice(axis: 0, start: start, end: end)
                let (predictions, masks) = try forwardWithMasks(batchX, training: false)
                let (total, perOutput) = state.totalLoss(targets: batchY, predictions: predictions, sampleWeight: weights, masks: masks)
                let regularization = weightRegularizationLoss().map { $0.scalar } ?? 0
                state.record(total: total.scalar + regularization, perOutput: perOutput.map(\.scalar), targets: batchY,
                             predictions: predictions, sampleWeight: weights, masks: masks, count: end - start)
            }
        }
        return state.logs(prefix: prefix)
    }

    // MARK: - predict

    /// The model's outputs for `x`, computed in batches without recording any gradient.
    public func predict(_ x: Tensor, batchSize: Int = 32) throws -> Tensor {
        let outputs = try predict([x], batchSize: batchSize)
        guard outputs.count == 1 else {
            throw ModelError.invalidArgument(name: "predict", reason: "the model has \(outputs.count) outputs; use predict(_: [Tensor]) to get them all")
        }
        return outputs[0]
    }

    /// The outputs of a model with several inputs or outputs.
    public func predict(_ x: [Tensor], batchSize: Int = 32) throws -> [Tensor] {
        guard batchSize > 0 else { throw ModelError.invalidArgument(name: "batchSize", reason: "must be positive, got \(batchSize)") }
        let samples = try validateInputs(x, argument: "x")
        return try withoutGradients {
            var batches: [[Tensor]] = []
            for start in stride(from: 0, to: samples, by: batchSize) {
                let end = Swift.min(samples, start + batchSize)
                batches.append(try forward(x.map { $0.slice(axis: 0, start: start, end: end) }, training: false))
            }
            guard batches.count > 1 else { return batches[0] }
            return (0..<batches[0].count).map { output in Tensor.concatenate(batches.map { $0[output] }, axis: 0) }
        }
    }

    /// The outputs for one batch.
    public func predictOnBatch(_ x: [Tensor]) throws -> [Tensor] {
        try predict(x, batchSize: Swift.max(x.first?.shape.first ?? 1, 1))
    }

    // MARK: - Helpers

    static func shuffledIndices(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        Random.withGenerator { generator in indices.shuffle(using: &generator) }
        return indices
    }

    static func take(_ tensors: [Tensor], _ indices: [Int]) -> [Tensor] {
        let indexTensor = Tensor(indices.map(Float.init))
        return tensors.map { $0.gathering(indices: indexTensor, axis: 0) }
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
