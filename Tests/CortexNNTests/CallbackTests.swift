import Cortex
import Foundation
import XCTest
@testable import CortexNN

/// Keras' callbacks: monitored sequences crafted to hit each rule, and short fits.
final class CallbackTests: XCTestCase {
    private let silent: (String) -> Void = { _ in }

    /// Feeds `values` of `key` as epoch logs until the callback stops training; returns the
    /// epoch it stopped at, nil when it never did.
    private func stopEpoch(_ callback: Callback, _ values: [Float], key: String = "loss") throws -> Int? {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        callback.model = model
        try callback.onTrainBegin(logs: [:])
        for (epoch, value) in values.enumerated() {
            try callback.onEpochEnd(epoch, logs: [key: value])
            if model.stopTraining { return epoch }
        }
        return nil
    }

    func testEarlyStoppingCountsPatienceFromTheLastImprovement() throws {
        // 0.9 improves; 0.95 and 0.92 do not: the second miss reaches patience 2.
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "loss", patience: 2), [1, 0.9, 0.95, 0.92, 0.8]), 3)
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "loss", patience: 0), [1, 0.9, 0.95]), 2)
        XCTAssertNil(try stopEpoch(EarlyStopping(monitor: "loss", patience: 0), [3, 2, 1]))
    }

    func testEarlyStoppingMinDeltaIgnoresSmallGains() throws {
        XCTAssertNil(try stopEpoch(EarlyStopping(monitor: "loss", patience: 1), [1, 0.95, 0.85]))
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "loss", minDelta: 0.1, patience: 1), [1, 0.95, 0.85]), 1)
        // A negative minDelta counts as its magnitude, as in Keras.
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "loss", minDelta: -0.1, patience: 1), [1, 0.95, 0.85]), 1)
    }

    func testEarlyStoppingBaselineMustBeBeatenToResetPatience() throws {
        // Accuracy is maximised in auto mode. Without a baseline, 0.6 resets the count.
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "val_accuracy", patience: 2), [0.5, 0.6, 0.6, 0.6], key: "val_accuracy"), 3)
        // Below the 0.9 baseline nothing resets it: the first miss at epoch 2 finds 3 epochs waited.
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "val_accuracy", patience: 2, baseline: 0.9), [0.5, 0.6, 0.6, 0.6],
                                     key: "val_accuracy"), 2)
    }

    func testEarlyStoppingStartFromEpochSkipsWarmUp() throws {
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "loss"), [1, 2, 3, 4]), 1)
        XCTAssertEqual(try stopEpoch(EarlyStopping(monitor: "loss", startFromEpoch: 2), [1, 2, 3, 4]), 3)
    }

    func testEarlyStoppingModes() throws {
        XCTAssertFalse(EarlyStopping(monitor: "val_loss").maximizes)
        XCTAssertFalse(EarlyStopping(monitor: "dense_1_loss").maximizes)
        XCTAssertFalse(EarlyStopping(monitor: "val_mean_squared_error").maximizes)
        XCTAssertTrue(EarlyStopping(monitor: "val_accuracy").maximizes)
        XCTAssertTrue(EarlyStopping(monitor: "auc").maximizes)
        XCTAssertTrue(EarlyStopping(monitor: "val_sparse_categorical_accuracy").maximizes)
        XCTAssertTrue(EarlyStopping(monitor: "loss", mode: .max).maximizes)
        XCTAssertFalse(EarlyStopping(monitor: "accuracy", mode: .min).maximizes)
        // In max mode a rising loss is progress.
        XCTAssertNil(try stopEpoch(EarlyStopping(monitor: "loss", mode: .max), [1, 2, 3]))
    }

    func testEarlyStoppingIgnoresAMissingMonitor() throws {
        XCTAssertNil(try stopEpoch(EarlyStopping(monitor: "val_loss"), [1, 2, 3], key: "loss"))
    }

    func testEarlyStoppingRestoresTheBestEpochWeights() throws {
        Random.seed(3)
        let x = Tensor([[1], [2], [3], [4]]), y = Tensor([[2], [4], [6], [8]])
        let model = Sequential { Input(shape: [1]); Dense(1, kernelInitializer: .zeros) }
        model.compile(optimizer: SGD(learningRate: 0.05), loss: .meanSquaredError)
        var weightsAtEpochEnd: [[Float]] = []
        let recorder = LambdaCallback(onEpochEnd: { _, _ in weightsAtEpochEnd.append(model.variables.flatMap(\.value.scalars)) })
        // Converges for 3 epochs, then a rate of 2 makes it diverge.
        let schedule = LearningRateScheduler(schedule: { epoch, _ in epoch < 3 ? 0.05 : 2 })
        var printed = ""
        let stopping = EarlyStopping(monitor: "loss", patience: 2, verbose: 1, restoreBestWeights: true, output: { printed += $0 })
        let history = try model.fit(x, y, batchSize: 4, epochs: 20, verbose: .silent, callbacks: [schedule, recorder, stopping])
        let losses = try XCTUnwrap(history["loss"])
        let best = losses.indices.min { losses[$0] < losses[$1] }!
        XCTAssertEqual(stopping.bestEpoch, best)
        XCTAssertEqual(history.epochs.count, best + 3, "stops after two epochs without improvement")
        XCTAssertLessThan(history.epochs.count, 20)
        XCTAssertEqual(model.variables.flatMap(\.value.scalars), weightsAtEpochEnd[best])
        XCTAssertNotEqual(weightsAtEpochEnd[best], weightsAtEpochEnd.last)
        XCTAssertEqual(printed, "Epoch \(best + 3): early stopping\nRestoring model weights from the end of the best epoch: \(best + 1).\n")
    }

    func testReduceLROnPlateauWaitsPatienceAndCooldownDownToMinLR() throws {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        let optimizer = SGD(learningRate: 1)
        model.compile(optimizer: optimizer, loss: .meanSquaredError)
        var printed: [String] = []
        let callback = try ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1, verbose: 1, cooldown: 2, minLR: 0.2,
                                             output: { printed.append($0) })
        callback.model = model
        callback.onTrainBegin(logs: [:])
        var rates: [Float] = []
        for epoch in 0..<7 {
            try callback.onEpochEnd(epoch, logs: ["loss": 1])
            rates.append(optimizer.currentLearningRate)
        }
        XCTAssertEqual(rates, [1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2])
        XCTAssertEqual(printed, [0.5, 0.25, 0.2].enumerated().map { "\nEpoch \(2 * $0.offset + 2): ReduceLROnPlateau reducing learning rate to \($0.element).\n" })
        XCTAssertThrowsError(try ReduceLROnPlateau(factor: 1))
    }

    func testReduceLROnPlateauLogsTheRateThroughFit() throws {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(learningRate: 0.4), loss: .meanSquaredError)
        // A minDelta of 10 makes every epoch after the first a plateau.
        let plateau = try ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 1, minDelta: 10, output: silent)
        let x = Tensor([[0.1], [0.2]]), y = Tensor([[0.1], [0.2]])
        let history = try model.fit(x, y, epochs: 3, verbose: .silent, callbacks: [plateau], validationData: (x, y))
        // The logged rate is the one the epoch trained with; a reduction applies from the next.
        XCTAssertEqual(history["learning_rate"], [0.4, 0.4, 0.2])
        XCTAssertEqual(model.compiled!.optimizer.currentLearningRate, 0.1)
    }

    func testLearningRateSchedulerSetsTheRateEachEpoch() throws {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        let optimizer = SGD(learningRate: 0.1)
        model.compile(optimizer: optimizer, loss: .meanSquaredError)
        var seen: [Float] = []
        let scheduler = LearningRateScheduler(schedule: { epoch, rate in
            seen.append(rate)
            return epoch == 0 ? rate : rate / 2
        })
        let history = try model.fit(Tensor([[1], [2]]), Tensor([[1], [2]]), epochs: 3, verbose: .silent, callbacks: [scheduler])
        XCTAssertEqual(seen, [0.1, 0.1, 0.05])
        XCTAssertEqual(history["learning_rate"], [0.1, 0.05, 0.025])
        XCTAssertEqual(optimizer.currentLearningRate, 0.025)
    }

    func testLearningRateIsNotLoggedWithoutARateCallback() throws {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        let history = try model.fit(Tensor([[1]]), Tensor([[1]]), epochs: 1, verbose: .silent)
        XCTAssertNil(history["learning_rate"])
    }

    func testScheduledOptimizerRefusesCallbackRates() throws {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(learningRate: ExponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5)),
                      loss: .meanSquaredError)
        let scheduler = LearningRateScheduler(schedule: { _, rate in rate })
        XCTAssertThrowsError(try model.fit(Tensor([[1]]), Tensor([[1]]), epochs: 1, verbose: .silent, callbacks: [scheduler])) { error in
            XCTAssertTrue("\(error)".contains("learning rate is not settable"), "\(error)")
        }
    }

    func testCSVLoggerWritesKerasRowsAndAppends() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        func run(_ logger: CSVLogger, _ epochs: [Logs]) throws {
            try logger.onTrainBegin(logs: [:])
            for (epoch, logs) in epochs.enumerated() { try logger.onEpochEnd(epoch, logs: logs) }
            try logger.onTrainEnd(logs: [:])
        }
        try run(CSVLogger(filename: path), [["loss": 0.5, "accuracy": 0.25], ["loss": 0.25, "accuracy": 0.5]])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                       "epoch,accuracy,loss,val_accuracy,val_loss\r\n0,0.25,0.5,NA,NA\r\n1,0.5,0.25,NA,NA\r\n")
        try run(CSVLogger(filename: path, append: true), [["loss": 0.125, "accuracy": 0.75]])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                       "epoch,accuracy,loss,val_accuracy,val_loss\r\n0,0.25,0.5,NA,NA\r\n1,0.5,0.25,NA,NA\r\n0,0.75,0.125,NA,NA\r\n")
        // Without append the file starts over; validation keys are kept as they come.
        try run(CSVLogger(filename: path, separator: ";"), [["loss": 1.5, "val_loss": 2]])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "epoch;loss;val_loss\r\n0;1.5;2.0\r\n")
    }

    func testCSVLoggerDuringFit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        let history = try model.fit(Tensor([[1], [2]]), Tensor([[1], [2]]), epochs: 2, verbose: .silent, callbacks: [CSVLogger(filename: path)])
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        XCTAssertEqual(lines, ["epoch,loss,val_loss", "0,\(history["loss"]![0]),NA", "1,\(history["loss"]![1]),NA", ""])
    }

    func testTerminateOnNaNStopsAtTheFirstInvalidLoss() throws {
        let callback = TerminateOnNaN(output: silent)
        let model = Sequential { Input(shape: [1]); Dense(1) }
        callback.model = model
        try callback.onTrainBatchEnd(0, logs: ["loss": 1])
        XCTAssertFalse(model.stopTraining)
        try callback.onTrainBatchEnd(1, logs: ["loss": .infinity])
        XCTAssertTrue(model.stopTraining)
        XCTAssertThrowsError(try TerminateOnNaN(raiseError: true).onTrainBatchEnd(2, logs: ["loss": .nan])) { error in
            XCTAssertEqual((error as? TerminateOnNaN.InvalidLoss)?.batch, 2)
            XCTAssertTrue("\(error)".contains("NaN or Inf loss encountered at batch 2"), "\(error)")
        }
    }

    func testTerminateOnNaNEndsADivergingFit() throws {
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(learningRate: 1e30), loss: .meanSquaredError)
        var batches = 0
        let counter = LambdaCallback(onBatchEnd: { _, _ in batches += 1 })
        let x = Tensor([[1], [2], [3], [4]]), y = Tensor([[1], [2], [3], [4]])
        let history = try model.fit(x, y, batchSize: 1, epochs: 5, verbose: .silent,
                                    callbacks: [TerminateOnNaN(output: silent), counter], shuffle: false)
        XCTAssertEqual(history.epochs, [0])
        XCTAssertLessThan(batches, 4)
        XCTAssertFalse(history["loss"]![0].isFinite)
    }

    func testLambdaCallbackHooksRunInKerasOrder() throws {
        var events: [String] = []
        let callback = LambdaCallback(onEpochBegin: { epoch, _ in events.append("epochBegin \(epoch)") },
                                      onEpochEnd: { epoch, logs in events.append("epochEnd \(epoch) \(logs.keys.sorted())") },
                                      onBatchBegin: { batch, _ in events.append("batchBegin \(batch)") },
                                      onBatchEnd: { batch, _ in events.append("batchEnd \(batch)") },
                                      onTrainBegin: { _ in events.append("trainBegin") },
                                      onTrainEnd: { _ in events.append("trainEnd") })
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        try model.fit(Tensor([[1], [2], [3]]), Tensor([[1], [2], [3]]), batchSize: 2, epochs: 2, verbose: .silent, callbacks: [callback])
        XCTAssertEqual(events, ["trainBegin",
                                "epochBegin 0", "batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1", "epochEnd 0 [\"loss\"]",
                                "epochBegin 1", "batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1", "epochEnd 1 [\"loss\"]",
                                "trainEnd"])
    }

    func testAThrowingCallbackEndsFit() throws {
        struct Refused: Error {}
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        let callback = LambdaCallback(onEpochEnd: { _, _ in throw Refused() })
        XCTAssertThrowsError(try model.fit(Tensor([[1]]), Tensor([[1]]), epochs: 3, verbose: .silent, callbacks: [callback])) { error in
            XCTAssertTrue(error is Refused)
        }
    }
}
