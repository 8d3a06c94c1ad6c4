import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Reference trees and numbers printed by scripts/classic_reference.py (scikit-learn 1.9.1).
final class DecisionTreeTests: XCTestCase {
    func testEntropyTreeOnIrisMatchesScikitLearn() throws {
        let iris = try Datasets.iris()
        let split = try trainTestSplit(iris.data, iris.target, testSize: 0.2, randomState: 42)
        let tree = try DecisionTreeClassifier(criterion: .entropy, maxDepth: 3, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(try tree.exportText(featureNames: iris.featureNames), """
        |--- petal width (cm) <= 0.80
        |   |--- class: 0
        |--- petal width (cm) >  0.80
        |   |--- petal length (cm) <= 4.75
        |   |   |--- petal width (cm) <= 1.65
        |   |   |   |--- class: 1
        |   |   |--- petal width (cm) >  1.65
        |   |   |   |--- class: 2
        |   |--- petal length (cm) >  4.75
        |   |   |--- petal width (cm) <= 1.75
        |   |   |   |--- class: 1
        |   |   |--- petal width (cm) >  1.75
        |   |   |   |--- class: 2

        """)
        XCTAssertEqual(try tree.score(split.xTest, split.yTest), 1.0)
        XCTAssertEqual(tree.depth, 3)
        XCTAssertEqual(tree.leafCount, 5)
    }

    func testFullGiniTreeOnIrisMatchesScikitLearn() throws {
        let iris = try Datasets.iris()
        let tree = try DecisionTreeClassifier(randomState: 0).fit(iris.data, iris.target)
        XCTAssertEqual(try tree.exportText(), """
        |--- feature_3 <= 0.80
        |   |--- class: 0
        |--- feature_3 >  0.80
        |   |--- feature_3 <= 1.75
        |   |   |--- feature_2 <= 4.95
        |   |   |   |--- feature_3 <= 1.65
        |   |   |   |   |--- class: 1
        |   |   |   |--- feature_3 >  1.65
        |   |   |   |   |--- class: 2
        |   |   |--- feature_2 >  4.95
        |   |   |   |--- feature_3 <= 1.55
        |   |   |   |   |--- class: 2
        |   |   |   |--- feature_3 >  1.55
        |   |   |   |   |--- feature_2 <= 5.45
        |   |   |   |   |   |--- class: 1
        |   |   |   |   |--- feature_2 >  5.45
        |   |   |   |   |   |--- class: 2
        |   |--- feature_3 >  1.75
        |   |   |--- feature_2 <= 4.85
        |   |   |   |--- feature_1 <= 3.10
        |   |   |   |   |--- class: 2
        |   |   |   |--- feature_1 >  3.10
        |   |   |   |   |--- class: 1
        |   |   |--- feature_2 >  4.85
        |   |   |   |--- class: 2

        """)
        XCTAssertEqual(tree.depth, 5)
        XCTAssertEqual(tree.leafCount, 9)
        let expected = [0.0, 0.013333333333333329, 0.06405595813204505, 0.9226107085346216]
        for (actual, reference) in zip(tree.featureImportances, expected) { XCTAssertEqual(actual, reference, accuracy: 1e-12) }
        XCTAssertEqual(try tree.score(iris.data, iris.target), 1.0)
        let proba = try tree.predictProba(iris.data)
        XCTAssertEqual(proba.shape, [150, 3])
        XCTAssertEqual(proba.scalars.reduce(0, +), 150, accuracy: 1e-3)
    }

    func testRegressionTreeOnIrisMatchesScikitLearn() throws {
        let iris = try Datasets.iris()
        let all = iris.data.scalars
        let x = Tensor(shape: [150, 3], scalars: (0..<150).flatMap { all[($0 * 4)..<($0 * 4 + 3)] })
        let y = Tensor((0..<150).map { all[$0 * 4 + 3] })
        let tree = try DecisionTreeRegressor(maxDepth: 2, randomState: 0).fit(x, y)
        XCTAssertEqual(try tree.exportText(), """
        |--- feature_2 <= 2.45
        |   |--- feature_0 <= 4.95
        |   |   |--- value: [0.20]
        |   |--- feature_0 >  4.95
        |   |   |--- value: [0.28]
        |--- feature_2 >  2.45
        |   |--- feature_2 <= 4.75
        |   |   |--- value: [1.30]
        |   |--- feature_2 >  4.75
        |   |   |--- value: [1.98]

        """)
        XCTAssertGreaterThan(try tree.score(x, y), 0.9)
    }
}
