import CortexMetrics
import Foundation
import XCTest

/// Shapes of the cases written by scripts/metrics_expected.py into SklearnExpected.swift.

struct SetWiseExpectation {
    let average: Average
    let zeroDivision: ZeroDivision
    let beta: Double
    let labels: [Int]?
    let precision: Double
    let recall: Double
    let fscore: Double
    /// Whether `precision_recall_fscore_support` raised an UndefinedMetricWarning.
    let warns: Bool
    let precisionWarns: Bool
    let recallWarns: Bool
    let fscoreWarns: Bool
}

struct PerClassExpectation {
    let zeroDivision: ZeroDivision
    let beta: Double
    let labels: [Int]?
    let precision: [Double]
    let recall: [Double]
    let fscore: [Double]
    let support: [Int]
    let warns: Bool
}

struct ReportExpectation {
    let labels: [Int]?
    let targetNames: [String]?
    let digits: Int
    let zeroDivision: ZeroDivision
    let text: String
}

struct LabelCase {
    let name: String
    let yTrue: [Int]
    let yPred: [Int]
    let posLabel: Int
    let labels: [Int]
    let targetNames: [String]
    let accuracy: Double
    let correctCount: Double
    let balancedAccuracy: Double
    let balancedAccuracyAdjusted: Double
    let matthews: Double
    let kappa: Double
    let kappaLinear: Double
    let kappaQuadratic: Double
    let confusion: [[Int]]
    let confusionWithLabels: [[Int]]
    let confusionNormalizedTrue: [[Double]]
    let confusionNormalizedPred: [[Double]]
    let confusionNormalizedAll: [[Double]]
    let averaged: [SetWiseExpectation]
    let perClass: [PerClassExpectation]
    let reports: [ReportExpectation]
}

struct BinaryScoreCase {
    let name: String
    let yTrue: [Int]
    let yScore: [Double]
    let posLabel: Int?
    let rocFpr: [Double]
    let rocTpr: [Double]
    let rocThresholds: [Double]
    let rocFprAll: [Double]
    let rocTprAll: [Double]
    let rocThresholdsAll: [Double]
    let prPrecision: [Double]
    let prRecall: [Double]
    let prThresholds: [Double]
    let prPrecisionDropped: [Double]
    let prRecallDropped: [Double]
    let prThresholdsDropped: [Double]
    let rocAuc: Double
    let rocAucMaxFprHalf: Double
    let averagePrecision: Double
    let aucOfRoc: Double
    let logLoss: Double?
    let topOneAccuracy: Double
}

struct MulticlassScoreCase {
    let name: String
    let yTrue: [Int]
    let yScore: [[Double]]
    let ovrMacro: Double
    let ovrWeighted: Double
    let ovrMicro: Double
    let ovoMacro: Double
    let ovoWeighted: Double
    let rocAucPerClass: [Double]
    let apMacro: Double
    let apMicro: Double
    let apWeighted: Double
    let apPerClass: [Double]
    let logLoss: Double
    let logLossSum: Double
    let topOne: Double
    let topTwo: Double
    let topTwoCount: Double
}

struct LabelledScoreCase {
    let name: String
    let yTrue: [Int]
    let yScore: [[Double]]
    let labels: [Int]
    let ovoMacro: Double
    let ovoWeighted: Double
    let ovrWeighted: Double
    let ovrMicro: Double
    let topOne: Double
    let topTwo: Double
    let logLoss: Double
}

struct RegressionCase {
    let name: String
    let yTrue: [Double]
    let yPred: [Double]
    let meanSquared: Double
    let rootMeanSquared: Double
    let meanAbsolute: Double
    let r2: Double
    let r2NotForcedFinite: Double
    let explainedVariance: Double
    let explainedVarianceNotForcedFinite: Double
}

/// Asserts equality within `tolerance`, NaN equal to NaN and infinities equal to themselves.
func assertClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-6, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    if expected.isNaN {
        XCTAssertTrue(actual.isNaN, "expected NaN, got \(actual) \(message())", file: file, line: line)
    } else if expected.isInfinite {
        XCTAssertEqual(actual, expected, message(), file: file, line: line)
    } else {
        XCTAssertEqual(actual, expected, accuracy: tolerance, message(), file: file, line: line)
    }
}

func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-6, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths differ: \(actual) vs \(expected) \(message())", file: file, line: line)
    for (a, e) in zip(actual, expected) { assertClose(a, e, tolerance: tolerance, "\(actual) vs \(expected) \(message())", file: file, line: line) }
}

func assertClose(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-6, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, message(), file: file, line: line)
    for (a, e) in zip(actual, expected) { assertClose(a, e, tolerance: tolerance, message(), file: file, line: line) }
}

/// Runs `body` collecting the metric warnings it reports instead of printing them.
func recordingWarnings<T>(_ body: () throws -> T) rethrows -> (T, [MetricsWarning]) {
    let recorder = WarningRecorder()
    let value = try MetricsWarnings.$handler.withValue({ recorder.append($0) }, operation: body)
    return (value, recorder.warnings)
}

final class WarningRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [MetricsWarning] = []

    func append(_ warning: MetricsWarning) {
        lock.lock()
        recorded.append(warning)
        lock.unlock()
    }

    var warnings: [MetricsWarning] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}

extension Array where Element == MetricsWarning {
    var hasUndefinedMetric: Bool { contains { $0.category == .undefinedMetric } }
}
