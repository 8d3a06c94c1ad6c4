import Cortex
import CortexData
import XCTest
@testable import CortexML

final class HistGradientBoostingTests: XCTestCase {
    func testBinsLikeScikitLearn() {
        // Few distinct values: midpoints. Many: quantiles (averaged inverted CDF), deduplicated.
        let few = FeatureBinner(fitting: Tensor([[1], [3], [3], [7]]), maxBins: 255)
        XCTAssertEqual(few.thresholds[0], [2, 5])
        XCTAssertEqual(few.transform(Tensor([[0], [2], [2.5], [9], [.nan]])), [0, 0, 1, 2, 3])
        let many = FeatureBinner(fitting: Tensor(shape: [10, 1], scalars: (0..<10).map(Float.init)), maxBins: 4)
        XCTAssertEqual(many.thresholds[0], [2, 4.5, 7])
    }

    func testLearnsWhereMissingValuesGo() throws {
        // The label is 1 exactly where the feature is missing; the other values carry no signal.
        var rows: [[Float]] = [], labels: [Float] = []
        for i in 0..<200 {
            let missing = i % 3 == 0
            rows.append([missing ? .nan : Float(i % 7), Float(i % 5)])
            labels.append(missing ? 1 : 0)
        }
        let x = Tensor(rows), y = Tensor(labels)
        let model = try HistGradientBoostingClassifier(maxIter: 20, minSamplesLeaf: 5, randomState: 0).fit(x, y)
        XCTAssertEqual(try model.score(x, y), 1.0)
        XCTAssertEqual(try model.predict(Tensor([[.nan, 1], [3, 1]])).scalars, [1, 0])
    }

    func testEarlyStoppingHoldsOutValidationDataAndStops() throws {
        let data = try Datasets.breastCancer()
        let model = try HistGradientBoostingClassifier(maxIter: 200, earlyStopping: .on, nIterNoChange: 5, randomState: 0)
            .fit(data.data, data.target)
        XCTAssertLessThan(model.nIter, 200)
        XCTAssertEqual(model.validationScore.count, model.nIter + 1)
        XCTAssertEqual(model.trainScore.count, model.nIter + 1)
        XCTAssertGreaterThan(model.trainScore.last!, model.trainScore.first!)
        let probabilities = try model.predictProba(data.data)
        XCTAssertEqual(probabilities.shape, [569, 2])
    }

    func testBinaryScoresAreLogOdds() throws {
        let data = try Datasets.breastCancer()
        let model = try HistGradientBoostingClassifier(maxIter: 10, randomState: 0).fit(data.data, data.target)
        let raw = try model.decisionFunction(data.data).scalars
        let proba = try model.predictProba(data.data).scalars
        for i in [0, 100, 300] { XCTAssertEqual(proba[2 * i + 1], 1 / (1 + exp(-raw[i])), accuracy: 1e-5) }
    }
}
