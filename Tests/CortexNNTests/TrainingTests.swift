import Cortex
import CortexData
import CortexTestSupport
import XCTest
@testable import CortexNN

final class TrainingTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(3)
    }

    /// Digits (1,797 real 8×8 scans), stratified 80/20 split, scaled to [0, 1].
    private func digits() throws -> TrainTestSplit {
        let data = try Datasets.digits()
        return try trainTestSplit(data.data / 16, data.target, testSize: 0.2, randomState: 42, stratify: data.target)
    }

    func testMLPLearnsDigitsWithSparseLabels() throws {
        let split = try digits()
        let model = Sequential {
            Input(shape: [64])
            Dense(64, activation: .relu)
            Dense(10, activation: .softmax)
        }
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(split.xTrain, split.yTrain, batchSize: 32, epochs: 8, verbose: .silent, validationSplit: 0.1)
        let losses = try XCTUnwrap(history["loss"])
        XCTAssertEqual(losses.count, 8)
        XCTAssertLessThan(losses.last!, losses.first! * 0.5)
        XCTAssertNotNil(history["val_accuracy"])
        let result = try model.evaluate(split.xTest, split.yTest)
        // A 64-64-10 MLP on digits reaches about 96–97% test accuracy; 93% leaves room for seeds.
        XCTAssertGreaterThan(result["accuracy"]!, 0.93, "\(result)")
        let predicted = try model.predict(split.xTest).argmax(axis: -1)
        let accuracy = (predicted .== split.yTest).mean().scalar
        XCTAssertEqual(accuracy, result["accuracy"]!, accuracy: 1e-6)
    }

    func testOneHotTargetsWithCategoricalCrossentropyFromLogits() throws {
        let split = try digits()
        let model = Sequential { Input(shape: [64]); Dense(32, activation: .tanh); Dense(10) }
        model.compile(optimizer: RMSprop(learningRate: 0.01), loss: .categoricalCrossentropy(fromLogits: true),
                      metrics: [.categoricalAccuracy, .topKCategoricalAccuracy(k: 3)])
        let yTrain = Tensor.oneHot(indices: split.yTrain, depth: 10)
        try model.fit(split.xTrain, yTrain, batchSize: 64, epochs: 6, verbose: .silent)
        let result = try model.evaluate(split.xTest, Tensor.oneHot(indices: split.yTest, depth: 10))
        XCTAssertGreaterThan(result["categorical_accuracy"]!, 0.9, "\(result)")
        XCTAssertGreaterThanOrEqual(result["top_k_categorical_accuracy"]!, result["categorical_accuracy"]!)
    }

    func testMultiInputMultiOutputReportsPerOutputLosses() throws {
        let split = try digits()
        let left = Input(shape: [32]), right = Input(shape: [32])
        let features = Concatenate()([Dense(16, activation: .relu)(left), Dense(16, activation: .relu)(right)])
        let digit = Dense(10, activation: .softmax, name: "digit")(features)
        let parity = Dense(1, activation: .sigmoid, name: "parity")(features)
        let model = try Model(inputs: [left, right], outputs: [digit, parity])
        model.compile(optimizer: Adam(learningRate: 0.01), loss: [.sparseCategoricalCrossentropy, .binaryCrossentropy],
                      metrics: [.accuracy], lossWeights: [1, 0.5])
        let halves = [split.xTrain.slice(axis: 1, end: 32), split.xTrain.slice(axis: 1, start: 32)]
        let parityLabels = split.yTrain.mapParity()
        let history = try model.fit(halves, [split.yTrain, parityLabels], batchSize: 32, epochs: 5, verbose: .silent)
        for key in ["loss", "digit_loss", "parity_loss", "digit_accuracy", "parity_accuracy"] {
            XCTAssertNotNil(history[key], "missing \(key) in \(history.history.keys.sorted())")
        }
        // The total is the weighted sum of the per-output losses.
        let last = history.history.mapValues { $0.last! }
        XCTAssertEqual(last["loss"]!, last["digit_loss"]! + 0.5 * last["parity_loss"]!, accuracy: 1e-3)
        XCTAssertGreaterThan(last["parity_accuracy"]!, 0.85)
    }

    func testFrozenLayerWeightsAreBitIdenticalAfterFit() throws {
        let split = try digits()
        let frozen = Dense(16, activation: .relu)
        let model = Sequential { Input(shape: [64]); frozen; Dense(10, activation: .softmax) }
        frozen.trainable = false
        let before = frozen.variables.map(\.value)
        model.compile(optimizer: SGD(learningRate: 0.1), loss: .sparseCategoricalCrossentropy)
        try model.fit(split.xTrain, split.yTrain, epochs: 1, verbose: .silent)
        XCTAssertEqual(frozen.variables.map(\.value), before)
    }

    func testBadInputsThrowClearErrors() throws {
        let model = Sequential { Input(shape: [4]); Dense(3, activation: .softmax) }
        XCTAssertThrowsError(try model.fit(Tensor.zeros([2, 4]), Tensor([0, 1]), verbose: .silent)) { error in
            XCTAssertEqual(error as? ModelError, .notCompiled(model: "sequential"))
        }
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        XCTAssertThrowsError(try model.fit(Tensor.zeros([2, 5]), Tensor([0, 1]), verbose: .silent)) { error in
            XCTAssertEqual("\(error)", "x: sequential expects input shape (None, 4), got (None, 5)")
        }
        XCTAssertThrowsError(try model.fit(Tensor.zeros([2, 4]), Tensor([0, 3]), verbose: .silent)) { error in
            XCTAssertEqual("\(error)", "y: sparse labels must be whole numbers in 0..<3 (the output size), found 3.0")
        }
        XCTAssertThrowsError(try model.fit(Tensor.zeros([2, 4]), Tensor([0, 1, 2]), verbose: .silent)) { error in
            XCTAssertEqual("\(error)", "y: has 3 samples, but x has 2")
        }
        XCTAssertThrowsError(try model.predict(Tensor([[1, .nan, 0, 0]]))) { error in
            XCTAssertEqual("\(error)", "x: contains NaN or infinity")
        }
        XCTAssertThrowsError(try model.fit(Tensor.zeros([2, 4]), Tensor([0, 1]), batchSize: 0, verbose: .silent))
    }

    func testRegularizationIsPartOfTheReportedLoss() throws {
        let model = Sequential { Input(shape: [2]); Dense(1, kernelInitializer: .ones, kernelRegularizer: .L2(0.5)) }
        model.compile(optimizer: SGD(learningRate: 0), loss: .meanSquaredError)
        let x = Tensor([[1, 1]]), y = Tensor([[2]])
        // prediction 2 → mse 0; penalty 0.5 · (1² + 1²) = 1.
        XCTAssertEqual(try model.evaluate(x, y)["loss"]!, 1, accuracy: 1e-6)
        XCTAssertEqual(try model.trainOnBatch(x, y)["loss"]!, 1, accuracy: 1e-6)
    }

    func testEarlyStopFlagEndsTraining() throws {
        final class StopAfterTwo: Callback {
            override func onEpochEnd(_ epoch: Int, logs: Logs) { if epoch == 1 { model?.stopTraining = true } }
        }
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        let history = try model.fit(Tensor([[1], [2]]), Tensor([[2], [4]]), epochs: 10, verbose: .silent, callbacks: [StopAfterTwo()])
        XCTAssertEqual(history.epochs, [0, 1])
    }
}

private extension Tensor {
    func mapParity() -> Tensor { Tensor(scalars.map { Float(Int($0) % 2) }).reshaped(to: [-1, 1]) }
}
