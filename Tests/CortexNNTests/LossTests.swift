import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

/// Expected values computed with NumPy from Keras' documented formulas (clip ε = 1e-7).
final class LossTests: XCTestCase {
    private let oneHot = Tensor([[0, 1, 0], [0, 0, 1]])
    private let probabilities = Tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    private let binaryTargets = Tensor([[0, 1], [1, 0]])
    private let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[1.5, 1], [3, 6]])

    func testCrossEntropies() {
        XCTAssertEqual(Loss.categoricalCrossentropy(oneHot, probabilities).scalar, 1.1769392, accuracy: 1e-5)
        XCTAssertEqual(Loss.categoricalCrossentropy(labelSmoothing: 0.1)(oneHot, probabilities).scalar, 1.4591359, accuracy: 1e-5)
        XCTAssertEqual(Loss.categoricalCrossentropy(fromLogits: true)(oneHot, Tensor([[1, 2, 3], [1, -1, 0.5]])).scalar,
                       1.2312814, accuracy: 1e-5)
        XCTAssertEqual(Loss.sparseCategoricalCrossentropy(Tensor([1, 2]), probabilities).scalar, 1.1769392, accuracy: 1e-5)
        XCTAssertEqual(Loss.binaryCrossentropy(binaryTargets, Tensor([[0.6, 0.4], [0.4, 0.6]])).scalar, 0.9162907, accuracy: 1e-5)
        XCTAssertEqual(Loss.binaryCrossentropy(fromLogits: true)(binaryTargets, Tensor([[0.5, -1], [2, 0]])).scalar,
                       0.7768535, accuracy: 1e-5)
    }

    func testRegressionAndMarginLosses() {
        XCTAssertEqual(Loss.meanSquaredError(a, b).scalar, 1.3125, accuracy: 1e-6)
        XCTAssertEqual(Loss.meanAbsoluteError(a, b).scalar, 0.875, accuracy: 1e-6)
        XCTAssertEqual(Loss.huber(a, b).scalar, 0.53125, accuracy: 1e-6)
        XCTAssertEqual(Loss.kullbackLeiblerDivergence(binaryTargets, Tensor([[0.6, 0.4], [0.4, 0.6]])).scalar, 0.9162892, accuracy: 1e-5)
        let margins = Tensor([[0.3, -0.2], [0.8, 1.5]])
        XCTAssertEqual(Loss.hinge(binaryTargets, margins).scalar, 1.3, accuracy: 1e-6)
        XCTAssertEqual(Loss.squaredHinge(binaryTargets, margins).scalar, 2.355, accuracy: 1e-5)
        XCTAssertEqual(Loss.cosineSimilarity(a, b).scalar, -0.9260565, accuracy: 1e-6)
    }

    func testSampleWeightsAndCustomLoss() {
        let weighted = Loss.meanSquaredError(a, b, sampleWeight: Tensor([1, 0]))
        // Keras' sum_over_batch_size: (1 · 0.625 + 0 · 2) / 2 samples.
        XCTAssertEqual(weighted.scalar, 0.3125, accuracy: 1e-6)
        let custom = Loss(name: "sum_abs") { yTrue, yPred in (yTrue - yPred).abs().sum(axis: -1) }
        XCTAssertEqual(custom(a, b).scalar, 1.75, accuracy: 1e-6)
    }

    func testLossGradients() {
        let logits = randomTensor([3, 4], seed: 1, lower: -2, upper: 2)
        let soft = Tensor.oneHot(indices: Tensor([0, 3, 1]), depth: 4)
        assertGradientsMatchFiniteDifferences([logits]) { Loss.categoricalCrossentropy(fromLogits: true)(soft, $0[0]) }
        assertGradientsMatchFiniteDifferences([logits]) { Loss.sparseCategoricalCrossentropy(fromLogits: true)(Tensor([0, 3, 1]), $0[0]) }
        assertGradientsMatchFiniteDifferences([logits]) { Loss.categoricalCrossentropy(soft, $0[0].softmax()) }
        let targets = randomTensor([3, 4], seed: 2, lower: 0, upper: 1)
        assertGradientsMatchFiniteDifferences([logits]) { Loss.binaryCrossentropy(fromLogits: true)(targets, $0[0]) }
        assertGradientsMatchFiniteDifferences([logits]) { Loss.binaryCrossentropy(targets, $0[0].sigmoid()) }
        assertGradientsMatchFiniteDifferences([logits]) { Loss.huber(delta: 0.5)(targets, $0[0]) }
        assertGradientsMatchFiniteDifferences([logits]) { Loss.cosineSimilarity(targets, $0[0]) }
        assertGradientsMatchFiniteDifferences([logits]) { Loss.kullbackLeiblerDivergence(targets.softmax(), $0[0].softmax()) }
    }

    func testFromLogitsIsStableForExtremeValues() {
        let extreme = Tensor([[1000, -1000]])
        let value = Loss.categoricalCrossentropy(fromLogits: true)(Tensor([[0, 1]]), extreme).scalar
        XCTAssertEqual(value, 2000, accuracy: 1e-2)
        XCTAssertEqual(Loss.binaryCrossentropy(fromLogits: true)(Tensor([[0]]), Tensor([[1000]])).scalar, 1000, accuracy: 1e-2)
    }
}
