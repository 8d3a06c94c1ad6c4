import Cortex
import CortexMetrics
import XCTest

final class RegressionMetricsTests: XCTestCase {
    func testRegressionMetricsMatchScikitLearn() throws {
        for c in SklearnExpected.regressionCases {
            assertClose(try meanSquaredError(yTrue: c.yTrue, yPred: c.yPred), c.meanSquared, c.name)
            assertClose(try rootMeanSquaredError(yTrue: c.yTrue, yPred: c.yPred), c.rootMeanSquared, c.name)
            assertClose(try meanAbsoluteError(yTrue: c.yTrue, yPred: c.yPred), c.meanAbsolute, c.name)
            assertClose(try r2Score(yTrue: c.yTrue, yPred: c.yPred), c.r2, c.name)
            assertClose(try r2Score(yTrue: c.yTrue, yPred: c.yPred, forceFinite: false), c.r2NotForcedFinite, c.name)
            assertClose(try explainedVarianceScore(yTrue: c.yTrue, yPred: c.yPred), c.explainedVariance, c.name)
            assertClose(try explainedVarianceScore(yTrue: c.yTrue, yPred: c.yPred, forceFinite: false),
                        c.explainedVarianceNotForcedFinite, c.name)
        }
    }

    func testTensorsAndFloatArraysAreAccepted() throws {
        let c = SklearnExpected.regressionCases[0]
        let truth = Tensor(shape: [c.yTrue.count, 1], scalars: c.yTrue.map(Float.init))
        assertClose(try meanAbsoluteError(yTrue: truth, yPred: c.yPred.map(Float.init)), c.meanAbsolute, tolerance: 1e-6)
    }

    func testRegressionInputErrors() throws {
        XCTAssertThrowsError(try meanSquaredError(yTrue: [1.0, 2.0], yPred: [1.0]))
        XCTAssertThrowsError(try meanSquaredError(yTrue: [[1.0, 2.0]], yPred: [[1.0, 2.0]]))
        XCTAssertThrowsError(try meanSquaredError(yTrue: [Double](), yPred: [Double]()))
        let (value, warnings) = try recordingWarnings { try r2Score(yTrue: [1.0], yPred: [2.0]) }
        XCTAssertTrue(value.isNaN)
        XCTAssertEqual(warnings.map(\.message), ["R^2 score is not well-defined with less than two samples."])
    }
}
