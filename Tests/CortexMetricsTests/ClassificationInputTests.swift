import Cortex
import CortexMetrics
import XCTest

/// Inputs, errors and warnings of the classification metrics.
final class ClassificationInputTests: XCTestCase {
    func testDocumentationExample() throws {
        let yTrue = [0, 1, 2, 2, 1, 0]
        let yPred = [0, 2, 2, 2, 1, 0]
        XCTAssertEqual(try f1Score(yTrue: yTrue, yPred: yPred, average: .macro), (1 + 2.0 / 3 + 0.8) / 3, accuracy: 1e-12)
        assertClose(try f1ScorePerClass(yTrue: yTrue, yPred: yPred), [1, 2.0 / 3, 0.8])
    }

    func testTensorLabelsAreIndicesOrRowArgmax() throws {
        let indices = Tensor([0, 2, 1, 1])
        XCTAssertEqual(try indices.classLabels(argument: "y"), [0, 2, 1, 1])
        XCTAssertEqual(try Tensor(shape: [4, 1], scalars: [0, 2, 1, 1]).classLabels(argument: "y"), [0, 2, 1, 1])
        let probabilities = Tensor([[0.1, 0.7, 0.2], [0.5, 0.5, 0], [0, 0, 1], [0.2, 0.3, 0.5]])
        XCTAssertEqual(try probabilities.classLabels(argument: "y"), [1, 0, 2, 2])
        XCTAssertEqual(try accuracyScore(yTrue: Tensor([1, 0, 1, 2]), yPred: probabilities), 0.75)
        XCTAssertThrowsError(try Tensor([0.2, 0.9]).classLabels(argument: "yPred")) { error in
            guard case MetricsError.invalidInput(let argument, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(argument, "yPred")
        }
        XCTAssertThrowsError(try Tensor(repeating: 0, shape: [2, 2, 2]).classLabels(argument: "y"))
    }

    func testSetWiseArgumentErrorsSayWhatScikitLearnSays() {
        XCTAssertThrowsError(try precisionScore(yTrue: [0, 1, 2], yPred: [0, 1, 1])) { error in
            XCTAssertEqual("\(error)", "Target is multiclass but average is .binary. Please choose another average setting, one of [.micro, .macro, .weighted], or call the ...PerClass variant.")
        }
        XCTAssertThrowsError(try recallScore(yTrue: [2, 3, 3], yPred: [2, 2, 3])) { error in
            XCTAssertEqual(error as? MetricsError, .invalidParameter("posLabel=1 is not a valid label. It should be one of [2, 3]"))
        }
        XCTAssertThrowsError(try accuracyScore(yTrue: [0, 1], yPred: [0])) { error in
            XCTAssertEqual(error as? MetricsError, .inconsistentNumberOfSamples([2, 1]))
        }
        XCTAssertThrowsError(try accuracyScore(yTrue: [Int](), yPred: [Int]()))
        XCTAssertThrowsError(try confusionMatrix(yTrue: [0, 1], yPred: [0, 1], labels: [5]))
        XCTAssertThrowsError(try confusionMatrix(yTrue: [0, 1], yPred: [0, 1], labels: []))
        XCTAssertThrowsError(try cohenKappaScore(y1: [0, 1], y2: [0, 1], labels: [7])) { error in
            XCTAssertTrue("\(error)".hasPrefix("At least one label in `labels` must be present in `y1`"))
        }
        XCTAssertThrowsError(try classificationReport(yTrue: [0, 1, 2], yPred: [0, 1, 2], targetNames: ["a", "b"]))
    }

    func testEachDistinctWarningIsReportedOncePerCall() throws {
        // class 2 is never predicted and class 3 never true: precision, recall and F-score are
        // ill-defined in each of the report's four computations, yet each warning comes once
        let (_, warnings) = try recordingWarnings {
            try classificationReport(yTrue: [0, 1, 2, 0], yPred: [0, 1, 3, 0])
        }
        XCTAssertEqual(warnings.map(\.message), [
            "Precision is ill-defined and being set to 0.0 in labels with no predicted samples. Use `zeroDivision` parameter to control this behavior.",
            "Recall is ill-defined and being set to 0.0 in labels with no true samples. Use `zeroDivision` parameter to control this behavior.",
        ])
        XCTAssertEqual(Set(warnings.map(\.category)), [.undefinedMetric])
        let (_, silent) = try recordingWarnings { try precisionScore(yTrue: [0, 1], yPred: [0, 0], zeroDivision: .zero) }
        XCTAssertTrue(silent.isEmpty)
        let (_, single) = try recordingWarnings { try precisionScore(yTrue: [0, 1], yPred: [0, 0]) }
        XCTAssertEqual(single.map(\.message), ["Precision is ill-defined and being set to 0.0 due to no predicted samples. Use `zeroDivision` parameter to control this behavior."])
    }

    func testPosLabelIsIgnoredWithAWarningOutsideBinaryAverage() throws {
        let (value, warnings) = try recordingWarnings {
            try f1Score(yTrue: [0, 1, 2], yPred: [0, 1, 2], posLabel: 2, average: .macro)
        }
        XCTAssertEqual(value, 1)
        XCTAssertEqual(warnings.map(\.category), [.user])
    }

    func testReportAsData() throws {
        let report = try ClassificationReport(yTrue: [0, 1, 1, 2], yPred: [0, 1, 2, 2], targetNames: ["a", "b", "c"])
        XCTAssertEqual(report.classes.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(report.classes.map(\.support), [1, 2, 1])
        XCTAssertEqual(report.accuracy, 0.75)
        XCTAssertNil(report.microAverage)
        XCTAssertEqual(report.weightedAverage.recall, 0.75)
        XCTAssertEqual(report.totalSupport, 4)
        let partial = try ClassificationReport(yTrue: [0, 1, 1, 2], yPred: [0, 1, 2, 2], labels: [0, 1])
        XCTAssertNil(partial.accuracy)
        XCTAssertEqual(partial.microAverage?.precision, 1)
        XCTAssertEqual(partial.microAverage?.recall ?? 0, 2.0 / 3, accuracy: 1e-12)
    }
}
