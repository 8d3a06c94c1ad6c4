import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

final class EmbeddingAndMaskingTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(11)
    }

    func testEmbeddingLooksUpRowsAndMasksZeros() {
        let embedding = Embedding(inputDim: 4, outputDim: 2, maskZero: true)
        let ids = Tensor([[3, 0, 1], [2, 2, 0]])
        _ = embedding(ids)
        XCTAssertEqual(embedding.embeddings.name, "embedding.embeddings")
        XCTAssertEqual(embedding.embeddings.shape, [4, 2])
        XCTAssertTrue(embedding.embeddings.value.scalars.allSatisfy { abs($0) <= 0.05 })
        embedding.embeddings.assign(Tensor([[0, 0], [1, 2], [3, 4], [5, 6]]))
        let output = embedding(ids)
        XCTAssertEqual(output.shape, [2, 3, 2])
        XCTAssertEqual(output.scalars, [5, 6, 0, 0, 1, 2, 3, 4, 3, 4, 0, 0])
        XCTAssertEqual(embedding.computeMask(ids, previousMask: nil)?.scalars, [1, 0, 1, 1, 1, 0])
        XCTAssertNil(Embedding(inputDim: 4, outputDim: 2).computeMask(ids, previousMask: nil))
    }

    func testEmbeddingGradientScatterAddsRepeatedIds() {
        let table = randomTensor([5, 3], seed: 2)
        let ids = Tensor([[1, 4, 1], [0, 1, 2]])
        assertGradientsMatchFiniteDifferences([table]) { xs in xs[0].gathering(indices: ids, axis: 0).tanh() }
        let embedding = Embedding(inputDim: 5, outputDim: 3)
        _ = embedding(ids)
        let (_, gradients) = valueWithGradient(at: [embedding.embeddings]) { embedding(ids).sum() }
        // Row 1 is used three times, rows 0, 2 and 4 once, row 3 never.
        XCTAssertEqual(gradients[0].scalars, [1, 1, 1, 3, 3, 3, 1, 1, 1, 0, 0, 0, 1, 1, 1])
    }

    func testEmbeddingChecksInputLength() {
        let input = Input(shape: [5])
        let output = Embedding(inputDim: 10, outputDim: 4, inputLength: 6)(input)
        XCTAssertThrowsError(try Model(inputs: input, outputs: output)) { error in
            XCTAssertTrue("\(error)".contains("expects 6 steps"), "\(error)")
        }
    }

    func testMaskingZeroesAndMasksPaddedSteps() {
        let masking = Masking(maskValue: -1)
        let x = Tensor(shape: [1, 3, 2], scalars: [1, -1, -1, -1, 0, 2])
        XCTAssertEqual(masking(x).scalars, [1, -1, 0, 0, 0, 2])
        XCTAssertEqual(masking.computeMask(x, previousMask: nil)?.scalars, [1, 0, 1])
    }

    func testGlobalAveragePoolingAveragesKeptStepsOnly() {
        let x = Tensor(shape: [2, 3, 1], scalars: [1, 2, 30, 4, 50, 6])
        let mask = Tensor([[1, 1, 0], [1, 0, 1]])
        XCTAssertEqual(GlobalAveragePooling1D()(x, mask: mask).scalars, [1.5, 5])
        XCTAssertEqual(GlobalAveragePooling1D()(x).scalars, [11, 20])
        assertGradientsMatchFiniteDifferences([randomTensor([2, 3, 2], seed: 4)]) { xs in
            GlobalAveragePooling1D()(xs[0], mask: mask)
        }
    }

    func testPaddingIsInvisibleThroughEmbeddingAndPooling() throws {
        let model = Sequential {
            Input(shape: [-1])
            Embedding(inputDim: 6, outputDim: 4, maskZero: true)
            Dense(3, activation: .tanh)
            GlobalAveragePooling1D()
            Dense(1)
        }
        let padded = try model.predict(Tensor([[4, 2, 0, 0], [5, 0, 0, 0]]))
        let short = try model.predict(Tensor([[4, 2]]))
        let single = try model.predict(Tensor([[5]]))
        XCTAssertEqual(padded.scalars[0], short.scalars[0], accuracy: 1e-6)
        XCTAssertEqual(padded.scalars[1], single.scalars[0], accuracy: 1e-6)
    }

    func testLossAndAccuracyIgnoreMaskedSteps() {
        // Per-step squared errors [[1, 4], [9, 16]]; the mask keeps 1, 4 and 16: mean 7.
        let yTrue = Tensor(shape: [2, 2, 1], scalars: [0, 0, 0, 0])
        let yPred = Tensor(shape: [2, 2, 1], scalars: [1, 2, 3, 4])
        let mask = Tensor([[1, 1], [0, 1]])
        XCTAssertEqual(Loss.meanSquaredError(yTrue, yPred, mask: mask).scalar, 7, accuracy: 1e-5)
        XCTAssertEqual(Loss.meanSquaredError(yTrue, yPred).scalar, 7.5, accuracy: 1e-5)
        // Sample weights [1, 3] scale the rows: Σ w·m·v / Σ m = (1 + 4 + 3·16) / 3, as Keras.
        XCTAssertEqual(Loss.meanSquaredError(yTrue, yPred, sampleWeight: Tensor([1, 3]), mask: mask).scalar,
                       (1 + 4 + 48) / 3, accuracy: 1e-4)

        let accuracy = MetricSpec.sparseCategoricalAccuracy.make(loss: .sparseCategoricalCrossentropy, outputShape: [2, 2])
        let probabilities = Tensor(shape: [2, 2, 2], scalars: [0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7])
        let labels = Tensor([[0, 0], [1, 1]])
        accuracy.update(yTrue: labels, yPred: probabilities, sampleWeight: nil, mask: mask)
        // Kept steps: (0,0) right, (0,1) wrong, (1,1) right; the masked (1,0) is wrong but ignored.
        XCTAssertEqual(accuracy.result(), 2 / 3, accuracy: 1e-6)
    }

    func testEvaluateWeightsTheLossWithTheOutputMask() throws {
        let embedding = Embedding(inputDim: 3, outputDim: 1, maskZero: true)
        let model = Sequential {
            Input(shape: [3])
            embedding
        }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        _ = try model.predict(Tensor([[1, 2, 0]]))
        embedding.embeddings.assign(Tensor([[5], [1], [2]]))
        // Targets 0: squared errors of the real steps are 1, 4 and 4; the padded step (25) is ignored.
        let logs = try model.evaluate(Tensor([[1, 2, 0], [2, 0, 0]]), Tensor.zeros([2, 3, 1]))
        XCTAssertEqual(logs["loss"]!, 3, accuracy: 1e-5)
    }
}
