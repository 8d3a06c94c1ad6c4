import Cortex
import XCTest
@testable import CortexNN

/// Expected values are Keras 3's for the same inputs.
final class MetricTests: XCTestCase {
    private let labels = Tensor([0, 0, 1, 1, 0, 1, 1, 0, 1, 0])
    private let scores = Tensor([0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.55, 0.7, 0.3])

    func testStreamingAUCPrecisionRecallMatchKeras() {
        let auc = AUCMetric()
        // Fed in two batches: streaming must equal one pass.
        auc.update(yTrue: labels[0..<4], yPred: scores[0..<4], sampleWeight: nil)
        auc.update(yTrue: labels[4...], yPred: scores[4...], sampleWeight: nil)
        XCTAssertEqual(auc.result(), 0.92, accuracy: 1e-4)
        let precision = ConfusionMetric(.precision), recall = ConfusionMetric(.recall)
        precision.update(yTrue: labels, yPred: scores, sampleWeight: nil)
        recall.update(yTrue: labels, yPred: scores, sampleWeight: nil)
        XCTAssertEqual(precision.result(), 0.8, accuracy: 1e-6)
        XCTAssertEqual(recall.result(), 0.8, accuracy: 1e-6)
        auc.reset()
        XCTAssertEqual(auc.result(), 0)
    }

    func testAccuracyVariantsFollowTheLoss() {
        let probabilities = Tensor([[0.5, 0.3, 0.2], [0.5, 0.2, 0.3], [0.1, 0.3, 0.6]])
        let sparse = MetricSpec.accuracy.make(loss: .sparseCategoricalCrossentropy, outputShape: [3])
        sparse.update(yTrue: Tensor([0, 1, 2]), yPred: probabilities, sampleWeight: nil)
        XCTAssertEqual(sparse.result(), 2.0 / 3, accuracy: 1e-6)
        let categorical = MetricSpec.accuracy.make(loss: .categoricalCrossentropy, outputShape: [3])
        categorical.update(yTrue: Tensor.oneHot(indices: Tensor([0, 1, 2]), depth: 3), yPred: probabilities, sampleWeight: nil)
        XCTAssertEqual(categorical.result(), 2.0 / 3, accuracy: 1e-6)
        let binary = MetricSpec.accuracy.make(loss: .binaryCrossentropy, outputShape: [1])
        binary.update(yTrue: Tensor([[1], [0]]), yPred: Tensor([[0.7], [0.6]]), sampleWeight: nil)
        XCTAssertEqual(binary.result(), 0.5, accuracy: 1e-6)
        XCTAssertEqual(binary.name, "accuracy")
        let topTwo = MetricSpec.topKCategoricalAccuracy(k: 2).make(loss: .categoricalCrossentropy, outputShape: [3])
        topTwo.update(yTrue: Tensor.oneHot(indices: Tensor([0, 1, 2]), depth: 3), yPred: probabilities, sampleWeight: nil)
        XCTAssertEqual(topTwo.result(), 2.0 / 3, accuracy: 1e-6)
    }

    func testWeightedMean() {
        let mse = MetricSpec.meanSquaredError.make(loss: .meanSquaredError, outputShape: [1])
        mse.update(yTrue: Tensor([[0], [0]]), yPred: Tensor([[1], [3]]), sampleWeight: Tensor([3, 1]))
        XCTAssertEqual(mse.result(), (3 * 1 + 1 * 9) / 4, accuracy: 1e-6)
    }
}
