import XCTest
@testable import Cortex
import CortexTestSupport

final class TilingTests: XCTestCase {
    private let square = Tensor([[1, 2], [3, 4]])

    func testTiledMatchesNumPyTile() {
        XCTAssertEqual(Tensor([1, 2]).tiled(multiples: [2]), Tensor([1, 2, 1, 2]))
        XCTAssertEqual(square.tiled(multiples: [2, 3]),
                       Tensor([[1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4], [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4]]))
        XCTAssertEqual(square.tiled(multiples: [2]), Tensor([[1, 2, 1, 2], [3, 4, 3, 4]]))
        let lifted = Tensor([1, 2]).tiled(multiples: [2, 1, 2])
        XCTAssertEqual(lifted.shape, [2, 1, 4])
        XCTAssertEqual(lifted.scalars, [1, 2, 1, 2, 1, 2, 1, 2])
        XCTAssertEqual(square.tiled(multiples: [0, 1]).shape, [0, 2])
    }

    func testRepeatedMatchesNumPyRepeat() {
        XCTAssertEqual(square.repeated(2, axis: 0), Tensor([[1, 2], [1, 2], [3, 4], [3, 4]]))
        XCTAssertEqual(square.repeated(3, axis: -1), Tensor([[1, 1, 1, 2, 2, 2], [3, 3, 3, 4, 4, 4]]))
        XCTAssertEqual(square.repeated(2), Tensor([1, 1, 2, 2, 3, 3, 4, 4]))
        XCTAssertEqual(square.repeated(0, axis: 0).shape, [0, 2])
    }

    func testCopiesCollectTheirGradients() {
        let g = gradient(at: Tensor([1, 2])) { ($0.tiled(multiples: [3]) * Tensor([1, 2, 3, 4, 5, 6])).sum() }
        XCTAssertEqual(g.scalars, [9, 12])
        let r = gradient(at: Tensor([1, 2])) { ($0.repeated(3) * Tensor([1, 2, 3, 4, 5, 6])).sum() }
        XCTAssertEqual(r.scalars, [6, 15])
    }

    func testTilingGradientsMatchFiniteDifferences() {
        let x = randomTensor([3, 2, 5], seed: 51)
        assertGradientsMatchFiniteDifferences([x]) { $0[0].tiled(multiples: [2, 3, 1]) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].tiled(multiples: [2, 1, 1, 3]) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].repeated(2, axis: 1) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].repeated(3, axis: 2) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].repeated(2) }
    }
}
