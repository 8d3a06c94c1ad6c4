import Cortex
import CortexData
import Foundation
import XCTest
@testable import CortexNN

/// A layer outside the library: `y = x · factor + shift`, saved through `LayerRegistry`.
final class ScaleAndShift: Layer, SerializableLayer {
    let shift: Float
    private(set) var factor: Variable!

    init(shift: Float, name: String? = nil) {
        self.shift = shift
        super.init(name: name)
    }

    convenience init(config: ConfigReader) throws {
        self.init(shift: try config.float("shift"), name: try config.name)
    }

    override func build(inputShape: [Int]) throws {
        factor = addWeight(name: "factor", shape: [inputShape.last!], initializer: .randomUniform(lower: 0.5, upper: 1.5))
    }

    override func call(_ input: Tensor, training: Bool) -> Tensor { input * factor.value + shift }

    override var config: [String: ConfigValue] { ["shift": .double(Double(shift))] }
}

final class ModelSavingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        LayerNames.reset()
        Random.seed(11)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-saving-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    private func assertSameWeights(_ a: Model, _ b: Model, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.variables.map(\.name), b.variables.map(\.name), file: file, line: line)
        XCTAssertEqual(a.variables.map(\.value), b.variables.map(\.value), file: file, line: line)
    }

    func testSequentialConvNetRoundTripsBitForBit() throws {
        let model = Sequential {
            Input(shape: [6, 6, 2])
            Conv2D(3, kernelSize: 3, padding: .same, activation: .relu, kernelInitializer: .heNormal,
                   kernelRegularizer: .L2(0.001))
            BatchNormalization(momentum: 0.9)
            MaxPooling2D(poolSize: 2)
            DepthwiseConv2D(kernelSize: [2, 1], depthMultiplier: 2)
            ZeroPadding2D(padding: (1, 0, 0, 2))
            Flatten()
            Dropout(0.25)
            Dense(4, activation: .softmax, activityRegularizer: .L1(0.01))
        }
        let x = Tensor.randomNormal([10, 6, 6, 2]), y = Tensor((0..<10).map { Float($0 % 4) })
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.fit(x, y, batchSize: 4, epochs: 1, verbose: .silent)
        try model.save(to: url("convnet.cortex"))

        let loaded = try XCTUnwrap(try Model.load(from: url("convnet.cortex")) as? Sequential)
        XCTAssertEqual(loaded.layers.map(\.name), model.layers.map(\.name))
        XCTAssertEqual(try loaded.toJSON(), try model.toJSON())
        assertSameWeights(loaded, model)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual(try loaded.evaluate(x, y), try model.evaluate(x, y))
        XCTAssertEqual(loaded.layers.last?.activityRegularizer, .L1(0.01))
        XCTAssertEqual((loaded.layers[0] as? Conv2D)?.kernelInitializer, .heNormal)
    }

    func testFunctionalModelWithSharedLayersNestedModelAndTwoOutputsRoundTrips() throws {
        let encoder = Sequential(name: "encoder") {
            Input(shape: [5])
            Dense(5, activation: .tanh)
            LayerNormalization()
        }
        let left = Input(shape: [5], name: "left"), right = Input(shape: [5], name: "right")
        let shared = Dense(3, activation: .relu, name: "shared")
        let merged = Concatenate()([shared(encoder(left)), shared(encoder(right)), Subtract()([left, right])])
        let digit = Dense(2, activation: .softmax, name: "digit")(merged)
        let parity = Dense(1, activation: .sigmoid, name: "parity")(Add()([shared(left), shared(right)]))
        let model = try Model(inputs: [left, right], outputs: [digit, parity], name: "siamese")
        model.compile(optimizer: RMSprop(learningRate: 0.01, momentum: 0.5, centered: true),
                      loss: [.sparseCategoricalCrossentropy, .binaryCrossentropy], metrics: [.accuracy], lossWeights: [1, 0.5])
        let x = [Tensor.randomNormal([8, 5]), Tensor.randomNormal([8, 5])]
        let y = [Tensor((0..<8).map { Float($0 % 2) }), Tensor((0..<8).map { Float($0 / 4) })]
        try model.fit(x, y, batchSize: 4, epochs: 2, verbose: .silent)
        try model.save(to: url("siamese.cortex"))

        let loaded = try Model.load(from: url("siamese.cortex"))
        XCTAssertEqual(loaded.name, "siamese")
        XCTAssertEqual(loaded.layers.map(\.name), model.layers.map(\.name))
        XCTAssertTrue(loaded.getLayer(name: "encoder") is Sequential)
        assertSameWeights(loaded, model)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual(try loaded.toJSON(), try model.toJSON())
        XCTAssertEqual(loaded.compiled?.lossWeights, [1, 0.5])
        XCTAssertEqual(try loaded.evaluate(x, y), try model.evaluate(x, y))
        // The saved graph lists the shared layer's two calls as its two inbound nodes.
        let json = try model.toJSON()
        XCTAssertTrue(json.contains(#""inbound_nodes":[[["encoder",0,0]],[["encoder",1,0]],[["left",0,0]],[["right",0,0]]]"#), json)
    }

    func testCustomLayerLoadsOnceRegistered() throws {
        let model = Sequential {
            Input(shape: [3])
            ScaleAndShift(shift: 0.25, name: "scale")
            Dense(2)
        }
        let lambda = Sequential {
            Input(shape: [3])
            Lambda { $0 * 2 }
        }
        XCTAssertThrowsError(try lambda.save(to: url("lambda.cortex"))) { error in
            guard case SavedModelError.unsupported(let what, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(what, "layer lambda")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("lambda.cortex").path))
        LayerRegistry.register(ScaleAndShift.self)
        try model.save(to: url("custom.cortex"))
        let renamed = try model.toJSON().replacingOccurrences(of: "ScaleAndShift", with: "Unregistered")
        XCTAssertThrowsError(try Model.fromJSON(renamed)) { error in
            XCTAssertEqual(error as? SavedModelError, .unknownClass(kind: "layer", name: "Unregistered"))
        }
        let loaded = try Model.load(from: url("custom.cortex"))
        let x = Tensor.randomNormal([4, 3])
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual((loaded.layers[0] as? ScaleAndShift)?.shift, 0.25)
    }

    /// Embedding masks, fused recurrent layers and the wrappers (whose inner layers are saved
    /// whole) come back predicting and training bit for bit.
    func testMaskedRecurrentModelWithWrappersRoundTrips() throws {
        let model = Sequential {
            Input(shape: [6])
            Embedding(inputDim: 10, outputDim: 4, maskZero: true)
            LSTM(5, returnSequences: true, stateful: true)
            Bidirectional(GRU(3, returnSequences: true, resetAfter: false), mergeMode: .concat)
            TimeDistributed(Dense(2, activation: .softmax))
        }
        let x = Tensor(shape: [8, 6], scalars: (0..<48).map { Float($0 % 7 < 2 ? 0 : $0 % 10) })
        let y = Tensor(shape: [8, 6], scalars: (0..<48).map { Float($0 % 3 == 0 ? 1 : 0) })
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy)
        try model.fit(x, y, batchSize: 8, epochs: 2, verbose: .silent, shuffle: false)
        try model.save(to: url("sequence.cortex"))

        let loaded = try XCTUnwrap(try Model.load(from: url("sequence.cortex")) as? Sequential)
        XCTAssertEqual(try loaded.toJSON(), try model.toJSON())
        assertSameWeights(loaded, model)
        // The stateful LSTM starts again from zeros, as Keras (states are not saved).
        (model.layers[1] as? RecurrentLayer)?.resetStates()
        XCTAssertEqual(try loaded.predict(x, batchSize: 8), try model.predict(x, batchSize: 8))
        try model.fit(x, y, batchSize: 8, epochs: 1, verbose: .silent, shuffle: false)
        try loaded.fit(x, y, batchSize: 8, epochs: 1, verbose: .silent, shuffle: false)
        assertSameWeights(loaded, model)
        let bidirectional = try XCTUnwrap(loaded.layers[2] as? Bidirectional)
        XCTAssertEqual(bidirectional.backwardLayer.name, "backward_gru")
        XCTAssertTrue(bidirectional.backwardLayer.goBackwards)
        XCTAssertTrue(try model.toJSON().contains(#""layer":{"class_name":"Dense","config":{"activation":"softmax""#))
    }

    /// An encoder's final states feeding a decoder are saved as the encoder call's tensors 1 and 2.
    func testEncoderStatesIntoADecoderRoundTrip() throws {
        let source = Input(shape: [4, 3], name: "source"), target = Input(shape: [2, 3], name: "target")
        let encoded = LSTM(3, returnState: true, name: "encoder").callWithStates([source])
        let decoded = LSTM(3, returnSequences: true, name: "decoder")([target, encoded[1], encoded[2]])
        let model = try Model(inputs: [source, target], outputs: [decoded, encoded[2]])
        let json = try model.toJSON()
        XCTAssertTrue(json.contains(#""inbound_nodes":[[["target",0,0],["encoder",0,1],["encoder",0,2]]]"#), json)
        XCTAssertTrue(json.contains(#""output_layers":[["decoder",0,0],["encoder",0,2]]"#), json)
        try model.save(to: url("seq2seq.cortex"))

        let loaded = try Model.load(from: url("seq2seq.cortex"))
        XCTAssertEqual(try loaded.toJSON(), json)
        assertSameWeights(loaded, model)
        let x = [Tensor.randomNormal([2, 4, 3]), Tensor.randomNormal([2, 2, 3])]
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        let broken = json.replacingOccurrences(of: #"["encoder",0,2]]]"#, with: #"["encoder",0,3]]]"#)
        XCTAssertThrowsError(try Model.fromJSON(broken)) { error in
            XCTAssertTrue("\(error)".contains("the inputs of decoder are never produced"), "\(error)")
        }
    }

    func testAttentionAndTransformerModelRoundTrips() throws {
        let tokens = Input(shape: [5], name: "tokens")
        let embedded = Embedding(inputDim: 12, outputDim: 8, maskZero: true)(tokens)
        let positioned = Add()([embedded, PositionEmbedding(sequenceLength: 5)(embedded)])
        let encoded = TransformerEncoder(intermediateDim: 16, numHeads: 2, dropout: 0.1)(positioned)
        let attended = MultiHeadAttention(numHeads: 2, keyDim: 4, dropout: 0.1)([encoded, positioned])
        let additive = AdditiveAttention()([attended, encoded])
        let dotted = Attention(useScale: true)([Add()([additive, SinePositionEncoding()(additive)]), encoded])
        let output = Dense(3, activation: .softmax)(GlobalAveragePooling1D()(dotted))
        let model = try Model(inputs: [tokens], outputs: [output], name: "attention")
        let x = Tensor(shape: [6, 5], scalars: (0..<30).map { Float($0 % 6 == 5 ? 0 : $0 % 12) })
        let y = Tensor((0..<6).map { Float($0 % 3) })
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy)
        try model.fit(x, y, batchSize: 3, epochs: 1, verbose: .silent)
        try model.save(to: url("attention.cortex"))

        let loaded = try Model.load(from: url("attention.cortex"))
        XCTAssertEqual(try loaded.toJSON(), try model.toJSON())
        assertSameWeights(loaded, model)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        Random.seed(5)
        try model.fit(x, y, batchSize: 3, epochs: 1, verbose: .silent)
        Random.seed(5)
        try loaded.fit(x, y, batchSize: 3, epochs: 1, verbose: .silent)
        assertSameWeights(loaded, model)
    }

    func testRNNWithACustomCellSavesOnceTheCellIsRegistered() throws {
        let unregistered = Sequential {
            Input(shape: [4, 3])
            RNN(cell: RecurrentLayerTests.PlainCell(2), name: "rnn")
        }
        XCTAssertThrowsError(try unregistered.save(to: url("plain.cortex"))) { error in
            guard case SavedModelError.unsupported(let what, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(what, "layer \(unregistered.layers[0].sublayers[0].name)")
            XCTAssertTrue(reason.contains("PlainCell is not registered"), reason)
        }
        LayerRegistry.register(OffsetCell.self)
        let model = Sequential {
            Input(shape: [4, 3])
            RNN(cell: OffsetCell(units: 2, offset: -0.25), returnSequences: true)
        }
        try model.save(to: url("offset.cortex"))
        let loaded = try Model.load(from: url("offset.cortex"))
        let x = Tensor.randomNormal([3, 4, 3])
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual(((loaded.layers[0] as? RNN)?.cell as? OffsetCell)?.offset, -0.25)
    }

    /// Training continued from a saved model ends exactly where an uninterrupted run ends, for
    /// every optimizer (slots, step count, Nadam's momentum product, schedules, shuffles, dropout).
    func testTrainingContinuedAfterLoadingEqualsAnUninterruptedRun() throws {
        let optimizers: [() -> Optimizer] = [
            { Adam(learningRate: ExponentialDecay(initialLearningRate: 0.02, decaySteps: 3, decayRate: 0.5), amsgrad: true) },
            { Nadam(learningRate: 0.01, clipNorm: 1) },
            { SGD(learningRate: 0.05, momentum: 0.9, nesterov: true) },
            { RMSprop(learningRate: 0.01, momentum: 0.2, centered: true) },
            { Adagrad(learningRate: 0.05) },
            { Adadelta(learningRate: 1) },
            { Adamax(learningRate: 0.01) },
            { AdamW(learningRate: 0.01, globalClipNorm: 0.5) },
        ]
        let x = Tensor.randomNormal([12, 4]), y = Tensor.randomNormal([12, 2])
        for makeOptimizer in optimizers {
            func makeModel() -> Model {
                Random.seed(5)
                let model = Sequential {
                    Input(shape: [4])
                    Dense(6, activation: .relu)
                    Dropout(0.3)
                    Dense(2)
                }
                model.compile(optimizer: makeOptimizer(), loss: .meanSquaredError)
                return model
            }
            let uninterrupted = makeModel()
            try uninterrupted.fit(x, y, batchSize: 5, epochs: 3, verbose: .silent)

            let first = makeModel()
            try first.fit(x, y, batchSize: 5, epochs: 2, verbose: .silent)
            try first.save(to: url("half.cortex"))
            let resumed = try Model.load(from: url("half.cortex"))
            XCTAssertEqual(resumed.compiled?.optimizer.iterations, 6)
            try resumed.fit(x, y, batchSize: 5, epochs: 3, verbose: .silent, initialEpoch: 2)
            XCTAssertEqual(resumed.variables.map(\.value), uninterrupted.variables.map(\.value), "\(type(of: makeOptimizer()))")
        }
    }

    func testOptimizerAndCompileConfigurationSurviveSaving() throws {
        let model = Sequential {
            Input(shape: [2])
            Dense(3, activation: .sigmoid)
        }
        let schedule = CosineDecay(initialLearningRate: 0.1, decaySteps: 50, alpha: 0.1, warmupTarget: 0.3, warmupSteps: 5)
        let optimizer = Adam(learningRate: schedule, beta1: 0.8, beta2: 0.95, epsilon: 1e-5, amsgrad: true, weightDecay: 0.01)
        optimizer.clipValue = 0.7
        model.compile(optimizer: optimizer, loss: .binaryCrossentropy(fromLogits: false, labelSmoothing: 0.1),
                      metrics: [.binaryAccuracy(threshold: 0.3), .precision, .auc(thresholds: 50), .topKCategoricalAccuracy(k: 2)])
        try model.save(to: url("compiled.cortex"))
        let loaded = try Model.load(from: url("compiled.cortex"))
        let restored = try XCTUnwrap(loaded.compiled?.optimizer as? Adam)
        XCTAssertEqual([restored.beta1, restored.beta2, restored.epsilon], [0.8, 0.95, 1e-5])
        XCTAssertTrue(restored.amsgrad)
        XCTAssertEqual(restored.weightDecay, 0.01)
        XCTAssertEqual(restored.clipValue, 0.7)
        XCTAssertNil(restored.clipNorm)
        let steps = [0, 3, 5, 20, 60]
        XCTAssertEqual(steps.map { restored.learningRate(step: $0) }, steps.map { schedule(step: $0) })
        XCTAssertEqual(loaded.compiled?.losses.first?.name, "binary_crossentropy")
        XCTAssertEqual(loaded.compiled?.losses.first?.config["label_smoothing"], .double(Double(Float(0.1))))
        let x = Tensor.randomNormal([6, 2]), y = Tensor.bernoulli([6, 3], probability: 0.5)
        XCTAssertEqual(try loaded.evaluate(x, y), try model.evaluate(x, y))
        XCTAssertEqual(Set(try loaded.evaluate(x, y).keys), ["loss", "binary_accuracy", "precision", "auc", "top_k_categorical_accuracy"])
        let uncompiled = try Model.load(from: url("compiled.cortex"), compile: false)
        XCTAssertNil(uncompiled.compiled)
    }

    func testCustomLossAndMetricLoadOnceRegistered() throws {
        let cubic = Loss(name: "mean_cubic_error") { yTrue, yPred in pow((yPred - yTrue).abs(), 3).mean(axis: -1) }
        let maxError: @Sendable () -> Metric = { MeanMetric(name: "max_error") { yTrue, yPred in (yPred - yTrue).abs().max(axis: -1) } }
        let model = Sequential {
            Input(shape: [2])
            Dense(2)
        }
        model.compile(optimizer: SGD(), loss: cubic, metrics: [.custom(maxError)])
        try model.save(to: url("custom-loss.cortex"))
        XCTAssertThrowsError(try Model.load(from: url("custom-loss.cortex"))) { error in
            XCTAssertEqual(error as? SavedModelError, .unknownClass(kind: "loss", name: "mean_cubic_error"))
        }
        Loss.register(cubic)
        XCTAssertThrowsError(try Model.load(from: url("custom-loss.cortex"))) { error in
            XCTAssertEqual(error as? SavedModelError, .unknownClass(kind: "metric", name: "max_error"))
        }
        MetricSpec.register(name: "max_error", maxError)
        let loaded = try Model.load(from: url("custom-loss.cortex"))
        let x = Tensor.randomNormal([5, 2]), y = Tensor.randomNormal([5, 2])
        XCTAssertEqual(try loaded.evaluate(x, y), try model.evaluate(x, y))
        XCTAssertEqual(Set(try loaded.evaluate(x, y).keys), ["loss", "max_error"])
    }

    func testWeightFilesLoadByNameAndListEveryMismatch() throws {
        func model(hidden: Int, extra: Bool) -> Sequential {
            let model = Sequential {
                Input(shape: [3])
                Dense(hidden, name: "hidden")
                Dense(2, name: "out")
            }
            if extra { model.add(Dense(1, name: "extra")) }
            return model
        }
        let source = model(hidden: 4, extra: false)
        try source.saveWeights(to: url("weights.safetensors"))
        let file = try SafeTensors.read(from: url("weights.safetensors"))
        XCTAssertEqual(file.tensors.keys.sorted(), ["hidden.bias", "hidden.kernel", "out.bias", "out.kernel"])

        let same = model(hidden: 4, extra: false)
        try same.loadWeights(from: url("weights.safetensors"))
        assertSameWeights(same, source)

        let different = model(hidden: 5, extra: true)
        let before = different.variables.map(\.value)
        XCTAssertThrowsError(try different.loadWeights(from: url("weights.safetensors"))) { error in
            XCTAssertEqual(error as? SavedModelError, .weightMismatch(
                missing: ["extra.kernel", "extra.bias"], unexpected: [],
                wrongShape: [.init(name: "hidden.kernel", expected: [3, 5], found: [3, 4]),
                             .init(name: "hidden.bias", expected: [5], found: [4]),
                             .init(name: "out.kernel", expected: [5, 2], found: [4, 2])]))
        }
        XCTAssertEqual(different.variables.map(\.value), before, "a failed load assigns nothing")
        try different.loadWeights(from: url("weights.safetensors"), skipMismatch: true)
        XCTAssertEqual(different.getLayer(name: "out")?.weights[1].value, source.getLayer(name: "out")?.weights[1].value)
        XCTAssertEqual(different.getLayer(name: "hidden")?.weights[0].value, before[0])

        let smaller = Sequential {
            Input(shape: [3])
            Dense(4, name: "hidden")
        }
        XCTAssertThrowsError(try smaller.loadWeights(from: url("weights.safetensors"))) { error in
            XCTAssertEqual(error as? SavedModelError, .weightMismatch(missing: [], unexpected: ["out.bias", "out.kernel"], wrongShape: []))
        }
    }

    func testLoadingLeavesTheRandomGeneratorAndLaterNamesAlone() throws {
        let model = Sequential {
            Input(shape: [2])
            Dense(2)
            Dense(2)
        }
        try model.save(to: url("names.cortex"))
        LayerNames.reset()
        let state = Random.state
        _ = try Model.load(from: url("names.cortex"))
        XCTAssertEqual(Random.state, state)
        XCTAssertEqual(Dense(1).name, "dense_2", "automatic names skip the loaded dense and dense_1")
    }
}
