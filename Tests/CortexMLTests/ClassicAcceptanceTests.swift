import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Test accuracies against scikit-learn 1.9.1 on the bundled datasets, split with
/// `trainTestSplit(testSize: 0.2, randomState: 42)`, every model with `randomState: 0`.
/// The reference numbers are printed by scripts/classic_reference.py.
final class ClassicAcceptanceTests: XCTestCase {
    private static let references: [String: [String: Double]] = [
        "decisionTree": ["iris": 1.000000, "wine": 0.916667, "breastCancer": 0.956140, "digits": 0.486111],
        "randomForest": ["iris": 1.000000, "wine": 1.000000, "breastCancer": 0.964912, "digits": 0.977778],
        "gradientBoosting": ["iris": 1.000000, "wine": 0.944444, "breastCancer": 0.956140, "digits": 0.972222],
        "histGradientBoosting": ["iris": 1.000000, "wine": 0.972222, "breastCancer": 0.964912, "digits": 0.975000],
    ]

    private func splits() throws -> [(String, TrainTestSplit)] {
        try [("iris", Datasets.iris()), ("wine", Datasets.wine()), ("breastCancer", Datasets.breastCancer()),
             ("digits", Datasets.digits())].map { name, data in
            (name, try trainTestSplit(data.data, data.target, testSize: 0.2, randomState: 42))
        }
    }

    private func assertWithinOnePoint(_ model: String, _ make: () -> any Classifier) throws {
        for (name, split) in try splits() {
            let accuracy = try make().fit(split.xTrain, split.yTrain).score(split.xTest, split.yTest)
            let reference = try XCTUnwrap(Self.references[model]?[name])
            XCTAssertEqual(accuracy, reference, accuracy: 0.01, "\(model) on \(name)")
        }
    }

    func testDecisionTree() throws {
        try assertWithinOnePoint("decisionTree") { DecisionTreeClassifier(criterion: .entropy, maxDepth: 3, randomState: 0) }
    }

    func testRandomForest() throws {
        try assertWithinOnePoint("randomForest") { RandomForestClassifier(nEstimators: 100, randomState: 0) }
    }

    func testGradientBoosting() throws {
        try assertWithinOnePoint("gradientBoosting") {
            GradientBoostingClassifier(learningRate: 0.1, nEstimators: 100, maxDepth: 3, randomState: 0)
        }
    }

    func testHistGradientBoosting() throws {
        try assertWithinOnePoint("histGradientBoosting") { HistGradientBoostingClassifier(randomState: 0) }
    }
}
