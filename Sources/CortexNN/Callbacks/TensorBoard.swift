import Cortex
import Foundation

/// Logs training to TensorBoard, as Keras' `TensorBoard` callback: `tensorboard --logdir logs`
/// then shows the curves of every run.
///
/// Event files go to `logDir/train` and `logDir/validation`. At each epoch's end, the training
/// logs are written as `epoch_<name>` (with `epoch_learning_rate`) in `train`, the validation
/// logs as `epoch_<name>` in `validation` (plus `evaluation_<name>_vs_iterations` at the
/// optimizer's step count), all at step `epoch`. With `updateFreq: .batches(n)`, every n-th
/// batch's running logs are also written as `batch_<name>`, at the global batch count (from 1).
/// Every `histogramFreq` epochs, each weight's distribution is written as `<layer>/<weight>/histogram`,
/// and with `writeImages` its values as `<layer>/<weight>/image` (Keras' weight images).
public final class TensorBoard: Callback {
    /// How often batch-level values are written.
    public enum UpdateFrequency: Equatable, Sendable {
        /// Only per-epoch values.
        case epoch
        /// Also every n-th training batch.
        case batches(Int)

        /// Every training batch.
        public static var batch: UpdateFrequency { .batches(1) }
    }

    public let logDir: String
    public let histogramFreq: Int
    public let writeImages: Bool
    public let updateFreq: UpdateFrequency
    private var trainWriter: SummaryWriter?
    private var validationWriter: SummaryWriter?
    private var globalTrainBatch = 0

    public init(logDir: String = "logs", histogramFreq: Int = 0, writeImages: Bool = false, updateFreq: UpdateFrequency = .epoch) {
        precondition(histogramFreq >= 0, "TensorBoard: histogramFreq must not be negative, got \(histogramFreq)")
        if case .batches(let count) = updateFreq {
            precondition(count > 0, "TensorBoard: updateFreq must count at least one batch, got \(count)")
        }
        self.logDir = logDir
        self.histogramFreq = histogramFreq
        self.writeImages = writeImages
        self.updateFreq = updateFreq
    }

    private var trainDirectory: String { URL(fileURLWithPath: logDir).appendingPathComponent("train").path }
    private var validationDirectory: String { URL(fileURLWithPath: logDir).appendingPathComponent("validation").path }

    public override func onTrainBegin(logs: Logs) throws {
        globalTrainBatch = 0
        try closeWriters()
        trainWriter = try SummaryWriter(logDir: trainDirectory)
    }

    public override func onTrainBatchBegin(_ batch: Int, logs: Logs) {
        globalTrainBatch += 1
    }

    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
        guard case .batches(let every) = updateFreq, globalTrainBatch % every == 0, let trainWriter else { return }
        for name in logs.keys.sorted() { trainWriter.scalar("batch_\(name)", value: logs[name]!, step: globalTrainBatch) }
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) throws {
        guard let trainWriter else { return }
        var trainLogs = logs.filter { !$0.key.hasPrefix("val_") }
        let optimizer = model?.compiled?.optimizer
        if let optimizer { trainLogs["learning_rate"] = optimizer.currentLearningRate }
        for name in trainLogs.keys.sorted() { trainWriter.scalar("epoch_\(name)", value: trainLogs[name]!, step: epoch) }
        let validationLogs = logs.filter { $0.key.hasPrefix("val_") }
        if !validationLogs.isEmpty {
            if validationWriter == nil { validationWriter = try SummaryWriter(logDir: validationDirectory) }
            for key in validationLogs.keys.sorted() {
                let name = String(key.dropFirst(4))
                validationWriter?.scalar("epoch_\(name)", value: validationLogs[key]!, step: epoch)
                if let optimizer {
                    validationWriter?.scalar("evaluation_\(name)_vs_iterations", value: validationLogs[key]!, step: optimizer.iterations)
                }
            }
        }
        if histogramFreq > 0 && epoch % histogramFreq == 0 { try logWeights(epoch, to: trainWriter) }
        try trainWriter.flush()
        try validationWriter?.flush()
    }

    public override func onTrainEnd(logs: Logs) throws {
        try closeWriters()
    }

    private func closeWriters() throws {
        try trainWriter?.close()
        try validationWriter?.close()
        trainWriter = nil
        validationWriter = nil
    }

    private func logWeights(_ epoch: Int, to writer: SummaryWriter) throws {
        for variable in model?.variables ?? [] {
            let name = variable.name.replacingOccurrences(of: ".", with: "/")
            writer.histogram("\(name)/histogram", values: variable.value, step: epoch)
            if writeImages, let image = TensorBoard.weightImage(variable.value) {
                try writer.image("\(name)/image", tensor: image, step: epoch)
            }
        }
    }

    /// Keras' picture of a weight: a vector as a column, a matrix with its longer side across,
    /// a 3-d kernel as one image per channel, a 4-d one as is when its last axis has 1, 3 or 4
    /// entries; nil for anything else.
    static func weightImage(_ weight: Tensor) -> Tensor? {
        var image = weight.squeezing()
        switch image.rank {
        case 1:
            image = image.reshaped(to: [1, image.shape[0], 1, 1])
        case 2:
            if image.shape[0] > image.shape[1] { image = image.transposed() }
            image = image.reshaped(to: [1, image.shape[0], image.shape[1], 1])
        case 3:
            image = image.transposed([2, 0, 1])
            image = image.reshaped(to: image.shape + [1])
        default:
            break
        }
        guard image.rank == 4, [1, 3, 4].contains(image.shape[3]) else { return nil }
        return image
    }
}
