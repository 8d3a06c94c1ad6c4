import XCTest
@testable import Cortex
import CortexTestSupport

final class JoiningTests: XCTestCase {
    private let a = Tensor([[1, 2], [3, 4]])
    private let b = Tensor([[5, 6, 7], [8, 9, 10]])

    func testConcatenateAlongEachAxis() {
        XCTAssertEqual(Tensor.concatenate([a, b], axis: 1), Tensor([[1, 2, 5, 6, 7], [3, 4, 8, 9, 10]]))
        XCTAssertEqual(Tensor.concatenate([a, b], axis: -1), Tensor([[1, 2, 5, 6, 7], [3, 4, 8, 9, 10]]))
        XCTAssertEqual(Tensor.concatenate([a, Tensor([[0, -1]]), a]), Tensor([[1, 2], [3, 4], [0, -1], [1, 2], [3, 4]]))
        XCTAssertEqual(Tensor.concatenate([Tensor([1]), Tensor(shape: [0], scalars: []), Tensor([2, 3])]), Tensor([1, 2, 3]))
    }

    func testConcatenatedShapeValidation() throws {
        XCTAssertEqual(try Tensor.concatenatedShape([[2, 3, 3], [2, 4, 3], [2, 0, 3]], axis: 1), [2, 7, 3])
        XCTAssertEqual(try Tensor.concatenatedShape([[2, 3]], axis: -2), [2, 3])
        XCTAssertThrowsError(try Tensor.concatenatedShape([[2, 3, 3], [2, 1, 3], [2, 4, 5]], axis: 1)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.hasPrefix("concatenate:"), message)
            XCTAssertTrue(message.contains("[2, _, 3]"), message)
            XCTAssertTrue(message.contains("got [2, 4, 5] for tensor 2"), message)
        }
        XCTAssertThrowsError(try Tensor.concatenatedShape([[2, 3], [2, 3, 1]], axis: 0)) { error in
            XCTAssertTrue(String(describing: error).contains("got [2, 3, 1] for tensor 1"))
        }
        XCTAssertThrowsError(try Tensor.concatenatedShape([], axis: 0))
        XCTAssertThrowsError(try Tensor.concatenatedShape([[], []], axis: 0))
        XCTAssertThrowsError(try Tensor.concatenatedShape([[2, 3], [2, 3]], axis: 2)) { error in
            XCTAssertEqual((error as? ShapeError)?.op, "concatenate")
        }
    }

    func testStack() {
        let x = Tensor([1, 2, 3]), y = Tensor([4, 5, 6])
        XCTAssertEqual(Tensor.stack([x, y]), Tensor([[1, 2, 3], [4, 5, 6]]))
        XCTAssertEqual(Tensor.stack([x, y], axis: 1), Tensor([[1, 4], [2, 5], [3, 6]]))
        XCTAssertEqual(Tensor.stack([a, a * 10], axis: -1), Tensor([[[1, 10], [2, 20]], [[3, 30], [4, 40]]]))
    }

    func testSplit() {
        let parts = b.split(sizes: [1, 0, 2], axis: 1)
        XCTAssertEqual(parts.map(\.shape), [[2, 1], [2, 0], [2, 2]])
        XCTAssertEqual(parts[0], Tensor([[5], [8]]))
        XCTAssertEqual(parts[2], Tensor([[6, 7], [9, 10]]))
        let halves = Tensor.arange(0, 12).reshaped(to: [2, 6]).split(count: 3, axis: -1)
        XCTAssertEqual(halves, [Tensor([[0, 1], [6, 7]]), Tensor([[2, 3], [8, 9]]), Tensor([[4, 5], [10, 11]])])
        XCTAssertEqual(a.split(count: 2), [Tensor([[1, 2]]), Tensor([[3, 4]])])
    }

    func testGradientsOfJoinedTensors() {
        let x = Tensor([1, 2])
        let g = gradient(at: x) { x in (Tensor.concatenate([x, x * 3, x]) * Tensor([1, 2, 3, 4, 5, 6])).sum() }
        XCTAssertEqual(g.scalars, [1 + 9 + 5, 2 + 12 + 6])

        let p = randomTensor([3, 2, 5], seed: 31), q = randomTensor([3, 1, 5], seed: 32), r = randomTensor([3, 4, 5], seed: 33)
        assertGradientsMatchFiniteDifferences([p, q, r]) { Tensor.concatenate($0, axis: 1) }
        assertGradientsMatchFiniteDifferences([p, q, r]) { Tensor.concatenate([$0[2], $0[0]], axis: -2) }
        let s = randomTensor([3, 2, 5], seed: 34)
        assertGradientsMatchFiniteDifferences([p, s]) { Tensor.stack([$0[0], $0[1], $0[0]], axis: 2) }
        assertGradientsMatchFiniteDifferences([r]) { Tensor.concatenate($0[0].split(sizes: [1, 2, 1], axis: 1).reversed(), axis: 1) }
        assertGradientsMatchFiniteDifferences([r]) { xs in
            let parts = xs[0].split(count: 5, axis: 2)
            return parts[0] * parts[3] - parts[4]
        }
    }
}
