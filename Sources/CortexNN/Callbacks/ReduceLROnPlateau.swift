import Foundation

/// Divides the learning rate by `1 / factor` when the monitored value has not improved for
/// `patience` epochs, as Keras' `ReduceLROnPlateau`: a model often gets unstuck from a plateau
/// with a smaller step.
///
/// After a reduction, `cooldown` epochs pass before counting patience again; the rate never goes
/// below `minLR`. The optimizer needs a constant learning rate (not a schedule).
public final class ReduceLROnPlateau: MonitorCallback {
    public let factor: Float
    public let patience: Int
    public let verbose: Int
    public let cooldown: Int
    public let minLR: Float
    /// Epochs since the last improvement.
    public private(set) var wait = 0
    /// Epochs of cooldown left.
    public private(set) var cooldownCounter = 0
    private let output: (String) -> Void

    /// Throws when `factor` is not below 1 (it would not reduce anything).
    public init(monitor: String = "val_loss", factor: Float = 0.1, patience: Int = 10, verbose: Int = 0,
                mode: MonitorMode = .auto, minDelta: Float = 1e-4, cooldown: Int = 0, minLR: Float = 0,
                output: @escaping (String) -> Void = Callback.standardOutput) throws {
        guard factor < 1 else {
            throw ModelError.invalidArgument(name: "factor", reason: "ReduceLROnPlateau does not support a factor >= 1.0, got \(factor)")
        }
        self.factor = factor
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.minLR = minLR
        self.output = output
        super.init(monitor: monitor, mode: mode, minDelta: minDelta)
    }

    public override func onTrainBegin(logs: Logs) {
        best = nil
        cooldownCounter = 0
        wait = 0
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) throws {
        guard let current = monitoredValue(in: logs, purpose: "Learning rate reduction") else { return }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if isImprovement(current, over: best) {
            best = current
            wait = 0
            return
        }
        guard cooldownCounter == 0 else { return }
        wait += 1
        guard wait >= patience, let optimizer = model?.compiled?.optimizer else { return }
        let old = optimizer.currentLearningRate
        guard old > minLR else { return }
        let new = Swift.max(old * factor, minLR)
        try optimizer.setLearningRate(new)
        if verbose > 0 { output("\nEpoch \(epoch + 1): ReduceLROnPlateau reducing learning rate to \(new).\n") }
        cooldownCounter = cooldown
        wait = 0
    }
}
