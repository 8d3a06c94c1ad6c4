import XCTest
@testable import Cortex
import CortexTestSupport

final class ArithmeticTests: XCTestCase {
    func testBroadcastingAddMatchesHandComputed() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        let b = Tensor([10, 20, 30])
        XCTAssertEqual((a + b).scalars, [11, 22, 33, 14, 25, 36])
        let column = Tensor(shape: [2, 1], scalars: [100, 200])
        XCTAssertEqual((a + column).scalars, [101, 102, 103, 204, 205, 206])
        XCTAssertEqual((column * b).shape, [2, 3])
        XCTAssertEqual((column * b).scalars, [1000, 2000, 3000, 2000, 4000, 6000])
    }

    func testBinaryGradientsWithBroadcasting() {
        let a = randomTensor([3, 1, 5], seed: 1)
        let b = randomTensor([4, 5], seed: 2, lower: 0.5, upper: 2)
        assertGradientsMatchFiniteDifferences([a, b]) { $0[0] + $0[1] }
        assertGradientsMatchFiniteDifferences([a, b]) { $0[0] - $0[1] }
        assertGradientsMatchFiniteDifferences([a, b]) { $0[0] * $0[1] }
        assertGradientsMatchFiniteDifferences([a, b]) { $0[0] / $0[1] }
        assertGradientsMatchFiniteDifferences([b, a]) { pow($0[0], $0[1]) }
        assertGradientsMatchFiniteDifferences([a, b]) { max($0[0], $0[1]) }
        assertGradientsMatchFiniteDifferences([a, b]) { min($0[0], $0[1]) }
    }

    func testFanOutAccumulatesGradients() {
        let x = Tensor([1, 2, 3])
        let g = gradient(at: x) { x in (x * x + x * 3).sum() }
        XCTAssertEqual(g.scalars, [5, 7, 9])
    }
}
