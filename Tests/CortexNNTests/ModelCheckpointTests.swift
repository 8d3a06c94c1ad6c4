import Cortex
import Foundation
import XCTest
@testable import CortexNN

final class ModelCheckpointTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        LayerNames.reset()
        Random.seed(4)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-checkpoint-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func makeModel() -> Model {
        let model = Sequential {
            Input(shape: [2])
            Dense(4, activation: .tanh)
            Dense(3, activation: .softmax)
        }
        model.compile(optimizer: Adam(learningRate: 0.05), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        return model
    }

    private let x = Tensor.randomNormal([24, 2])
    private var y: Tensor { (x.slice(axis: 1, start: 0, end: 1).reshaped(to: [-1]) .> 0) + (x.slice(axis: 1, start: 1, end: 2).reshaped(to: [-1]) .> 0.5) }

    func testPathTemplateFollowsPythonFormat() throws {
        let values: [String: Double] = ["epoch": 3, "val_loss": 0.123456, "lr": 0.00012, "acc": 0.75]
        XCTAssertEqual(try PathTemplate(template: "ckpt/epoch-{epoch:02d}-{val_loss:.2f}").formatted(values), "ckpt/epoch-03-0.12")
        XCTAssertEqual(try PathTemplate(template: "{epoch}_{acc}_{lr:.1e}_{{x}}_{epoch:4d}").formatted(values), "3_0.75_1.2e-04_{x}_   3")
        XCTAssertEqual(try PathTemplate(template: "{val_loss:08.3f}").formatted(values), "0000.123")
        XCTAssertThrowsError(try PathTemplate(template: "{missing}").formatted(values))
        XCTAssertThrowsError(try PathTemplate(template: "{epoch:x.2f}").formatted(values))
        XCTAssertThrowsError(try PathTemplate(template: "{epoch").formatted(values))
    }

    func testSavesEveryEpochUnderAFormattedName() throws {
        let model = makeModel()
        let pattern = directory.path + "/ckpt/epoch-{epoch:02d}-{val_loss:.2f}.cortex"
        let history = try model.fit(x, y, batchSize: 8, epochs: 3, verbose: .silent,
                                    callbacks: [ModelCheckpoint(filepath: pattern)], validationSplit: 0.25)
        let losses = try XCTUnwrap(history["val_loss"])
        let expected = losses.enumerated().map { String(format: "epoch-%02d-%.2f.cortex", $0.offset + 1, Double($0.element)) }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("ckpt").path).sorted()
        XCTAssertEqual(files, expected)
        let last = try Model.load(from: directory.appendingPathComponent("ckpt/" + expected[2]))
        XCTAssertEqual(try last.predict(x), try model.predict(x))
    }

    func testSaveBestOnlyKeepsTheBestEpochAndModeFollowsTheMetric() throws {
        XCTAssertTrue(ModelCheckpoint.maximizes("val_accuracy", .auto))
        XCTAssertTrue(ModelCheckpoint.maximizes("auc", .auto))
        XCTAssertFalse(ModelCheckpoint.maximizes("val_loss", .auto))
        XCTAssertTrue(ModelCheckpoint.maximizes("val_loss", .max))

        let model = makeModel()
        let best = directory.appendingPathComponent("best.safetensors")
        final class Snapshot: Callback {
            var weights: [[Tensor]] = []
            override func onEpochEnd(_ epoch: Int, logs: Logs) { weights.append(model!.variables.map(\.value)) }
        }
        let checkpoint = ModelCheckpoint(filepath: best.path, monitor: "loss", saveBestOnly: true, saveWeightsOnly: true)
        let snapshots = Snapshot()
        let history = try model.fit(x, y, batchSize: 6, epochs: 5, verbose: .silent, callbacks: [checkpoint, snapshots])
        let losses = try XCTUnwrap(history["loss"])
        let bestEpoch = losses.indices.min { losses[$0] < losses[$1] }!
        XCTAssertEqual(checkpoint.best, losses[bestEpoch])
        LayerNames.reset()
        let restored = makeModel()
        try restored.loadWeights(from: best)
        XCTAssertEqual(restored.variables.map(\.value), snapshots.weights[bestEpoch])
    }

    func testBatchFrequencyNamesEpochAndBatch() throws {
        let model = makeModel()
        let pattern = directory.path + "/w-{epoch}-{batch}.safetensors"
        try model.fit(x, y, batchSize: 8, epochs: 2, verbose: .silent,
                      callbacks: [ModelCheckpoint(filepath: pattern, saveWeightsOnly: true, saveFreq: .batches(2))])
        // Three batches per epoch: saves after global batches 2, 4 and 6.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(),
                       ["w-1-2.safetensors", "w-2-1.safetensors", "w-2-3.safetensors"])
    }

    func testFailedSaveStopsTrainingAndKeepsTheError() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let blocker = directory.appendingPathComponent("file")
        try Data().write(to: blocker)
        let checkpoint = ModelCheckpoint(filepath: blocker.path + "/model-{epoch}.cortex")
        let history = try makeModel().fit(x, y, batchSize: 8, epochs: 3, verbose: .silent, callbacks: [checkpoint])
        XCTAssertEqual(history.epochs, [0])
        XCTAssertNotNil(checkpoint.error)
    }
}
