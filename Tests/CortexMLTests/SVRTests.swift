import Cortex
import XCTest
@testable import CortexML

final class SVRTests: XCTestCase {
    /// scikit-learn: SVR(C=10, epsilon=0.1, gamma=0.5) on sin over 40 points of [0, 6] (Float32 inputs).
    func testMatchesScikitLearnOnASine() throws {
        let t = (0..<40).map { Float(6 * Double($0) / 39) }
        let model = try SVR(C: 10, epsilon: 0.1, gamma: .value(0.5)).fit(Tensor(shape: [40, 1], scalars: t), Tensor(t.map { sin($0) }))
        XCTAssertEqual(model.support, [0, 7, 8, 12, 13, 30, 31, 39])
        XCTAssertEqual(try XCTUnwrap(model.intercept), -0.0411899167, accuracy: 1e-3)
        let predicted = try model.predict(Tensor(shape: [3, 1], scalars: [0.5, 2.5, 5.5])).scalars
        for (actual, expected) in zip(predicted, [0.4207509491, 0.5203090981, -0.6490537573] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-3)
        }
        XCTAssertGreaterThan(try model.score(Tensor(shape: [40, 1], scalars: t), Tensor(t.map { sin($0) })), 0.97)
    }

    func testRejectsNegativeEpsilonAndUnfittedUse() {
        XCTAssertThrowsError(try SVR(epsilon: -1).fit(Tensor([[0], [1]]), Tensor([0, 1]))) { error in
            XCTAssertEqual("\(error)", "parameter epsilon: must be at least 0, got -1.0")
        }
        XCTAssertThrowsError(try SVR().predict(Tensor([[0]]))) { error in
            XCTAssertEqual(error as? MLError, .notFitted(model: "SVR"))
        }
    }
}
