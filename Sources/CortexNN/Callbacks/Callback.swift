/// Values reported at a point of training: `loss`, metric names, `val_` versions.
public typealias Logs = [String: Float]

/// Hooks into `fit`, `evaluate` and `predict`, with Keras' callback methods.
///
/// Subclass and override the hooks you need; `model` is set before training starts, and
/// setting `model.stopTraining = true` ends `fit` after the current batch.
open class Callback {
    /// The model being trained, evaluated or run.
    public weak var model: Model?

    public init() {}

    open func onTrainBegin(logs: Logs) {}
    open func onTrainEnd(logs: Logs) {}
    open func onEpochBegin(_ epoch: Int, logs: Logs) {}
    open func onEpochEnd(_ epoch: Int, logs: Logs) {}
    open func onTrainBatchBegin(_ batch: Int, logs: Logs) {}
    open func onTrainBatchEnd(_ batch: Int, logs: Logs) {}
    open func onTestBegin(logs: Logs) {}
    open func onTestEnd(logs: Logs) {}
    open func onTestBatchBegin(_ batch: Int, logs: Logs) {}
    open func onTestBatchEnd(_ batch: Int, logs: Logs) {}
    open func onPredictBegin(logs: Logs) {}
    open func onPredictEnd(logs: Logs) {}
    open func onPredictBatchBegin(_ batch: Int, logs: Logs) {}
    open func onPredictBatchEnd(_ batch: Int, logs: Logs) {}
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

    func each(_ body: (Callback) -> Void) { callbacks.forEach(body) }
}
