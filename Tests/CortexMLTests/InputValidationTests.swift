import Cortex
import XCTest
@testable import CortexML

final class InputValidationTests: XCTestCase {
    func testRejectsBadArraysWithNamedArguments() {
        XCTAssertThrowsError(try InputValidation.checkSamples(Tensor([1, 2]))) { error in
            XCTAssertEqual("\(error)", "x: expected a [samples, features] matrix, got shape [2]")
        }
        XCTAssertThrowsError(try InputValidation.checkSamples(Tensor([[1, .nan]]))) { error in
            XCTAssertEqual("\(error)", "x: contains NaN or infinity at row 0, column 1")
        }
        XCTAssertThrowsError(try InputValidation.checkSamplesAndTargets(Tensor([[1], [2]]), Tensor([0]))) { error in
            XCTAssertEqual("\(error)", "y: expected 2 targets (one per row of x), got 1")
        }
        XCTAssertThrowsError(try InputValidation.classLabels(Tensor([1, 1]))) { error in
            XCTAssertEqual("\(error)", "y: needs samples of at least 2 classes; got only class 1.0")
        }
        XCTAssertEqual(try InputValidation.classLabels(Tensor([2, 0, 2, 1])), [0, 1, 2])
    }
}
