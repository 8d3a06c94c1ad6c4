import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

final class ModelBuildingTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(11)
    }

    func testSequentialBuildsFromInputAndCountsParametersLikeKeras() throws {
        let model = Sequential {
            Input(shape: [784])
            Dense(512, activation: .relu)
            Dense(256, activation: .relu)
            Dense(10, activation: .softmax)
        }
        XCTAssertEqual(model.parameterCount, 535_818)   // Keras: 401,920 + 131,328 + 2,570
        XCTAssertEqual(model.layers.count, 3)
        XCTAssertEqual(model.outputShapes, [[10]])
        let summary = model.summary()
        XCTAssertTrue(summary.contains("Model: \"sequential\""), summary)
        XCTAssertTrue(summary.contains("dense (Dense)"), summary)
        XCTAssertTrue(summary.contains("(None, 512)"), summary)
        XCTAssertTrue(summary.contains("401,920"), summary)
        XCTAssertTrue(summary.contains(" Total params: 535,818 (2.04 MB)"), summary)
        XCTAssertTrue(summary.contains(" Non-trainable params: 0 (0.00 B)"), summary)
    }

    func testSequentialWithoutInputBuildsOnFirstUse() throws {
        let model = Sequential([Dense(4), Dense(2)])
        XCTAssertTrue(model.summary().contains("not yet been built"))
        XCTAssertEqual(try model.predict(Tensor.zeros([3, 5])).shape, [3, 2])
        XCTAssertEqual(model.parameterCount, 5 * 4 + 4 + 4 * 2 + 2)
    }

    func testFunctionalShapeErrorNamesTheLayer() {
        let input = Input(shape: [32])
        let hidden = Dense(64, name: "dense_1")(input)
        let wrong = Dense(8, name: "dense_2")
        _ = wrong(Input(shape: [16]))
        XCTAssertThrowsError(try Model(inputs: input, outputs: wrong(hidden))) { error in
            XCTAssertEqual("\(error)", "dense_2 was built for input shape (None, 16), got (None, 64)")
        }
    }

    func testSequentialShapeErrorIsThrownByFitAndPredict() {
        let model = Sequential {
            Input(shape: [4, 4])
            Reshape([5, 5])
        }
        XCTAssertThrowsError(try model.predict(Tensor.zeros([1, 4, 4]))) { error in
            XCTAssertEqual("\(error)", "reshape cannot reshape input (None, 4, 4) to (None, 5, 5)")
        }
    }

    func testSharedLayerSharesWeights() throws {
        let shared = Dense(3)
        let a = Input(shape: [4]), b = Input(shape: [4])
        let merged = Add()([shared(a), shared(b)])
        let model = try Model(inputs: [a, b], outputs: [merged])
        XCTAssertEqual(model.trainableVariables.count, 2)
        let x = Tensor.ones([2, 4])
        let y = try model.predict([x, x * 2])[0]
        let expected = shared(x) + shared(x * 2)
        assertTensorsClose(y, expected)
    }

    func testNestedModelsComposeLikeEncoderDecoder() throws {
        let encoderInput = Input(shape: [8])
        let encoder = try Model(inputs: encoderInput, outputs: Dense(2, activation: .relu)(encoderInput), name: "encoder")
        let decoderInput = Input(shape: [2])
        let decoder = try Model(inputs: decoderInput, outputs: Dense(8)(decoderInput), name: "decoder")
        let input = Input(shape: [8])
        let autoencoder = try Model(inputs: input, outputs: decoder(encoder(input)), name: "autoencoder")
        XCTAssertEqual(autoencoder.parameterCount, 8 * 2 + 2 + 2 * 8 + 8)
        XCTAssertTrue(autoencoder.getLayer(name: "encoder") === encoder)
        XCTAssertNotNil(autoencoder.getLayer(name: "dense"))
        let x = randomTensor([3, 8], seed: 2)
        assertTensorsClose(try autoencoder.predict(x), decoder(encoder(x)))
        let summary = autoencoder.summary()
        XCTAssertTrue(summary.contains("encoder (Model)"), summary)
        XCTAssertTrue(summary.contains("input_layer_2[0][0]"), summary)
    }

    func testFrozenLayerHasNoTrainableVariables() throws {
        let dense = Dense(3)
        let model = Sequential { Input(shape: [2]); dense; Dense(1) }
        dense.trainable = false
        XCTAssertEqual(model.trainableVariables.count, 2)
        XCTAssertEqual(model.nonTrainableVariables.count, 2)
        XCTAssertTrue(model.summary().contains(" Non-trainable params: 9 (36.00 B)"))
    }
}
