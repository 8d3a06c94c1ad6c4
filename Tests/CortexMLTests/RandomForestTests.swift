import Cortex
import CortexData
import XCTest
@testable import CortexML

final class RandomForestTests: XCTestCase {
    /// scikit-learn: RandomForestClassifier(n_estimators=20, oob_score=True, random_state=0) on the
    /// breast-cancer training split (scripts/classic_reference.py).
    func testForestDrawsTheSameTreesAsScikitLearn() throws {
        let data = try Datasets.breastCancer()
        let split = try trainTestSplit(data.data, data.target, testSize: 0.2, randomState: 42)
        let forest = try RandomForestClassifier(nEstimators: 20, oobScore: true, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(forest.trees.map(\.nodeCount),
                       [45, 37, 39, 39, 39, 39, 39, 39, 33, 29, 37, 31, 29, 35, 37, 39, 35, 43, 47, 37])
        XCTAssertEqual(forest.trees[0].feature[0], 6)
        XCTAssertEqual(forest.trees[0].threshold[0], 0.10370000079274178)
        XCTAssertEqual(try XCTUnwrap(forest.oobScore), 0.9582417582417583, accuracy: 1e-12)
        let importances = forest.featureImportances
        XCTAssertEqual(importances.reduce(0, +), 1, accuracy: 1e-9)
    }

    func testSameForestWhateverTheThreadCount() throws {
        let data = try Datasets.wine()
        let serial = try RandomForestClassifier(nEstimators: 8, nJobs: 1, randomState: 3).fit(data.data, data.target)
        let parallel = try RandomForestClassifier(nEstimators: 8, nJobs: -1, randomState: 3).fit(data.data, data.target)
        XCTAssertEqual(serial.trees, parallel.trees)
        XCTAssertEqual(try serial.predictProba(data.data).scalars, try parallel.predictProba(data.data).scalars)
    }

    func testRegressionForestFitsAndScoresOutOfBag() throws {
        let iris = try Datasets.iris()
        let all = iris.data.scalars
        let x = Tensor(shape: [150, 3], scalars: (0..<150).flatMap { all[($0 * 4)..<($0 * 4 + 3)] })
        let y = Tensor((0..<150).map { all[$0 * 4 + 3] })
        let forest = try RandomForestRegressor(nEstimators: 15, oobScore: true, randomState: 0).fit(x, y)
        XCTAssertGreaterThan(try forest.score(x, y), 0.95)
        XCTAssertGreaterThan(try XCTUnwrap(forest.oobScore), 0.85)
        XCTAssertLessThan(try XCTUnwrap(forest.oobScore), try forest.score(x, y))
    }

    func testRejectsOutOfBagWithoutBootstrap() throws {
        let iris = try Datasets.iris()
        XCTAssertThrowsError(try RandomForestClassifier(nEstimators: 2, bootstrap: false, oobScore: true).fit(iris.data, iris.target)) {
            XCTAssertEqual("\($0)", "parameter oobScore: out-of-bag estimation needs bootstrap: true")
        }
    }
}
