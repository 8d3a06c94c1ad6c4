import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

final class NormalizationTests: XCTestCase {
    override func setUp() { LayerNames.reset() }

    func testBatchNormalizationTrainingAndInference() {
        let layer = BatchNormalization(momentum: 0.5, epsilon: 0)
        let x = Tensor([[1, 10], [3, 30]])
        // Per channel: mean [2, 20], biased variance [1, 100] → normalised ±1.
        assertTensorsClose(layer(x, training: true), Tensor([[-1, -1], [1, 1]]))
        assertTensorsClose(layer.movingMean.value, Tensor([1, 10]))
        assertTensorsClose(layer.movingVariance.value, Tensor([1, 50.5]))
        // Inference uses the moving statistics.
        assertTensorsClose(layer(Tensor([[1, 10]]), training: false), Tensor([[0, 0]]))
        XCTAssertEqual(layer.trainableVariables.count, 2)
        XCTAssertEqual(layer.nonTrainableVariables.count, 2)
        XCTAssertEqual(layer.movingMean.name, "batch_normalization.moving_mean")
    }

    func testFrozenBatchNormalizationUsesMovingStatistics() {
        let layer = BatchNormalization(epsilon: 0)
        _ = layer(Tensor.zeros([1, 2]))
        layer.trainable = false
        let x = Tensor([[1, 10], [3, 30]])
        assertTensorsClose(layer(x, training: true), x)
        assertTensorsClose(layer.movingMean.value, Tensor([0, 0]))
    }

    func testSummaryCountsMatchKerasWithBatchNormalization() throws {
        let model = Sequential {
            Input(shape: [20])
            Dense(64)
            BatchNormalization()
            Activation(.relu)
            Dense(1, activation: .sigmoid)
        }
        // Keras: dense 1,344; batch_normalization 256 (128 non-trainable); dense_1 65.
        let summary = model.summary()
        XCTAssertTrue(summary.contains(" Total params: 1,665 (6.50 KB)"), summary)
        XCTAssertTrue(summary.contains(" Trainable params: 1,537 (6.00 KB)"), summary)
        XCTAssertTrue(summary.contains(" Non-trainable params: 128 (512.00 B)"), summary)
    }

    func testNormalizationGradients() {
        let x = randomTensor([4, 3, 5], seed: 8)
        let batchNorm = BatchNormalization()
        _ = batchNorm(x)
        let variables = batchNorm.trainableVariables
        assertGradientsMatchFiniteDifferences([x] + variables.map(\.value)) { values in
            for (variable, value) in zip(variables, values.dropFirst()) { variable.value = value }
            return batchNorm.call(values[0], training: true)
        }
        let layerNorm = LayerNormalization()
        _ = layerNorm(x)
        let normVariables = layerNorm.trainableVariables
        assertGradientsMatchFiniteDifferences([x] + normVariables.map(\.value)) { values in
            for (variable, value) in zip(normVariables, values.dropFirst()) { variable.value = value }
            return layerNorm(values[0])
        }
    }

    func testLayerNormalizationForward() {
        let layer = LayerNormalization(epsilon: 0)
        assertTensorsClose(layer(Tensor([[1, 3], [2, 6]])), Tensor([[-1, 1], [-1, 1]]))
    }
}
