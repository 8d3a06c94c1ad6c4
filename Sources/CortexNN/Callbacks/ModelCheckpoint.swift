import Foundation

/// Saves the model (or only its weights) during `fit`, as Keras' `ModelCheckpoint`.
///
/// `filepath` may name the epoch and any log value with Python format placeholders:
/// `"ckpt/epoch-{epoch:02d}-{val_loss:.2f}.cortex"` (the epoch counts from 1; with
/// `saveFreq: .batches(n)`, `{batch}` is available too). Missing directories are created; every
/// file is written crash-safely. With `saveBestOnly`, a file is written only when `monitor`
/// improves on the best value so far. A save that fails (a full disk, a bad placeholder) is
/// reported on standard error, kept in `error`, and stops training.
public final class ModelCheckpoint: Callback {
    /// Whether a larger or a smaller `monitor` value is better; `.auto` decides from its name
    /// (accuracies, AUC, precision and recall are maximised, everything else minimised).
    public enum Mode: Sendable {
        case auto, min, max
    }

    public let filepath: String
    public let monitor: String
    public let saveBestOnly: Bool
    public let saveWeightsOnly: Bool
    public let mode: Mode
    public let saveFreq: CheckpointFrequency
    public let verbose: Bool
    /// The best monitored value seen so far (starts at `initialValueThreshold`, or ±infinity).
    public private(set) var best: Float
    /// The last save error, which stopped training.
    public private(set) var error: Error?
    private let template: PathTemplate
    private var currentEpoch = 0
    private var batchesSinceSave = 0

    public init(filepath: String, monitor: String = "val_loss", verbose: Bool = false, saveBestOnly: Bool = false,
                saveWeightsOnly: Bool = false, mode: Mode = .auto, saveFreq: CheckpointFrequency = .epoch,
                initialValueThreshold: Float? = nil) {
        if case .batches(let count) = saveFreq {
            precondition(count > 0, "ModelCheckpoint: saveFreq must be a positive number of batches, got \(count)")
        }
        self.filepath = filepath
        self.monitor = monitor
        self.verbose = verbose
        self.saveBestOnly = saveBestOnly
        self.saveWeightsOnly = saveWeightsOnly
        self.mode = mode
        self.saveFreq = saveFreq
        template = PathTemplate(template: filepath)
        best = initialValueThreshold ?? (ModelCheckpoint.maximizes(monitor, mode) ? -.infinity : .infinity)
        super.init()
    }

    /// Whether larger values of `monitor` are better under `mode`.
    static func maximizes(_ monitor: String, _ mode: Mode) -> Bool {
        switch mode {
        case .min: return false
        case .max: return true
        case .auto:
            let metric = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
            return ["acc", "auc", "precision", "recall"].contains { metric.contains($0) } || metric.hasPrefix("fmeasure")
        }
    }

    public override func onEpochBegin(_ epoch: Int, logs: Logs) {
        currentEpoch = epoch
    }

    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
        guard case .batches(let count) = saveFreq else { return }
        batchesSinceSave += 1
        guard batchesSinceSave >= count else { return }
        batchesSinceSave = 0
        save(epoch: currentEpoch, batch: batch, logs: logs)
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) {
        if saveFreq == .epoch { save(epoch: epoch, batch: nil, logs: logs) }
    }

    private func save(epoch: Int, batch: Int?, logs: Logs) {
        guard let model else { return }
        if saveBestOnly {
            guard let current = logs[monitor] else {
                FileHandle.standardError.write(Data("ModelCheckpoint: can save the best model only with \(monitor) available, skipping (logs have \(logs.keys.sorted().joined(separator: ", ")))\n".utf8))
                return
            }
            let improved = ModelCheckpoint.maximizes(monitor, mode) ? current > best : current < best
            guard improved else {
                if verbose { print("Epoch \(epoch + 1): \(monitor) did not improve from \(best)") }
                return
            }
            if verbose { print("Epoch \(epoch + 1): \(monitor) improved from \(best) to \(current), saving") }
            best = current
        }
        do {
            var values = logs.mapValues(Double.init)
            values["epoch"] = Double(epoch + 1)
            if let batch { values["batch"] = Double(batch + 1) }
            let url = URL(fileURLWithPath: try template.formatted(values))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if saveWeightsOnly { try model.saveWeights(to: url) } else { try model.save(to: url) }
            if verbose { print("Epoch \(epoch + 1): saved \(url.path)") }
        } catch {
            self.error = error
            FileHandle.standardError.write(Data("ModelCheckpoint: cannot save \(filepath): \(error); stopping training\n".utf8))
            model.stopTraining = true
        }
    }
}
