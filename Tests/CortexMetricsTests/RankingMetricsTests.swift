import Cortex
import CortexMetrics
import XCTest

/// Curves, AUC, average precision, log loss and top-k accuracy against scikit-learn.
final class RankingMetricsTests: XCTestCase {
    func testBinaryCurvesMatchScikitLearn() throws {
        for c in SklearnExpected.binaryScoreCases {
            let roc = try rocCurve(yTrue: c.yTrue, yScore: c.yScore, posLabel: c.posLabel)
            assertClose(roc.fpr, c.rocFpr, c.name)
            assertClose(roc.tpr, c.rocTpr, c.name)
            assertClose(roc.thresholds, c.rocThresholds, c.name)
            let full = try rocCurve(yTrue: c.yTrue, yScore: c.yScore, posLabel: c.posLabel, dropIntermediate: false)
            assertClose(full.fpr, c.rocFprAll, c.name)
            assertClose(full.tpr, c.rocTprAll, c.name)
            assertClose(full.thresholds, c.rocThresholdsAll, c.name)
            let pr = try precisionRecallCurve(yTrue: c.yTrue, yScore: c.yScore, posLabel: c.posLabel)
            assertClose(pr.precision, c.prPrecision, c.name)
            assertClose(pr.recall, c.prRecall, c.name)
            assertClose(pr.thresholds, c.prThresholds, c.name)
            let dropped = try precisionRecallCurve(yTrue: c.yTrue, yScore: c.yScore, posLabel: c.posLabel, dropIntermediate: true)
            assertClose(dropped.precision, c.prPrecisionDropped, c.name)
            assertClose(dropped.recall, c.prRecallDropped, c.name)
            assertClose(dropped.thresholds, c.prThresholdsDropped, c.name)
            assertClose(try auc(x: roc.fpr, y: roc.tpr), c.aucOfRoc, c.name)
        }
    }

    func testBinaryScoresMatchScikitLearn() throws {
        for c in SklearnExpected.binaryScoreCases {
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore), c.rocAuc, c.name)
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore, maxFpr: 0.5), c.rocAucMaxFprHalf, c.name)
            assertClose(try rocAucScorePerClass(yTrue: c.yTrue, yScore: c.yScore), [c.rocAuc], c.name)
            assertClose(try averagePrecisionScore(yTrue: c.yTrue, yScore: c.yScore, posLabel: c.posLabel ?? 1), c.averagePrecision, c.name)
            if let expected = c.logLoss { assertClose(try logLoss(yTrue: c.yTrue, yProba: c.yScore), expected, c.name) }
            assertClose(try topKAccuracyScore(yTrue: c.yTrue, yScore: c.yScore, k: 1), c.topOneAccuracy, c.name)
        }
    }

    func testMulticlassScoresMatchScikitLearn() throws {
        for c in SklearnExpected.multiclassScoreCases {
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore, multiClass: .ovr), c.ovrMacro, c.name)
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore, average: .weighted, multiClass: .ovr), c.ovrWeighted, c.name)
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore, average: .micro, multiClass: .ovr), c.ovrMicro, c.name)
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore, multiClass: .ovo), c.ovoMacro, c.name)
            assertClose(try rocAucScore(yTrue: c.yTrue, yScore: c.yScore, average: .weighted, multiClass: .ovo), c.ovoWeighted, c.name)
            assertClose(try rocAucScorePerClass(yTrue: c.yTrue, yScore: c.yScore), c.rocAucPerClass, c.name)
            assertClose(try averagePrecisionScore(yTrue: c.yTrue, yScore: c.yScore), c.apMacro, c.name)
            assertClose(try averagePrecisionScore(yTrue: c.yTrue, yScore: c.yScore, average: .micro), c.apMicro, c.name)
            assertClose(try averagePrecisionScore(yTrue: c.yTrue, yScore: c.yScore, average: .weighted), c.apWeighted, c.name)
            assertClose(try averagePrecisionScorePerClass(yTrue: c.yTrue, yScore: c.yScore), c.apPerClass, c.name)
            assertClose(try logLoss(yTrue: c.yTrue, yProba: c.yScore), c.logLoss, c.name)
            assertClose(try logLoss(yTrue: c.yTrue, yProba: c.yScore, normalize: false), c.logLossSum, c.name)
            assertClose(try topKAccuracyScore(yTrue: c.yTrue, yScore: c.yScore, k: 1), c.topOne, c.name)
            assertClose(try topKAccuracyScore(yTrue: c.yTrue, yScore: c.yScore, k: 2), c.topTwo, c.name)
            assertClose(try topKAccuracyScore(yTrue: c.yTrue, yScore: c.yScore, k: 2, normalize: false), c.topTwoCount, c.name)
        }
    }

    func testScoreColumnsNamedThroughLabelsMatchScikitLearn() throws {
        for c in SklearnExpected.labelledScoreCases {
            let (y, scores, labels) = (c.yTrue, c.yScore, c.labels)
            assertClose(try rocAucScore(yTrue: y, yScore: scores, multiClass: .ovo, labels: labels), c.ovoMacro, c.name)
            assertClose(try rocAucScore(yTrue: y, yScore: scores, average: .weighted, multiClass: .ovo, labels: labels), c.ovoWeighted, c.name)
            assertClose(try rocAucScore(yTrue: y, yScore: scores, average: .weighted, multiClass: .ovr, labels: labels), c.ovrWeighted, c.name)
            assertClose(try rocAucScore(yTrue: y, yScore: scores, average: .micro, multiClass: .ovr, labels: labels), c.ovrMicro, c.name)
            assertClose(try topKAccuracyScore(yTrue: y, yScore: scores, k: 1, labels: labels), c.topOne, c.name)
            assertClose(try topKAccuracyScore(yTrue: y, yScore: scores, k: 2, labels: labels), c.topTwo, c.name)
            assertClose(try logLoss(yTrue: y, yProba: scores, labels: labels), c.logLoss, c.name)
            // the unseen class has no one-vs-rest AUC: scikit-learn gives NaN, Cortex an error
            XCTAssertThrowsError(try rocAucScore(yTrue: y, yScore: scores, multiClass: .ovr, labels: labels))
            XCTAssertThrowsError(try rocAucScore(yTrue: y, yScore: scores, multiClass: .ovr))  // 4 columns, 3 classes
        }
    }

    func testTensorScoresGiveTheSameValuesAsArrays() throws {
        let c = SklearnExpected.multiclassScoreCases[0]
        let probabilities = Tensor(c.yScore.map { $0.map(Float.init) })
        let labels = Tensor(c.yTrue.map(Float.init))
        // Float32 rounding of the probabilities moves the results by less than 1e-6.
        assertClose(try rocAucScore(yTrue: labels, yScore: probabilities, multiClass: .ovr), c.ovrMacro)
        assertClose(try logLoss(yTrue: labels, yProba: probabilities), c.logLoss)
        let binary = SklearnExpected.binaryScoreCases[0]
        assertClose(try rocAucScore(yTrue: binary.yTrue, yScore: Tensor(binary.yScore.map(Float.init))), binary.rocAuc)
        assertClose(try rocAucScore(yTrue: binary.yTrue, yScore: binary.yScore.map(Float.init)), binary.rocAuc)
    }

    func testRocAucWithOneClassThrowsUndefinedMetric() {
        XCTAssertThrowsError(try rocAucScore(yTrue: [1, 1, 1], yScore: [0.2, 0.5, 0.9])) { error in
            guard case MetricsError.undefinedMetric(let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(message, "Only one class is present in yTrue. ROC AUC score is not defined in that case.")
        }
    }

    func testRocAucWithTiesCountsHalf() throws {
        // one positive and one negative with equal scores: the pair is a tie, AUC 0.5
        XCTAssertEqual(try rocAucScore(yTrue: [0, 1], yScore: [0.3, 0.3]), 0.5)
        // scores tied across classes in a larger sample: 3 of 4 pairs ordered, 1 tied
        XCTAssertEqual(try rocAucScore(yTrue: [0, 0, 1, 1], yScore: [0.1, 0.5, 0.5, 0.9]), 0.875)
    }

    func testRocCurveWithoutNegativesWarnsAndGivesNaN() throws {
        let (curve, warnings) = try recordingWarnings { try rocCurve(yTrue: [1, 1], yScore: [0.2, 0.7]) }
        XCTAssertTrue(curve.fpr.allSatisfy(\.isNaN))
        XCTAssertEqual(curve.tpr, [0, 0.5, 1])
        XCTAssertEqual(warnings.map(\.message), ["No negative samples in yTrue, false positive value should be meaningless"])
    }

    func testRankingArgumentErrors() {
        let multiclassScores: [[Double]] = [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7]]
        XCTAssertThrowsError(try rocAucScore(yTrue: [0, 1, 2], yScore: multiclassScores))  // multiClass missing
        XCTAssertThrowsError(try rocAucScore(yTrue: [0, 1, 2], yScore: [[0.5, 0.5, 0.5], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7]], multiClass: .ovr))
        XCTAssertThrowsError(try rocAucScore(yTrue: [0, 1, 2], yScore: multiclassScores, average: .micro, multiClass: .ovo))
        XCTAssertThrowsError(try rocAucScore(yTrue: [0, 1, 0], yScore: [0.1, 0.2, 0.3], average: .binary))
        XCTAssertThrowsError(try rocCurve(yTrue: [1, 2, 2], yScore: [0.1, 0.2, 0.3]))  // posLabel needed
        XCTAssertThrowsError(try rocCurve(yTrue: [0, 1, 2], yScore: [0.1, 0.2, 0.3]))  // multiclass
        XCTAssertThrowsError(try rocCurve(yTrue: [0, 1], yScore: [0.1, .nan]))
        XCTAssertThrowsError(try auc(x: [0, 1, 0.5], y: [0, 1, 1]))
        XCTAssertThrowsError(try logLoss(yTrue: [0, 1], yProba: [0.2, 1.5]))
        XCTAssertThrowsError(try logLoss(yTrue: [1, 1], yProba: [0.2, 0.5]))
        XCTAssertThrowsError(try topKAccuracyScore(yTrue: [0, 1, 2], yScore: [0.1, 0.2, 0.3]))
        XCTAssertThrowsError(try averagePrecisionScore(yTrue: [0, 2, 2], yScore: [0.1, 0.2, 0.3], posLabel: 1))
    }

    func testAucOfDecreasingCurve() throws {
        XCTAssertEqual(try auc(x: [1, 0.5, 0], y: [1, 1, 0]), 0.75)
    }

    func testTopKAccuracyBreaksTiesTowardTheHigherClassIndex() throws {
        // scikit-learn sorts ascending stably then reverses, so class 1 outranks class 0 on a tie
        XCTAssertEqual(try topKAccuracyScore(yTrue: [1, 0, 2], yScore: [[0.4, 0.4, 0.2], [0.4, 0.4, 0.2], [0.1, 0.2, 0.7]], k: 1), 2 / 3)
    }

    func testLogLossWarnsWhenRowsDoNotSumToOne() throws {
        let (_, warnings) = try recordingWarnings { try logLoss(yTrue: [0, 1], yProba: [[0.5, 0.6], [0.2, 0.8]]) }
        XCTAssertEqual(warnings.map(\.category), [.user])
    }
}
