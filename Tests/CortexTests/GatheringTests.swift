import XCTest
@testable import Cortex
import CortexTestSupport

final class GatheringTests: XCTestCase {
    private let table = Tensor([[1, 2], [3, 4], [5, 6]])

    func testGatherRowsKeepsIndexShape() {
        XCTAssertEqual(table.gathering(indices: Tensor([2, 0, 2])), Tensor([[5, 6], [1, 2], [5, 6]]))
        let grid = table.gathering(indices: Tensor([[0, 1], [2, -1]]))
        XCTAssertEqual(grid.shape, [2, 2, 2])
        XCTAssertEqual(grid.scalars, [1, 2, 3, 4, 5, 6, 5, 6])
        let single = table.gathering(indices: Tensor(1))
        XCTAssertEqual(single.shape, [2])
        XCTAssertEqual(single.scalars, [3, 4])
    }

    func testGatherAlongInnerAxes() {
        let m = Tensor.arange(0, 12).reshaped(to: [3, 4])
        XCTAssertEqual(m.gathering(indices: Tensor([3, 0]), axis: 1), Tensor([[3, 0], [7, 4], [11, 8]]))
        let cube = Tensor.arange(0, 24).reshaped(to: [2, 3, 4])
        let picked = cube.gathering(indices: Tensor([[2], [0]]), axis: -2)
        XCTAssertEqual(picked.shape, [2, 2, 1, 4])
        XCTAssertEqual(picked.scalars, [8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15])
    }

    func testRepeatedIndicesAccumulateGradient() {
        let x = Tensor([1, 2, 3])
        let g = gradient(at: x) { x in (x.gathering(indices: Tensor([0, 2, 0, 0])) * Tensor([1, 10, 100, 1000])).sum() }
        XCTAssertEqual(g.scalars, [1101, 0, 10])
    }

    func testGatherGradientsMatchFiniteDifferences() {
        let x = randomTensor([4, 5, 3], seed: 21)
        let indices = Tensor([[4, 0, 4], [1, -1, 2]])
        assertGradientsMatchFiniteDifferences([x]) { $0[0].gathering(indices: indices, axis: 1) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].gathering(indices: indices.slice(axis: 1, end: 2) - 2, axis: 2) }
        let embeddings = randomTensor([5, 7], seed: 22)
        assertGradientsMatchFiniteDifferences([embeddings]) { $0[0].gathering(indices: Tensor([[1, 3, 1], [0, 4, 1]])) }
    }

    func testTakeAlongAxis() {
        let x = Tensor([[10, 30, 20], [60, 40, 50]])
        XCTAssertEqual(x.takeAlongAxis(indices: x.argmax(axis: 1, keepDims: true), axis: 1), Tensor([[30], [60]]))
        XCTAssertEqual(x.takeAlongAxis(indices: Tensor([[0, 2, 2], [1, 1, 0]]), axis: 1),
                       Tensor([[10, 20, 20], [40, 40, 60]]))
        XCTAssertEqual(x.takeAlongAxis(indices: Tensor([[1, 0, 1]]), axis: 0), Tensor([[60, 30, 50]]))
        XCTAssertEqual(x.takeAlongAxis(indices: Tensor([[2, 0]]), axis: 1), Tensor([[20, 10], [50, 60]]))
        let row = Tensor([[1, 2, 3]])
        XCTAssertEqual(row.takeAlongAxis(indices: Tensor([[2, 2], [0, 1]]), axis: 1), Tensor([[3, 3], [1, 2]]))
    }

    func testTakeAlongAxisGradients() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        let g = gradient(at: x) { $0.takeAlongAxis(indices: Tensor([[0, 0], [2, 1]]), axis: 1).sum() }
        XCTAssertEqual(g, Tensor([[2, 0, 0], [0, 1, 1]]))
        let cube = randomTensor([3, 5, 2], seed: 23)
        let indices = Tensor(shape: [3, 4, 2], scalars: (0..<24).map { Float(($0 * 7) % 5) })
        assertGradientsMatchFiniteDifferences([cube]) { $0[0].takeAlongAxis(indices: indices, axis: 1) }
        let broadcastRow = randomTensor([1, 5], seed: 24)
        let rows = Tensor([[0, 4, 4, 1], [2, 2, 3, 0], [4, 3, 2, 1]])
        assertGradientsMatchFiniteDifferences([broadcastRow]) { $0[0].takeAlongAxis(indices: rows, axis: -1) }
    }
}
