import XCTest
@testable import Cortex

final class OneHotTests: XCTestCase {
    func testOneHotAppendsAnAxis() {
        XCTAssertEqual(Tensor.oneHot(indices: Tensor([2, 0, 1]), depth: 3), Tensor([[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
        let grid = Tensor.oneHot(indices: Tensor([[3, 1], [0, 0]]), depth: 4, onValue: 0.9, offValue: 0.1)
        XCTAssertEqual(grid.shape, [2, 2, 4])
        XCTAssertEqual(grid.scalars, [0.1, 0.1, 0.1, 0.9, 0.1, 0.9, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1])
        let scalar = Tensor.oneHot(indices: Tensor(1), depth: 2)
        XCTAssertEqual(scalar, Tensor([0, 1]))
    }

    func testArgmaxUndoesOneHot() {
        let labels = Tensor([4, 0, 3, 3, 1])
        XCTAssertEqual(Tensor.oneHot(indices: labels, depth: 5).argmax(axis: 1), labels)
    }

    func testOneHotRecordsNoGradient() {
        let indices = Tensor([1, 0]).requiringGradient()
        XCTAssertFalse(Tensor.oneHot(indices: indices, depth: 2).requiresGradient)
    }
}
