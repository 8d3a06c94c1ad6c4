import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Reference values from scikit-learn 1.9.1 with the same splits and `random_state=0`
/// (scripts/classic_reference.py).
///
/// Early stages fit trees to gradients with few distinct values, where different splits can be
/// exactly as good; scikit-learn then picks by the rounding of its sums, whose order follows its
/// own per-node sorting. Where such ties occur (subsampling, several classes) the values agree to
/// a few parts in a thousand rather than bit for bit.
final class GradientBoostingTests: XCTestCase {
    private func breastCancerSplit() throws -> TrainTestSplit {
        let data = try Datasets.breastCancer()
        return try trainTestSplit(data.data, data.target, testSize: 0.2, randomState: 42)
    }

    func testBinaryLogLossMatchesScikitLearn() throws {
        let split = try breastCancerSplit()
        let model = try GradientBoostingClassifier(nEstimators: 20, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(model.trainScore.first!, 1.144871946270903, accuracy: 1e-9)
        XCTAssertEqual(model.trainScore.last!, 0.20071507734196814, accuracy: 1e-9)
        let raw = try model.decisionFunction(split.xTest).scalars
        XCTAssertEqual(raw[0], 2.805879866446441, accuracy: 1e-5)
        XCTAssertEqual(raw[1], -2.371637719276096, accuracy: 1e-5)
        XCTAssertEqual(try model.score(split.xTest, split.yTest), 0.956140350877193, accuracy: 1e-9)
        let staged = try model.stagedPredict(split.xTest)
        XCTAssertEqual(staged.count, 20)
        XCTAssertEqual(staged.last!.scalars, try model.predict(split.xTest).scalars)
    }

    func testSubsamplingDrawsTheSameSamplesAsScikitLearn() throws {
        let split = try breastCancerSplit()
        let model = try GradientBoostingClassifier(nEstimators: 20, subsample: 0.7, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(model.trainScore.first!, 1.157952132423314, accuracy: 1e-9)
        XCTAssertEqual(model.trainScore.last!, 0.21168710864391407, accuracy: 2e-3)
        XCTAssertEqual(try model.decisionFunction(split.xTest).scalars[0], 2.8324368424687796, accuracy: 1e-2)
    }

    func testExponentialLossMatchesScikitLearn() throws {
        let split = try breastCancerSplit()
        let model = try GradientBoostingClassifier(loss: .exponential, nEstimators: 20, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(model.trainScore.first!, 0.8824416003031231, accuracy: 1e-9)
        XCTAssertEqual(model.trainScore.last!, 0.20460133738638048, accuracy: 1e-9)
        XCTAssertEqual(try model.decisionFunction(split.xTest).scalars[1], -1.6250475100099802, accuracy: 1e-5)
    }

    func testMulticlassSoftmaxTreesMatchScikitLearn() throws {
        let iris = try Datasets.iris()
        let split = try trainTestSplit(iris.data, iris.target, testSize: 0.2, randomState: 42)
        let model = try GradientBoostingClassifier(nEstimators: 20, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(model.estimators.count, 20)
        XCTAssertEqual(model.estimators[0].count, 3)
        XCTAssertEqual(model.trainScore.first!, 0.9204218100935125, accuracy: 1e-5)
        XCTAssertEqual(model.trainScore.last!, 0.08058356158422857, accuracy: 1e-4)
        let proba = try model.predictProba(split.xTest).scalars
        for (actual, expected) in zip(proba.prefix(3), [0.030331489091062057, 0.9398530446821542, 0.029815466226783757]) {
            XCTAssertEqual(Double(actual), expected, accuracy: 1e-4)
        }
        let expected = [0.0007948297208042355, 0.011700164877758601, 0.6190509503030976, 0.3684540550983395]
        for (actual, reference) in zip(model.featureImportances, expected) { XCTAssertEqual(actual, reference, accuracy: 1e-4) }
    }

    func testRegressionLossesMatchScikitLearn() throws {
        let iris = try Datasets.iris()
        let all = iris.data.scalars
        let x = Tensor(shape: [150, 3], scalars: (0..<150).flatMap { all[($0 * 4)..<($0 * 4 + 3)] })
        let y = Tensor((0..<150).map { all[$0 * 4 + 3] })
        let references: [(GradientBoostingRegressor.Loss, Double, Double, Double)] = [
            (.squaredError, 0.47364005921041913, 0.0307446513160439, 0.3679079916723198),
            (.absoluteError, 0.5769333333333333, 0.13577538497794864, 0.3337343200496262),
            (.huber, 0.24091854067096924, 0.014847884341628695, 0.3784074075823745),
        ]
        for (loss, first, last, prediction) in references {
            let model = try GradientBoostingRegressor(loss: loss, nEstimators: 20, randomState: 0).fit(x, y)
            XCTAssertEqual(model.trainScore.first!, first, accuracy: 1e-6, "\(loss)")
            XCTAssertEqual(model.trainScore.last!, last, accuracy: 1e-6, "\(loss)")
            XCTAssertEqual(Double(try model.predict(x).scalars[0]), prediction, accuracy: 1e-5, "\(loss)")
        }
    }

    func testRejectsExponentialLossForThreeClasses() throws {
        let iris = try Datasets.iris()
        XCTAssertThrowsError(try GradientBoostingClassifier(loss: .exponential, nEstimators: 2).fit(iris.data, iris.target)) {
            XCTAssertEqual("\($0)", "parameter loss: exponential loss needs 2 classes, got 3")
        }
    }
}
