import Cortex
import Foundation
import XCTest
@testable import CortexNN

#if canImport(Glibc)
import Glibc
#endif

/// Ends the process abruptly, as a crash or `kill -9` would, after a given batch.
private final class KillAfterBatch: Callback {
    let epoch: Int, batch: Int
    private var currentEpoch = 0

    init(epoch: Int, batch: Int) {
        self.epoch = epoch
        self.batch = batch
    }

    override func onEpochBegin(_ epoch: Int, logs: Logs) { currentEpoch = epoch }

    override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
        if currentEpoch == epoch && batch == self.batch { kill(getpid(), SIGKILL) }
    }
}

/// Stops `fit` at the end of a given epoch.
private final class StopAfterEpoch: Callback {
    let epoch: Int
    init(epoch: Int) { self.epoch = epoch }
    override func onEpochEnd(_ epoch: Int, logs: Logs) {
        if epoch == self.epoch { model?.stopTraining = true }
    }
}

final class BackupAndRestoreTests: XCTestCase {
    /// Set in the environment of the child process that trains until it kills itself.
    private static let childDirectoryVariable = "CORTEX_BACKUP_CHILD_DIRECTORY"
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-backup-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The same model and initial weights in any process: explicit names, a fixed seed, and
    /// dropout and shuffling so that resuming must restore the random generator.
    private func makeModel() -> Model {
        Random.seed(21)
        let model = Sequential(name: "net") {
            Input(shape: [3], name: "features")
            Dense(8, activation: .relu, name: "hidden")
            Dropout(0.3, name: "drop")
            Dense(1, name: "out")
        }
        model.compile(optimizer: Nadam(learningRate: 0.01), loss: .meanSquaredError)
        return model
    }

    private func train(_ model: Model, callbacks: [Callback]) throws -> History {
        var generator = RandomGenerator(seed: 99)
        let x = Tensor.randomNormal([40, 3], generator: &generator)
        let y = (x * Tensor([0.5, -1, 2])).sum(axis: -1, keepDims: true)
        return try model.fit(x, y, batchSize: 4, epochs: 4, verbose: .silent, callbacks: callbacks)
    }

    func testFitKilledMidEpochResumesToTheUninterruptedWeights() throws {
        if let childDirectory = ProcessInfo.processInfo.environment[Self.childDirectoryVariable] {
            // The child's role: train with backups every 3 batches until killed in epoch 2.
            let backup = BackupAndRestore(backupDir: URL(fileURLWithPath: childDirectory), saveFreq: .batches(3))
            _ = try train(makeModel(), callbacks: [backup, KillAfterBatch(epoch: 2, batch: 5)])
            return XCTFail("the training process should have been killed")
        }
        #if os(Linux)
        let testBinary = CommandLine.arguments[0]
        guard testBinary.hasSuffix(".xctest"), FileManager.default.isExecutableFile(atPath: testBinary) else {
            throw XCTSkip("the test bundle is not an executable that can be started again")
        }
        #else
        throw XCTSkip("re-running the test bundle as a child process is implemented for Linux")
        #endif
        let reference = makeModel()
        _ = try train(reference, callbacks: [])

        let child = Process()
        child.executableURL = URL(fileURLWithPath: testBinary)
        child.arguments = ["CortexNNTests.BackupAndRestoreTests/testFitKilledMidEpochResumesToTheUninterruptedWeights"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childDirectoryVariable: directory.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        child.terminationHandler = { _ in finished.signal() }
        try child.run()
        guard finished.wait(timeout: .now() + 120) == .success else {
            child.terminate()
            return XCTFail("the training child did not finish within 120 s")
        }
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        XCTAssertEqual(child.terminationStatus, SIGKILL)
        let backup = BackupAndRestore(backupDir: directory, saveFreq: .batches(3))
        XCTAssertTrue(FileManager.default.fileExists(atPath: backup.checkpointURL.path), "the child left no checkpoint")

        let restarted = makeModel()
        let history = try train(restarted, callbacks: [backup])
        XCTAssertNil(backup.error)
        XCTAssertEqual(history.epochs, [2, 3], "training resumes in the epoch it was killed in")
        XCTAssertEqual(restarted.variables.map(\.value), reference.variables.map(\.value))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path), "the finished run deletes its checkpoint")
    }

    func testStoppedAtAnEpochEndResumesFromTheNextEpoch() throws {
        let reference = makeModel()
        _ = try train(reference, callbacks: [])

        let interrupted = makeModel()
        let first = BackupAndRestore(backupDir: directory, deleteCheckpoint: false)
        XCTAssertEqual(try train(interrupted, callbacks: [first, StopAfterEpoch(epoch: 1)]).epochs, [0, 1])
        XCTAssertTrue(FileManager.default.fileExists(atPath: first.checkpointURL.path))

        let resumed = makeModel()
        let second = BackupAndRestore(backupDir: directory)
        XCTAssertEqual(try train(resumed, callbacks: [second]).epochs, [2, 3])
        XCTAssertEqual(resumed.variables.map(\.value), reference.variables.map(\.value))
        XCTAssertEqual(resumed.compiled?.optimizer.iterations, 40)
    }

    func testDamagedCheckpointSkipsTrainingWithATypedError() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let backup = BackupAndRestore(backupDir: directory)
        try Data("not a checkpoint".utf8).write(to: backup.checkpointURL)
        let model = makeModel()
        let before = model.variables.map(\.value)
        let history = try train(model, callbacks: [backup])
        XCTAssertEqual(history.epochs, [])
        XCTAssertEqual(model.variables.map(\.value), before)
        guard case SavedModelError.malformedFile(let path, _)? = backup.error else { return XCTFail("\(String(describing: backup.error))") }
        XCTAssertEqual(path, backup.checkpointURL.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: backup.checkpointURL.path), "a checkpoint that failed to load is kept")
    }
}
