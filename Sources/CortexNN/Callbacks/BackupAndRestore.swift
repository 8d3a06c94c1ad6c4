import Cortex
import Foundation

/// Makes `fit` survive interruptions, as Keras' `BackupAndRestore`: it keeps a checkpoint of
/// the weights, the optimizer state, the position in training and the global random generator
/// in `backupDir`, and when `fit` starts with a checkpoint there, it restores all of them and
/// resumes at the saved epoch and batch. A run killed at any point and started again (same
/// model definition, same data, same `fit` arguments) ends with the same weights as a run that
/// was never interrupted: shuffles and dropout masks continue from the saved generator state.
///
/// The checkpoint is `backupDir/backup.cortex`, replaced crash-safely at each save and deleted
/// when training ends unless `deleteCheckpoint` is false. Epoch logs of a resumed epoch cover
/// only the batches run after the restart.
public final class BackupAndRestore: Callback {
    public let backupDir: URL
    public let saveFreq: CheckpointFrequency
    public let deleteCheckpoint: Bool
    /// The last failure to save or restore. A failed restore skips training entirely; a failed
    /// save stops it.
    public private(set) var error: Error?

    /// The checkpoint file.
    public var checkpointURL: URL { backupDir.appendingPathComponent("backup.cortex") }

    private var currentEpoch = 0
    private var epochRandomState: RandomGenerator.State?
    private var pendingRandomState: RandomGenerator.State?
    private var batchesSinceSave = 0

    /// Where training stands, saved as `training.json` inside the checkpoint.
    struct Progress: Codable {
        /// The next epoch and batch to run.
        let position: TrainingPosition
        /// The generator at the start of `position.epoch`, before its shuffle.
        let epochRandomState: RandomGenerator.State
        /// The generator after the batch before `position.batch`; nil at an epoch's start.
        let randomState: RandomGenerator.State?
    }

    public init(backupDir: URL, saveFreq: CheckpointFrequency = .epoch, deleteCheckpoint: Bool = true) {
        if case .batches(let count) = saveFreq {
            precondition(count > 0, "BackupAndRestore: saveFreq must be a positive number of batches, got \(count)")
        }
        self.backupDir = backupDir
        self.saveFreq = saveFreq
        self.deleteCheckpoint = deleteCheckpoint
        super.init()
    }

    public override func onTrainBegin(logs: Logs) {
        error = nil
        batchesSinceSave = 0
        guard let model, FileManager.default.fileExists(atPath: checkpointURL.path) else { return }
        do {
            let progress = try restore(into: model)
            Random.state = progress.epochRandomState
            pendingRandomState = progress.randomState
            model.resumePosition = progress.position
        } catch {
            fail(error, action: "restore from")
            model.resumePosition = TrainingPosition(epoch: Int.max)
        }
    }

    public override func onEpochBegin(_ epoch: Int, logs: Logs) {
        currentEpoch = epoch
        epochRandomState = Random.state
    }

    public override func onTrainBatchBegin(_ batch: Int, logs: Logs) {
        applyPendingRandomState()
    }

    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
        guard case .batches(let count) = saveFreq else { return }
        batchesSinceSave += 1
        guard batchesSinceSave >= count, let epochRandomState else { return }
        batchesSinceSave = 0
        save(Progress(position: TrainingPosition(epoch: currentEpoch, batch: batch + 1), epochRandomState: epochRandomState,
                      randomState: Random.state))
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) {
        // A checkpoint taken after an epoch's last batch resumes here, with no batch left to run.
        applyPendingRandomState()
        guard saveFreq == .epoch else { return }
        save(Progress(position: TrainingPosition(epoch: epoch + 1), epochRandomState: Random.state, randomState: nil))
    }

    public override func onTrainEnd(logs: Logs) {
        guard deleteCheckpoint, error == nil else { return }
        try? FileManager.default.removeItem(at: checkpointURL)
        if let remaining = try? FileManager.default.contentsOfDirectory(atPath: backupDir.path), remaining.isEmpty {
            try? FileManager.default.removeItem(at: backupDir)
        }
    }

    private func applyPendingRandomState() {
        if let pending = pendingRandomState {
            Random.state = pending
            pendingRandomState = nil
        }
    }

    private func save(_ progress: Progress) {
        guard let model, let configuration = model.compiled else { return }
        do {
            try FileManager.default.createDirectory(at: backupDir, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let archive = ModelArchive(config: nil, weights: try model.weightFile(),
                                       optimizer: OptimizerState.tensors(of: configuration.optimizer, variables: model.variables),
                                       training: try encoder.encode(progress))
            try archive.write(to: checkpointURL)
        } catch {
            fail(error, action: "save to")
            model.stopTraining = true
        }
    }

    /// Loads the checkpoint's weights and optimizer state into `model`; returns where to resume.
    private func restore(into model: Model) throws -> Progress {
        let archive = try ModelArchive.read(from: checkpointURL)
        func fail(_ reason: String) -> SavedModelError { .malformedFile(path: checkpointURL.path, reason: reason) }
        guard let training = archive.training, let optimizerState = archive.optimizer else {
            throw fail("not a BackupAndRestore checkpoint (training.json or optimizer.safetensors is missing)")
        }
        let progress: Progress
        do {
            progress = try JSONDecoder().decode(Progress.self, from: training)
        } catch {
            throw fail("training.json: \(error)")
        }
        let states = [progress.epochRandomState] + (progress.randomState.map { [$0] } ?? [])
        guard progress.position.epoch >= 0, progress.position.batch >= 0,
              states.allSatisfy({ RandomGenerator(state: $0) != nil }) else {
            throw fail("training.json holds an invalid position or generator state")
        }
        guard let configuration = model.compiled else { throw ModelError.notCompiled(model: model.name) }
        try model.assignWeights(archive.weights, skipMismatch: false)
        try OptimizerState.restore(optimizerState, into: configuration.optimizer, variables: model.variables)
        return progress
    }

    private func fail(_ error: Error, action: String) {
        self.error = error
        FileHandle.standardError.write(Data("BackupAndRestore: cannot \(action) \(checkpointURL.path): \(error)\n".utf8))
    }
}
