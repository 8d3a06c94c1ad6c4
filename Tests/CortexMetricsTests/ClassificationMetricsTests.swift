import Cortex
import CortexMetrics
import XCTest

/// Every classification metric against the values scikit-learn returned for the same inputs.
final class ClassificationMetricsTests: XCTestCase {
    func testCountingMetricsMatchScikitLearn() throws {
        for c in SklearnExpected.labelCases {
            let (_, _) = try recordingWarnings {
                assertClose(try accuracyScore(yTrue: c.yTrue, yPred: c.yPred), c.accuracy, c.name)
                assertClose(try accuracyScore(yTrue: c.yTrue, yPred: c.yPred, normalize: false), c.correctCount, c.name)
                assertClose(try balancedAccuracyScore(yTrue: c.yTrue, yPred: c.yPred), c.balancedAccuracy, c.name)
                assertClose(try balancedAccuracyScore(yTrue: c.yTrue, yPred: c.yPred, adjusted: true), c.balancedAccuracyAdjusted, c.name)
                assertClose(try matthewsCorrcoef(yTrue: c.yTrue, yPred: c.yPred), c.matthews, c.name)
                assertClose(try cohenKappaScore(y1: c.yTrue, y2: c.yPred), c.kappa, c.name)
                assertClose(try cohenKappaScore(y1: c.yTrue, y2: c.yPred, weights: .linear), c.kappaLinear, c.name)
                assertClose(try cohenKappaScore(y1: c.yTrue, y2: c.yPred, weights: .quadratic), c.kappaQuadratic, c.name)
            }
        }
    }

    func testConfusionMatricesMatchScikitLearn() throws {
        for c in SklearnExpected.labelCases {
            XCTAssertEqual(try confusionMatrix(yTrue: c.yTrue, yPred: c.yPred), c.confusion, c.name)
            let (withLabels, _) = try recordingWarnings { try confusionMatrix(yTrue: c.yTrue, yPred: c.yPred, labels: c.labels) }
            XCTAssertEqual(withLabels, c.confusionWithLabels, c.name)
            assertClose(try confusionMatrix(yTrue: c.yTrue, yPred: c.yPred, normalize: .true), c.confusionNormalizedTrue, c.name)
            assertClose(try confusionMatrix(yTrue: c.yTrue, yPred: c.yPred, normalize: .pred), c.confusionNormalizedPred, c.name)
            assertClose(try confusionMatrix(yTrue: c.yTrue, yPred: c.yPred, normalize: .all), c.confusionNormalizedAll, c.name)
        }
    }

    func testAveragedPrecisionRecallFscoreMatchScikitLearn() throws {
        var checked = 0
        for c in SklearnExpected.labelCases {
            for e in c.averaged {
                let context = "\(c.name) \(e.average) \(e.zeroDivision) beta=\(e.beta) labels=\(e.labels.map { "\($0)" } ?? "nil")"
                let (scores, warnings) = try recordingWarnings {
                    try precisionRecallFscoreSupport(yTrue: c.yTrue, yPred: c.yPred, beta: e.beta, labels: e.labels,
                                                     posLabel: c.posLabel, average: e.average, zeroDivision: e.zeroDivision)
                }
                assertClose(scores.precision, e.precision, context)
                assertClose(scores.recall, e.recall, context)
                assertClose(scores.fscore, e.fscore, context)
                XCTAssertEqual(warnings.hasUndefinedMetric, e.warns, context)

                let (precision, precisionWarnings) = try recordingWarnings {
                    try precisionScore(yTrue: c.yTrue, yPred: c.yPred, labels: e.labels, posLabel: c.posLabel,
                                       average: e.average, zeroDivision: e.zeroDivision)
                }
                assertClose(precision, e.precision, context)
                XCTAssertEqual(precisionWarnings.hasUndefinedMetric, e.precisionWarns, context)
                let (recall, recallWarnings) = try recordingWarnings {
                    try recallScore(yTrue: c.yTrue, yPred: c.yPred, labels: e.labels, posLabel: c.posLabel,
                                    average: e.average, zeroDivision: e.zeroDivision)
                }
                assertClose(recall, e.recall, context)
                XCTAssertEqual(recallWarnings.hasUndefinedMetric, e.recallWarns, context)
                let (fscore, fscoreWarnings) = try recordingWarnings {
                    try fbetaScore(yTrue: c.yTrue, yPred: c.yPred, beta: e.beta, labels: e.labels, posLabel: c.posLabel,
                                   average: e.average, zeroDivision: e.zeroDivision)
                }
                assertClose(fscore, e.fscore, context)
                XCTAssertEqual(fscoreWarnings.hasUndefinedMetric, e.fscoreWarns, context)
                if e.beta == 1 {
                    let (f1, _) = try recordingWarnings {
                        try f1Score(yTrue: c.yTrue, yPred: c.yPred, labels: e.labels, posLabel: c.posLabel,
                                    average: e.average, zeroDivision: e.zeroDivision)
                    }
                    assertClose(f1, e.fscore, context)
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testPerClassScoresMatchScikitLearn() throws {
        for c in SklearnExpected.labelCases {
            for e in c.perClass {
                let context = "\(c.name) \(e.zeroDivision) beta=\(e.beta) labels=\(e.labels.map { "\($0)" } ?? "nil")"
                let (scores, warnings) = try recordingWarnings {
                    try precisionRecallFscoreSupportPerClass(yTrue: c.yTrue, yPred: c.yPred, beta: e.beta, labels: e.labels,
                                                             zeroDivision: e.zeroDivision)
                }
                assertClose(scores.precision, e.precision, context)
                assertClose(scores.recall, e.recall, context)
                assertClose(scores.fscore, e.fscore, context)
                XCTAssertEqual(scores.support, e.support, context)
                XCTAssertEqual(warnings.hasUndefinedMetric, e.warns, context)
                let (single, _) = try recordingWarnings {
                    (try precisionScorePerClass(yTrue: c.yTrue, yPred: c.yPred, labels: e.labels, zeroDivision: e.zeroDivision),
                     try recallScorePerClass(yTrue: c.yTrue, yPred: c.yPred, labels: e.labels, zeroDivision: e.zeroDivision),
                     try fbetaScorePerClass(yTrue: c.yTrue, yPred: c.yPred, beta: e.beta, labels: e.labels, zeroDivision: e.zeroDivision))
                }
                assertClose(single.0, e.precision, context)
                assertClose(single.1, e.recall, context)
                assertClose(single.2, e.fscore, context)
            }
        }
    }

    func testClassificationReportTextEqualsScikitLearnCharacterForCharacter() throws {
        var checked = 0
        for c in SklearnExpected.labelCases {
            for e in c.reports {
                let (text, _) = try recordingWarnings {
                    try classificationReport(yTrue: c.yTrue, yPred: c.yPred, labels: e.labels, targetNames: e.targetNames,
                                             digits: e.digits, zeroDivision: e.zeroDivision)
                }
                XCTAssertEqual(text, e.text, "\(c.name) labels=\(String(describing: e.labels)) digits=\(e.digits)\n\(text)\nexpected\n\(e.text)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 6 * SklearnExpected.labelCases.count)
    }
}
