import XCTest
@testable import Cortex
import CortexTestSupport

final class ReshapingTests: XCTestCase {
    func testReshapeInfersAndSharesStorage() {
        let x = Tensor.arange(0, 6)
        let y = x.reshaped(to: [2, -1])
        XCTAssertEqual(y.shape, [2, 3])
        XCTAssertTrue(x.storage === y.storage, "reshape must not copy")
        XCTAssertEqual(y.flattened().shape, [6])
        XCTAssertEqual(y.expandingDims(at: 0).shape, [1, 2, 3])
        XCTAssertEqual(y.expandingDims(at: -1).shape, [2, 3, 1])
        XCTAssertEqual(Tensor.zeros([1, 3, 1, 2]).squeezing().shape, [3, 2])
        XCTAssertEqual(Tensor.zeros([1, 3, 1, 2]).squeezing(axes: [2]).shape, [1, 3, 2])
    }

    func testTransposeMatchesHandComputed() {
        let x = Tensor.arange(0, 6).reshaped(to: [2, 3])
        XCTAssertEqual(x.transposed().scalars, [0, 3, 1, 4, 2, 5])
        let y = Tensor.arange(0, 24).reshaped(to: [2, 3, 4])
        let p = y.transposed([2, 0, 1])
        XCTAssertEqual(p.shape, [4, 2, 3])
        // p[i, j, k] = y[j, k, i]
        XCTAssertEqual(p[index: [3, 1, 2]], y[index: [1, 2, 3]])
        XCTAssertEqual(p[index: [1, 0, 1]], y[index: [0, 1, 1]])
    }

    func testBroadcastToRepeatsValues() {
        let x = Tensor(shape: [2, 1], scalars: [1, 2])
        XCTAssertEqual(x.broadcast(to: [3, 2, 2]).scalars, [1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2])
        XCTAssertEqual(Tensor([7, 8]).broadcast(to: [2, 2]).scalars, [7, 8, 7, 8])
    }

    func testShapeOpGradients() {
        let x = randomTensor([2, 3, 4], seed: 51)
        assertGradientsMatchFiniteDifferences([x]) { $0[0].reshaped(to: [4, -1]) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].transposed([1, 2, 0]) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].transposed() }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].expandingDims(at: 1).squeezing(axes: [1]) }
        let column = randomTensor([3, 1], seed: 52)
        assertGradientsMatchFiniteDifferences([column]) { $0[0].broadcast(to: [2, 3, 5]) }
    }

    func testSumToShapeUndoesBroadcast() {
        let g = Tensor.ones([2, 3, 4])
        XCTAssertEqual(g.sumToShape([3, 1]).scalars, [8, 8, 8])
        XCTAssertEqual(g.sumToShape([4]).scalars, [6, 6, 6, 6])
    }
}
