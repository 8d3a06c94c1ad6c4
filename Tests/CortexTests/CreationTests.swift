import XCTest
@testable import Cortex

final class CreationTests: XCTestCase {
    func testFactories() {
        XCTAssertEqual(Tensor.arange(0, 5).scalars, [0, 1, 2, 3, 4])
        XCTAssertEqual(Tensor.arange(1, 2, step: 0.25).scalars, [1, 1.25, 1.5, 1.75])
        XCTAssertEqual(Tensor.arange(5, 0, step: -2).scalars, [5, 3, 1])
        XCTAssertEqual(Tensor.linspace(0, 1, count: 5).scalars, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(Tensor.eye(2, 3).scalars, [1, 0, 0, 0, 1, 0])
        XCTAssertEqual(Tensor.full([2], value: 7).scalars, [7, 7])
        XCTAssertEqual(Tensor([[[1, 2]], [[3, 4]]]).shape, [2, 1, 2])
        XCTAssertEqual(Tensor([[[[1]], [[2]]]]).shape, [1, 2, 1, 1])
    }

    func testCopyOnWrite() {
        let a = Tensor([1, 2, 3])
        var b = a
        b[index: [1]] = 20
        XCTAssertEqual(a.scalars, [1, 2, 3])
        XCTAssertEqual(b.scalars, [1, 20, 3])
    }

    func testDescriptionLooksLikeNumPy() {
        XCTAssertEqual(Tensor([[1, 2, 3], [4, 5, 6]]).description, "[[1., 2., 3.],\n [4., 5., 6.]]")
        XCTAssertEqual(Tensor([0.5, -1.25]).description, "[  0.5, -1.25]")
        XCTAssertEqual(Tensor(3).description, "3.")
        let long = Tensor.arange(0, 2000).description
        XCTAssertEqual(long, "[   0.,    1.,    2., ..., 1997., 1998., 1999.]")
        XCTAssertEqual(Tensor.zeros([2, 2, 2]).description, "[[[0., 0.],\n  [0., 0.]],\n\n [[0., 0.],\n  [0., 0.]]]")
    }
}
