import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Test accuracy on the bundled datasets against scikit-learn 1.9.1 with the same split
/// (`trainTestSplit(testSize: 0.2, randomState: 42)`); numbers from scripts/svm_reference.py.
final class ClassicModelAccuracyTests: XCTestCase {
    static let datasets: [(name: String, load: () throws -> TabularDataset)] = [
        ("iris", Datasets.iris), ("wine", Datasets.wine), ("breast_cancer", Datasets.breastCancer), ("digits", Datasets.digits),
    ]

    /// Fits a fresh model per dataset and checks its test accuracy is within one point of
    /// scikit-learn's. `optimizedOnly` names datasets too slow for an unoptimised build.
    func assertAccuracy(_ make: () -> any Classifier, expected: [Double], optimizedOnly: Set<String> = [],
                        file: StaticString = #filePath, line: UInt = #line) throws {
        for ((name, load), reference) in zip(Self.datasets, expected) {
            #if DEBUG
            if optimizedOnly.contains(name) { continue }
            #endif
            let data = try load()
            let split = try trainTestSplit(data.data, data.target, testSize: 0.2, randomState: 42)
            let model = make()
            try model.fit(split.xTrain, split.yTrain)
            let accuracy = try model.score(split.xTest, split.yTest)
            XCTAssertEqual(accuracy, reference, accuracy: 0.01, "\(name)", file: file, line: line)
        }
    }

    /// Unscaled breast_cancer takes libsvm about 8 million SMO steps with a linear kernel (as in
    /// scikit-learn): a few seconds optimised, a minute in a debug build, so it is checked by
    /// `swift test -c release -Xswiftc -enable-testing` only.
    func testLinearSVC() throws {
        try assertAccuracy({ SVC(C: 1, kernel: .linear) }, expected: [1, 1, 0.956140, 0.977778], optimizedOnly: ["breast_cancer"])
    }

    func testRBFSVC() throws {
        try assertAccuracy({ SVC() }, expected: [1, 0.805556, 0.947368, 0.986111])
    }

    func testLinearSVCLiblinear() throws {
        try assertAccuracy({ LinearSVC(randomState: 0) }, expected: [1, 1, 0.956140, 0.95])
    }

    func testLogisticRegression() throws {
        try assertAccuracy({ LogisticRegression() }, expected: [1, 0.972222, 0.956140, 0.969444])
    }

    func testKNeighborsClassifier() throws {
        try assertAccuracy({ KNeighborsClassifier() }, expected: [1, 0.722222, 0.956140, 0.986111])
    }
}
