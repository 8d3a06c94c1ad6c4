import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Trees with pruning, best-first growth, class weights and feature subsets against the trees
/// scikit-learn 1.9.1 grows on the wine training split (scripts/classic_reference.py).
final class DecisionTreeOptionsTests: XCTestCase {
    private func wineSplit() throws -> TrainTestSplit {
        let wine = try Datasets.wine()
        return try trainTestSplit(wine.data, wine.target, testSize: 0.2, randomState: 42)
    }

    func testCostComplexityPruningMatchesScikitLearn() throws {
        let split = try wineSplit()
        let tree = try DecisionTreeClassifier(randomState: 0, ccpAlpha: 0.02).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(try tree.exportText(), """
        |--- feature_9 <= 3.82
        |   |--- feature_12 <= 1002.50
        |   |   |--- class: 1
        |   |--- feature_12 >  1002.50
        |   |   |--- class: 0
        |--- feature_9 >  3.82
        |   |--- feature_6 <= 1.40
        |   |   |--- class: 2
        |   |--- feature_6 >  1.40
        |   |   |--- feature_12 <= 724.50
        |   |   |   |--- class: 1
        |   |   |--- feature_12 >  724.50
        |   |   |   |--- class: 0

        """)
        XCTAssertEqual(tree.leafCount, 5)
        XCTAssertEqual(tree.depth, 3)
        XCTAssertEqual(try tree.score(split.xTest, split.yTest), 0.944444, accuracy: 1e-6)
    }

    func testBestFirstGrowthMatchesScikitLearn() throws {
        let split = try wineSplit()
        let tree = try DecisionTreeClassifier(maxLeafNodes: 5, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(try tree.exportText(), """
        |--- feature_9 <= 3.82
        |   |--- feature_12 <= 1002.50
        |   |   |--- class: 1
        |   |--- feature_12 >  1002.50
        |   |   |--- class: 0
        |--- feature_9 >  3.82
        |   |--- feature_6 <= 1.40
        |   |   |--- class: 2
        |   |--- feature_6 >  1.40
        |   |   |--- feature_12 <= 724.50
        |   |   |   |--- class: 1
        |   |   |--- feature_12 >  724.50
        |   |   |   |--- class: 0

        """)
        XCTAssertEqual(tree.leafCount, 5)
        XCTAssertEqual(tree.depth, 3)
        XCTAssertEqual(try tree.score(split.xTest, split.yTest), 0.944444, accuracy: 1e-6)
    }

    func testBalancedClassWeightsMatchScikitLearn() throws {
        let split = try wineSplit()
        let tree = try DecisionTreeClassifier(maxDepth: 3, classWeight: .balanced, randomState: 0).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(try tree.exportText(), """
        |--- feature_11 <= 2.19
        |   |--- feature_9 <= 3.82
        |   |   |--- class: 1
        |   |--- feature_9 >  3.82
        |   |   |--- feature_6 <= 1.40
        |   |   |   |--- class: 2
        |   |   |--- feature_6 >  1.40
        |   |   |   |--- class: 1
        |--- feature_11 >  2.19
        |   |--- feature_12 <= 726.50
        |   |   |--- feature_0 <= 13.14
        |   |   |   |--- class: 1
        |   |   |--- feature_0 >  13.14
        |   |   |   |--- class: 1
        |   |--- feature_12 >  726.50
        |   |   |--- feature_9 <= 3.49
        |   |   |   |--- class: 1
        |   |   |--- feature_9 >  3.49
        |   |   |   |--- class: 0

        """)
        XCTAssertEqual(tree.leafCount, 7)
        XCTAssertEqual(tree.depth, 3)
        XCTAssertEqual(try tree.score(split.xTest, split.yTest), 0.916667, accuracy: 1e-6)
    }

    func testRandomFeatureSubsetsMatchScikitLearn() throws {
        let split = try wineSplit()
        let tree = try DecisionTreeClassifier(minSamplesLeaf: 3, maxFeatures: .sqrt, randomState: 7).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(try tree.exportText(), """
        |--- feature_10 <= 0.78
        |   |--- feature_6 <= 1.98
        |   |   |--- class: 2
        |   |--- feature_6 >  1.98
        |   |   |--- class: 1
        |--- feature_10 >  0.78
        |   |--- feature_12 <= 755.00
        |   |   |--- feature_9 <= 4.11
        |   |   |   |--- class: 1
        |   |   |--- feature_9 >  4.11
        |   |   |   |--- feature_1 <= 2.32
        |   |   |   |   |--- class: 1
        |   |   |   |--- feature_1 >  2.32
        |   |   |   |   |--- feature_5 <= 2.16
        |   |   |   |   |   |--- feature_8 <= 1.06
        |   |   |   |   |   |   |--- class: 2
        |   |   |   |   |   |--- feature_8 >  1.06
        |   |   |   |   |   |   |--- class: 2
        |   |   |   |   |--- feature_5 >  2.16
        |   |   |   |   |   |--- class: 0
        |   |--- feature_12 >  755.00
        |   |   |--- feature_9 <= 3.46
        |   |   |   |--- class: 1
        |   |   |--- feature_9 >  3.46
        |   |   |   |--- class: 0

        """)
        XCTAssertEqual(tree.leafCount, 9)
        XCTAssertEqual(tree.depth, 6)
        XCTAssertEqual(try tree.score(split.xTest, split.yTest), 0.972222, accuracy: 1e-6)
    }

    func testAbsoluteErrorTreeMatchesScikitLearn() throws {
        let iris = try Datasets.iris()
        let all = iris.data.scalars
        let x = Tensor(shape: [150, 3], scalars: (0..<150).flatMap { all[($0 * 4)..<($0 * 4 + 3)] })
        let y = Tensor((0..<150).map { all[$0 * 4 + 3] })
        let tree = try DecisionTreeRegressor(criterion: .absoluteError, maxDepth: 2, randomState: 0).fit(x, y)
        XCTAssertEqual(try tree.exportText(decimals: 3), """
        |--- feature_2 <= 2.450
        |   |--- feature_2 <= 1.650
        |   |   |--- value: [0.200]
        |   |--- feature_2 >  1.650
        |   |   |--- value: [0.350]
        |--- feature_2 >  2.450
        |   |--- feature_2 <= 4.750
        |   |   |--- value: [1.300]
        |   |--- feature_2 >  4.750
        |   |   |--- value: [2.000]

        """)
    }

    func testPruningPathShrinksTheTree() throws {
        let split = try wineSplit()
        let full = try DecisionTreeClassifier(randomState: 0).fit(split.xTrain, split.yTrain)
        let pruned = try DecisionTreeClassifier(randomState: 0, ccpAlpha: 0.05).fit(split.xTrain, split.yTrain)
        XCTAssertLessThan(pruned.leafCount, full.leafCount)
        XCTAssertEqual(try full.score(split.xTrain, split.yTrain), 1.0)
    }
}
