import Cortex
import CortexData
import XCTest
@testable import CortexNN

final class DatasetTrainingTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
    }

    private let x = Tensor(shape: [10, 3], scalars: (0..<30).map { Float(($0 * 7) % 11) / 10 - 0.5 })
    private let y = Tensor(shape: [10, 1], scalars: (0..<10).map { Float(($0 * 3) % 5) / 4 })

    /// The same initial weights every time.
    private func model(loss: Loss = .meanSquaredError) -> Sequential {
        Random.seed(21)
        let model = Sequential { Input(shape: [3]); Dense(4, activation: .tanh); Dense(1) }
        model.compile(optimizer: SGD(learningRate: 0.1, momentum: 0.5), loss: loss)
        return model
    }

    /// Records the positions whose examples the dataset made, in order.
    private final class Trace {
        var positions: [Int] = []
    }

    /// Five batches of two samples; batch `i` is recorded in `trace` when it is made.
    private func tracedBatches(_ trace: Trace) -> Dataset<Example> {
        Dataset(count: 5) { [x, y] index in
            trace.positions.append(index)
            return Example(x.slice(axis: 0, start: 2 * index, end: 2 * index + 2), y.slice(axis: 0, start: 2 * index, end: 2 * index + 2))
        }
    }

    func testFitOnADatasetReachesTheWeightsOfFitOnArrays() throws {
        let reference = model()
        try reference.fit(x, y, batchSize: 4, epochs: 3, verbose: .silent, shuffle: false)
        let gathered = model()
        try gathered.fit(try Dataset(x: x, y: y).batched(4), epochs: 3, verbose: .silent)
        XCTAssertEqual(gathered.variables.map(\.value), reference.variables.map(\.value))
        let stacked = model()
        try stacked.fit(try Dataset(x: x, y: y).filter { _ in true }.batched(4).prefetched(), epochs: 3, verbose: .silent)
        XCTAssertEqual(stacked.variables.map(\.value), reference.variables.map(\.value))
        XCTAssertNotEqual(model().variables.map(\.value), reference.variables.map(\.value), "training moved the weights")
    }

    func testClassWeightsAndSampleWeightsOnDatasets() throws {
        let labels = Tensor([0, 1, 1, 0, 1, 1, 0, 1, 1, 1])
        let weights = Tensor(labels.scalars.map { $0 == 1 ? 3 : 0.5 })
        let byClass = model(loss: .binaryCrossentropy)
        try byClass.fit(try Dataset(x: x, y: labels).batched(5), epochs: 2, verbose: .silent, classWeight: [0: 0.5, 1: 3])
        let bySample = model(loss: .binaryCrossentropy)
        try bySample.fit(try Dataset(x: x, y: labels, sampleWeight: weights).batched(5), epochs: 2, verbose: .silent)
        XCTAssertEqual(byClass.variables.map(\.value), bySample.variables.map(\.value))
        let arrays = model(loss: .binaryCrossentropy)
        try arrays.fit(x, labels, batchSize: 5, epochs: 2, verbose: .silent, shuffle: false, classWeight: [0: 0.5, 1: 3])
        XCTAssertEqual(arrays.variables.map(\.value), bySample.variables.map(\.value))
    }

    func testWithoutStepsPerEpochEachEpochIsOnePass() throws {
        let trace = Trace()
        let history = try model().fit(tracedBatches(trace), epochs: 2, verbose: .silent)
        XCTAssertEqual(trace.positions, [0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
        XCTAssertEqual(history.epochs, [0, 1])
    }

    func testStepsPerEpochContinuesIterationAcrossEpochs() throws {
        let trace = Trace()
        try model().fit(tracedBatches(trace).repeated(), epochs: 3, stepsPerEpoch: 3, verbose: .silent)
        XCTAssertEqual(trace.positions, [0, 1, 2, 3, 4, 0, 1, 2, 3])
    }

    func testDataRunningOutEndsTheEpochAndTheNextStartsANewPass() throws {
        let trace = Trace()
        let history = try model().fit(tracedBatches(trace), epochs: 3, stepsPerEpoch: 3, verbose: .silent)
        XCTAssertEqual(trace.positions, [0, 1, 2, 3, 4, 0, 1, 2])
        XCTAssertEqual(history.epochs, [0, 1, 2])
        let exact = Trace()
        try model().fit(tracedBatches(exact).take(4), epochs: 3, stepsPerEpoch: 2, verbose: .silent)
        XCTAssertEqual(exact.positions, [0, 1, 2, 3, 0, 1], "a pass ending with an epoch restarts with the next")
    }

    func testValidationDatasetMatchesEvaluate() throws {
        let model = model()
        let train = try Dataset(x: x, y: y).shuffled(seed: 1).batched(3)
        let validation = try Dataset(x: x.slice(axis: 0, end: 6), y: y.slice(axis: 0, end: 6)).batched(4)
        let history = try model.fit(train, epochs: 2, validationData: validation, validationSteps: 1, verbose: .silent)
        let firstBatch = try model.evaluate(x.slice(axis: 0, end: 4), y.slice(axis: 0, end: 4))
        XCTAssertEqual(history["val_loss"]!.last!, firstBatch["loss"]!, accuracy: 1e-6)
        XCTAssertEqual(history["loss"]!.count, 2)
    }

    func testEvaluateAndPredictOnDatasets() throws {
        let model = model()
        try model.fit(x, y, batchSize: 5, epochs: 1, verbose: .silent, shuffle: false)
        let arrays = try model.evaluate(x, y, batchSize: 4)
        let batches = try Dataset(x: x, y: y).batched(4)
        XCTAssertEqual(try model.evaluate(batches)["loss"]!, arrays["loss"]!, accuracy: 1e-6)
        let firstTwo = try model.evaluate(x.slice(axis: 0, end: 8), y.slice(axis: 0, end: 8))
        XCTAssertEqual(try model.evaluate(batches, steps: 2)["loss"]!, firstTwo["loss"]!, accuracy: 1e-6)

        let predicted = try model.predict(x)
        XCTAssertEqual(try model.predict(batches), predicted)
        XCTAssertEqual(try model.predict(try Dataset(x: x).batched(3)), predicted)
        XCTAssertEqual(try model.predict(batches.repeated(), steps: 2), predicted.slice(axis: 0, end: 8))
        XCTAssertEqual(try model.predictOutputs(batches), [predicted])
    }

    func testProgressBarWithUnknownTotal() throws {
        var lines = ""
        let logger = ProgbarLogger(verbosity: .progressBar) { lines += $0 }
        var made = 0
        let generator = Dataset<Example> { [x, y] in
            made += 1
            return made > 3 ? nil : Example(x.slice(axis: 0, end: 2), y.slice(axis: 0, end: 2))
        }
        try model().fit(generator, epochs: 1, callbacks: [logger])
        XCTAssertTrue(lines.hasPrefix("Epoch 1/1\n"), lines)
        XCTAssertTrue(lines.contains("3/Unknown"), lines)
        XCTAssertTrue(lines.contains("loss: "), lines)
    }

    func testDatasetMistakesThrowClearErrors() throws {
        let model = model()
        XCTAssertThrowsError(try model.fit(try Dataset(x: x, y: y), verbose: .silent)) { error in
            XCTAssertEqual("\(error)", "data: its elements have shape [3], one sample of sequential's input (None, 3); batch the dataset with batched(_:)")
        }
        XCTAssertThrowsError(try model.fit(try Dataset(x: x, y: y).batched(4).take(0), verbose: .silent)) { error in
            XCTAssertEqual("\(error)", "data: yielded no batch to train on in epoch 1")
        }
        XCTAssertThrowsError(try model.fit(try Dataset(x: x, y: y).batched(4), stepsPerEpoch: 0, verbose: .silent))
        XCTAssertThrowsError(try model.fit(try Dataset(x: Tensor.zeros([4, 2]), y: Tensor.zeros([4, 1])).batched(2), verbose: .silent)) { error in
            XCTAssertEqual("\(error)", "data: sequential expects input shape (None, 3), got (None, 2)")
        }
        struct Unreadable: Error {}
        let failing = Dataset<Example>(count: 3) { index in
            if index == 1 { throw Unreadable() }
            return Example(Tensor.zeros([2, 3]), Tensor.zeros([2, 1]))
        }
        XCTAssertThrowsError(try model.fit(failing, verbose: .silent)) { XCTAssertTrue($0 is Unreadable) }
    }
}
