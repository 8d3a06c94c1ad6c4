import Cortex
import Foundation

/// Stops `fit` when the monitored value has not improved for `patience` epochs, as Keras'
/// `EarlyStopping`, so that a run can ask for many epochs and still end near its best.
///
/// `minDelta` is the least change that counts as an improvement; with a `baseline`, an epoch
/// only resets the patience count when it also beats the baseline; `startFromEpoch` skips the
/// first epochs (a warm-up where no progress is expected). With `restoreBestWeights`, the
/// weights of the best epoch are put back when training ends, whether or not it stopped early.
public final class EarlyStopping: MonitorCallback {
    public let patience: Int
    public let verbose: Int
    public let baseline: Float?
    public let restoreBestWeights: Bool
    public let startFromEpoch: Int
    /// Epochs since the last improvement.
    public private(set) var wait = 0
    /// The epoch at which training was stopped; 0 when it was not.
    public private(set) var stoppedEpoch = 0
    /// The epoch of the best value (the one whose weights `restoreBestWeights` restores).
    public private(set) var bestEpoch = 0
    private var bestWeights: [Tensor]?
    private let output: (String) -> Void

    public init(monitor: String = "val_loss", minDelta: Float = 0, patience: Int = 0, verbose: Int = 0,
                mode: MonitorMode = .auto, baseline: Float? = nil, restoreBestWeights: Bool = false,
                startFromEpoch: Int = 0,
                output: @escaping (String) -> Void = Callback.standardOutput) {
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
        self.output = output
        super.init(monitor: monitor, mode: mode, minDelta: minDelta)
    }

    public override func onTrainBegin(logs: Logs) {
        wait = 0
        stoppedEpoch = 0
        best = nil
        bestWeights = nil
        bestEpoch = 0
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) {
        guard let current = monitoredValue(in: logs, purpose: "Early stopping"), epoch >= startFromEpoch else { return }
        if restoreBestWeights && bestWeights == nil {
            // Until something improves, the current weights are the best.
            bestWeights = currentWeights()
            bestEpoch = epoch
        }
        wait += 1
        if isImprovement(current, over: best) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = currentWeights() }
            // Patience restarts only when the value beats both the previous best and the baseline.
            if baseline == nil || isImprovement(current, over: baseline) { wait = 0 }
            return
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model?.stopTraining = true
        }
    }

    public override func onTrainEnd(logs: Logs) {
        if stoppedEpoch > 0 && verbose > 0 { output("Epoch \(stoppedEpoch + 1): early stopping\n") }
        guard restoreBestWeights, let bestWeights, let model else { return }
        if verbose > 0 { output("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).\n") }
        for (variable, value) in zip(model.variables, bestWeights) { variable.assign(value) }
    }

    /// Every variable's value; tensors are copy-on-write, so later updates leave these intact.
    private func currentWeights() -> [Tensor] {
        model?.variables.map(\.value) ?? []
    }
}
