import Cortex
import CortexMetrics
import Foundation
import XCTest

final class EvaluateClassifierTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-evaluation-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testMulticlassProbabilitiesGiveScikitLearnScoresAndAllFiles() throws {
        let c = SklearnExpected.multiclassScoreCases[0]
        let names = ["cat", "dog", "bird"]
        let evaluation = try evaluateClassifier(yTrue: Tensor(c.yTrue.map(Float.init)), yScore: c.yScore, targetNames: names,
                                                outputDirectory: directory)
        assertClose(evaluation.rocAuc ?? .nan, c.ovrMacro)
        assertClose(evaluation.rocAucPerClass.map { $0 ?? .nan }, c.rocAucPerClass)
        assertClose(evaluation.averagePrecision ?? .nan, c.apMacro)
        let predictions = c.yScore.map { row in row.firstIndex(of: row.max()!)! }
        XCTAssertEqual(evaluation.predictions, predictions)
        XCTAssertEqual(evaluation.confusionMatrix, try confusionMatrix(yTrue: c.yTrue, yPred: predictions))

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(files, ["confusion_matrix.png", "confusion_matrix.svg", "precision_recall_curve.png",
                               "precision_recall_curve.svg", "report.txt", "roc_curve.png", "roc_curve.svg"])
        let report = try String(contentsOf: directory.appendingPathComponent("report.txt"), encoding: .utf8)
        let expectedReport = try classificationReport(yTrue: c.yTrue, yPred: predictions, targetNames: names, digits: 4)
        XCTAssertTrue(report.contains(expectedReport), report)
        XCTAssertTrue(report.contains("ROC AUC (one-vs-rest, macro average): \(String(format: "%.4f", c.ovrMacro))"), report)
        let roc = try SVGSummary(String(contentsOf: directory.appendingPathComponent("roc_curve.svg"), encoding: .utf8))
        XCTAssertEqual(roc.count(element: "polyline", class: "series"), 3)
    }

    func testBinaryScoresAreThresholdedAndScored() throws {
        let c = SklearnExpected.binaryScoreCases[0]
        let evaluation = try evaluateClassifier(yTrue: c.yTrue, yScore: c.yScore, outputDirectory: directory)
        XCTAssertEqual(evaluation.predictions, c.yScore.map { $0 >= 0.5 ? 1 : 0 })
        assertClose(evaluation.rocAuc ?? .nan, c.rocAuc)
        assertClose(evaluation.averagePrecision ?? .nan, c.averagePrecision)
        XCTAssertEqual(evaluation.rocAucPerClass.count, 1)
        let decision = SklearnExpected.binaryScoreCases[1]
        let fromDecisionValues = try evaluateClassifier(yTrue: decision.yTrue, yScore: decision.yScore, labels: [-1, 1],
                                                        outputDirectory: directory)
        XCTAssertEqual(fromDecisionValues.predictions, decision.yScore.map { $0 >= 0 ? 1 : -1 })
        assertClose(fromDecisionValues.rocAuc ?? .nan, decision.rocAuc)
    }

    func testAClassMissingFromTheTruthHasNoAUC() throws {
        let scores: [[Double]] = [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.8, 0.1]]
        let evaluation = try evaluateClassifier(yTrue: [0, 1, 0, 1], yScore: scores, outputDirectory: directory)
        XCTAssertNil(evaluation.rocAucPerClass[2])
        XCTAssertEqual(evaluation.rocAucPerClass[0], 1)
        XCTAssertEqual(evaluation.rocAuc, 1)
    }

    func testInvalidArgumentsThrowBeforeWritingAnything() {
        XCTAssertThrowsError(try evaluateClassifier(yTrue: [0, 1, 3], yScore: [[0.5, 0.5], [0.1, 0.9], [0.2, 0.8]],
                                                    outputDirectory: directory))
        XCTAssertThrowsError(try evaluateClassifier(yTrue: [0, 1], yScore: [[0.5, 0.5], [0.1, 0.9]], targetNames: ["a"],
                                                    outputDirectory: directory))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path))
    }
}
