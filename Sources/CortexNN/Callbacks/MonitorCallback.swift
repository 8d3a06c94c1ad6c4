import Foundation

/// Whether a monitored quantity should go down (`min`), up (`max`), or the direction its name
/// implies (`auto`).
public enum MonitorMode: String, Sendable {
    case auto, min, max
}

/// The base of callbacks that watch one value of the epoch logs and act when it stops
/// improving (`EarlyStopping`, `ReduceLROnPlateau`), as Keras' `MonitorCallback`.
///
/// In `auto` mode a loss or an error is minimised, and accuracies, AUC, precision, recall,
/// F-scores, IoU, R² and correlations are maximised; name any other metric's direction with
/// `.min` or `.max`.
open class MonitorCallback: Callback {
    /// The log key watched: `val_loss`, `accuracy`, ...
    public let monitor: String
    public let mode: MonitorMode
    /// The smallest change that counts as an improvement (always given as a positive amount).
    public let minDelta: Float
    /// Whether larger values are better, resolved from `mode` and the monitored name.
    public let maximizes: Bool
    /// The best value seen so far; nil before the first one (subclasses reset it when training begins).
    public var best: Float?

    public init(monitor: String, mode: MonitorMode, minDelta: Float, baseline: Float? = nil) {
        self.monitor = monitor
        self.mode = mode
        self.minDelta = Swift.abs(minDelta)
        self.best = baseline
        switch mode {
        case .min: maximizes = false
        case .max: maximizes = true
        case .auto: maximizes = MonitorCallback.increasesWhenBetter(monitor)
        }
    }

    /// Whether `value` beats `reference` by more than `minDelta` in the monitored direction;
    /// any value beats a missing reference.
    public func isImprovement(_ value: Float, over reference: Float?) -> Bool {
        guard let reference else { return true }
        return maximizes ? value - minDelta > reference : value + minDelta < reference
    }

    /// The monitored value of `logs`, or nil (with a warning naming the keys there are) when
    /// the logs lack it.
    func monitoredValue(in logs: Logs, purpose: String) -> Float? {
        if let value = logs[monitor] { return value }
        let available = logs.keys.sorted().joined(separator: ",")
        FileHandle.standardError.write(Data("\(purpose) conditioned on metric `\(monitor)` which is not available. Available metrics are: \(available)\n".utf8))
        return nil
    }

    /// Keras' metric directions by name: the `_direction = "up"` metrics are maximised.
    static func increasesWhenBetter(_ monitor: String) -> Bool {
        var name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if name == "loss" || name.hasSuffix("_loss") { return false }
        name = name.lowercased()
        let increasing = ["acc", "auc", "precision", "recall", "f1_score", "fbeta_score", "iou", "r2_score",
                          "pearson", "concordance", "cosine_similarity"]
        return increasing.contains { name.contains($0) }
    }
}
