import Foundation

/// Values reported at a point of training: `loss`, metric names, `val_` versions.
public typealias Logs = [String: Float]

/// Hooks into `fit`, `evaluate` and `predict`, with Keras' callback methods.
///
/// Subclass and override the hooks you need; `model` is set before training starts, and
/// setting `model.stopTraining = true` ends `fit` after the current batch. A hook that throws
/// (a log file that cannot be written, a NaN loss with `TerminateOnNaN(raiseError: true)`)
/// ends `fit` with that error, as an exception raised in a Keras callback does.
open class Callback {
    /// The model being trained, evaluated or run.
    public weak var model: Model?

    public init() {}

    /// Where callbacks that print (`verbose: 1`) write unless given another `output`.
    public static let standardOutput: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }

    open func onTrainBegin(logs: Logs) throws {}
    open func onTrainEnd(logs: Logs) throws {}
    open func onEpochBegin(_ epoch: Int, logs: Logs) throws {}
    open func onEpochEnd(_ epoch: Int, logs: Logs) throws {}
    open func onTrainBatchBegin(_ batch: Int, logs: Logs) throws {}
    open func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {}
    open func onTestBegin(logs: Logs) throws {}
    open func onTestEnd(logs: Logs) throws {}
    open func onTestBatchBegin(_ batch: Int, logs: Logs) throws {}
    open func onTestBatchEnd(_ batch: Int, logs: Logs) throws {}
    open func onPredictBegin(logs: Logs) throws {}
    open func onPredictEnd(logs: Logs) throws {}
    open func onPredictBatchBegin(_ batch: Int, logs: Logs) throws {}
    open func onPredictBatchEnd(_ batch: Int, logs: Logs) throws {}
}

/// The per-epoch record `fit` returns: `history["loss"]`, `history["val_accuracy"]`, ...
public final class History: Callback {
    public private(set) var history: [String: [Float]] = [:]
    /// The epoch numbers (0-based) recorded, in order.
    public private(set) var epochs: [Int] = []

    public override func onTrainBegin(logs: Logs) {
        history = [:]
        epochs = []
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) {
        epochs.append(epoch)
        for (key, value) in logs { history[key, default: []].append(value) }
    }

    public subscript(key: String) -> [Float]? { history[key] }
}

/// Calls every callback of a list in order.
struct CallbackList {
    let callbacks: [Callback]

    init(_ callbacks: [Callback], model: Model) {
        self.callbacks = callbacks
        for callback in callbacks { callback.model = model }
    }

    func each(_ body: (Callback) throws -> Void) rethrows { try callbacks.forEach(body) }

    /// Whether the epoch logs carry `learning_rate`: Keras adds it when a callback that changes
    /// the rate (`ReduceLROnPlateau`, `LearningRateScheduler`) is in the list.
    var logsLearningRate: Bool {
        callbacks.contains { $0 is ReduceLROnPlateau || $0 is LearningRateScheduler }
    }
}
