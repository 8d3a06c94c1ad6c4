import Cortex
import XCTest
@testable import CortexData

/// Expected values are Keras 3's `to_categorical` and `normalize` on the same arrays (see
/// scripts/text_reference.py).
final class ArrayUtilitiesTests: XCTestCase {
    func testToCategoricalMatchesKeras() throws {
        XCTAssertEqual(try toCategorical(Tensor([0, 2, 1, 2]), numClasses: 4),
                       Tensor([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 0]]))
        XCTAssertEqual(try toCategorical(Tensor([[1], [0], [3]])), Tensor([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]]))
        XCTAssertEqual(try toCategorical(Tensor([[0, 1, 2], [2, 1, 0]])).shape, [2, 3, 3])
        XCTAssertThrowsError(try toCategorical(Tensor([0, 3]), numClasses: 3))
        XCTAssertThrowsError(try toCategorical(Tensor([0.5])))
        XCTAssertThrowsError(try toCategorical(Tensor([-1])))
    }

    func testNormalizeMatchesKeras() throws {
        let x = Tensor([[3, -4, 0], [0, 0, 0], [1, 2, -2]])
        func check(_ actual: Tensor, _ expected: Tensor, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertTrue(actual.isAlmostEqual(to: expected, absoluteTolerance: 1e-5), "\(actual.scalars)", file: file, line: line)
        }
        check(try normalize(x), Tensor([[0.6, -0.8, 0], [0, 0, 0], [0.333333, 0.666667, -0.666667]]))
        check(try normalize(x, order: 1), Tensor([[0.428571, -0.571429, 0], [0, 0, 0], [0.2, 0.4, -0.4]]))
        check(try normalize(x, order: .infinity), Tensor([[0.75, -1, 0], [0, 0, 0], [0.5, 1, -1]]))
        check(try normalize(x, axis: 1, order: 3), Tensor([[0.666972, -0.889296, 0], [0, 0, 0], [0.388911, 0.777822, -0.777822]]))
        let cube = Tensor.arange(24).reshaped(to: [2, 3, 4]) - 7
        check(try normalize(cube, axis: -2), Tensor([
            [[-0.911322, -0.904534, -0.845154, -0.707107], [-0.390567, -0.301511, -0.169031, 0], [0.130189, 0.301511, 0.507093, 0.707107]],
            [[0.301511, 0.329293, 0.352208, 0.371391], [0.54272, 0.548821, 0.55347, 0.557086], [0.783929, 0.76835, 0.754732, 0.742781]],
        ]))
        XCTAssertThrowsError(try normalize(x, axis: 2))
    }
}
