import XCTest
@testable import Cortex
import CortexTestSupport

final class PaddingTests: XCTestCase {
    private let row = Tensor([1, 2, 3])
    private let grid = Tensor([[1, 2, 3], [4, 5, 6]])

    func testConstantPadding() {
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).padded([(1, 0), (0, 2)], mode: .constant(9)),
                       Tensor([[9, 9, 9, 9], [1, 2, 9, 9], [3, 4, 9, 9]]))
        XCTAssertEqual(row.padded([(2, 1)]), Tensor([0, 0, 1, 2, 3, 0]))
        XCTAssertEqual(row.padded([(0, 0)]), row)
    }

    func testMirroringAndEdgeModesInOneDimension() {
        XCTAssertEqual(row.padded([(2, 2)], mode: .reflect), Tensor([3, 2, 1, 2, 3, 2, 1]))
        XCTAssertEqual(row.padded([(5, 5)], mode: .reflect), Tensor([2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2]))
        XCTAssertEqual(row.padded([(2, 2)], mode: .symmetric), Tensor([2, 1, 1, 2, 3, 3, 2]))
        XCTAssertEqual(row.padded([(5, 5)], mode: .symmetric), Tensor([2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2]))
        XCTAssertEqual(row.padded([(2, 1)], mode: .edge), Tensor([1, 1, 1, 2, 3, 3]))
        XCTAssertEqual(Tensor([7]).padded([(2, 1)], mode: .reflect), Tensor([7, 7, 7, 7]))
    }

    func testModesInTwoDimensionsFillCorners() {
        XCTAssertEqual(grid.padded([(1, 1), (2, 1)], mode: .reflect),
                       Tensor([[6, 5, 4, 5, 6, 5], [3, 2, 1, 2, 3, 2], [6, 5, 4, 5, 6, 5], [3, 2, 1, 2, 3, 2]]))
        XCTAssertEqual(grid.padded([(1, 0), (1, 2)], mode: .symmetric),
                       Tensor([[1, 1, 2, 3, 3, 2], [1, 1, 2, 3, 3, 2], [4, 4, 5, 6, 6, 5]]))
        XCTAssertEqual(grid.padded([(0, 1), (2, 1)], mode: .edge),
                       Tensor([[1, 1, 1, 2, 3, 3], [4, 4, 4, 5, 6, 6], [4, 4, 4, 5, 6, 6]]))
    }

    func testMirroredPositionsCollectTheirGradients() {
        let g = gradient(at: row) { $0.padded([(2, 2)], mode: .reflect).sum() }
        XCTAssertEqual(g.scalars, [2, 3, 2])
        let edge = gradient(at: row) { $0.padded([(2, 1)], mode: .edge).sum() }
        XCTAssertEqual(edge.scalars, [3, 1, 2])
        let constant = gradient(at: row) { ($0.padded([(1, 1)], mode: .constant(5)) * Tensor([1, 2, 3, 4, 5])).sum() }
        XCTAssertEqual(constant.scalars, [2, 3, 4])
    }

    func testPaddingGradientsMatchFiniteDifferences() {
        let x = randomTensor([2, 3, 4], seed: 41)
        let padding: [(before: Int, after: Int)] = [(0, 1), (1, 2), (3, 1)]
        for mode in [PaddingMode.constant(0.5), .reflect, .symmetric, .edge] {
            assertGradientsMatchFiniteDifferences([x]) { $0[0].padded(padding, mode: mode) }
        }
    }
}
