import Cortex
import CortexData
import XCTest
@testable import CortexML

final class TreeInputValidationTests: XCTestCase {
    private let x = Tensor([[0, 1], [1, 0], [2, 2], [3, 1]])
    private let y = Tensor([0, 0, 1, 1])

    func testEveryModelRejectsBadInputWithNamedArguments() {
        let models: [() -> any Estimator] = [
            { DecisionTreeClassifier() }, { DecisionTreeRegressor() }, { RandomForestClassifier(nEstimators: 2) },
            { RandomForestRegressor(nEstimators: 2) }, { GradientBoostingClassifier(nEstimators: 2) },
            { GradientBoostingRegressor(nEstimators: 2) }, { HistGradientBoostingClassifier(maxIter: 2) },
        ]
        for make in models {
            XCTAssertThrowsError(try make().fit(Tensor([[1, 2], [3, .infinity]]), Tensor([0, 1]))) {
                XCTAssertEqual("\($0)", "x: contains NaN or infinity at row 1, column 1")
            }
            XCTAssertThrowsError(try make().fit(x, Tensor([0, 1]))) {
                XCTAssertEqual("\($0)", "y: expected 4 targets (one per row of x), got 2")
            }
            XCTAssertThrowsError(try make().predict(x)) { XCTAssertTrue("\($0)".contains("is not fitted yet")) }
            XCTAssertThrowsError(try make().fit(x, y).predict(Tensor([[1, 2, 3]]))) {
                XCTAssertEqual("\($0)", "x: expected 2 features as during fit, got 3")
            }
        }
    }

    func testClassifiersNeedTwoClasses() {
        let classifiers: [() -> any Classifier] = [
            { DecisionTreeClassifier() }, { RandomForestClassifier(nEstimators: 2) },
            { GradientBoostingClassifier(nEstimators: 2) }, { HistGradientBoostingClassifier(maxIter: 2) },
        ]
        for make in classifiers {
            XCTAssertThrowsError(try make().fit(x, Tensor([1, 1, 1, 1]))) {
                XCTAssertEqual("\($0)", "y: needs samples of at least 2 classes; got only class 1.0")
            }
        }
    }

    func testRejectsInvalidHyperParameters() {
        XCTAssertThrowsError(try DecisionTreeClassifier(maxDepth: 0).fit(x, y)) {
            XCTAssertEqual("\($0)", "parameter maxDepth: must be at least 1, got 0")
        }
        XCTAssertThrowsError(try DecisionTreeClassifier(maxFeatures: .count(5)).fit(x, y)) {
            XCTAssertEqual("\($0)", "parameter maxFeatures: must be in 1...2, got 5")
        }
        XCTAssertThrowsError(try DecisionTreeRegressor(maxLeafNodes: 1).fit(x, y)) {
            XCTAssertEqual("\($0)", "parameter maxLeafNodes: must be at least 2, got 1")
        }
        XCTAssertThrowsError(try GradientBoostingClassifier(subsample: 1.5).fit(x, y)) {
            XCTAssertEqual("\($0)", "parameter subsample: must be in (0, 1], got 1.5")
        }
        XCTAssertThrowsError(try RandomForestClassifier(nEstimators: 0).fit(x, y)) {
            XCTAssertEqual("\($0)", "parameter nEstimators: must be at least 1, got 0")
        }
        XCTAssertThrowsError(try DecisionTreeClassifier().fit(x, y, sampleWeight: [1, 1, -1, 1])) {
            XCTAssertEqual("\($0)", "sampleWeight: weights must be finite, non-negative and not all zero")
        }
    }

    func testClassWeightsShiftTheDecision() throws {
        // One sample of class 1 among three of class 0 at the same point: the majority wins
        // unless class 1 weighs more.
        let x = Tensor([[0], [0], [0], [0]]), y = Tensor([0, 0, 0, 1])
        XCTAssertEqual(try DecisionTreeClassifier().fit(x, y).predict(Tensor([[0]])).scalars, [0])
        XCTAssertEqual(try DecisionTreeClassifier(classWeight: .weights([1: 5])).fit(x, y).predict(Tensor([[0]])).scalars, [1])
        let proba = try DecisionTreeClassifier(classWeight: .balanced).fit(x, y).predictProba(Tensor([[0]])).scalars
        XCTAssertEqual(proba[0], 0.5, accuracy: 1e-6)
    }
}
