import XCTest
@testable import Cortex
import CortexTestSupport

final class UpsamplingTests: XCTestCase {
    func testUpsampledRepeatsEachPixelAsABlock() {
        let x = Tensor(shape: [1, 2, 2, 1], scalars: [1, 2, 3, 4])
        assertTensorsClose(x.upsampled2d(size: (2, 3)),
                           Tensor(shape: [1, 4, 6, 1], scalars: [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2,
                                                                 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4]))
        let channels = Tensor(shape: [2, 1, 1, 2], scalars: [1, -1, 2, -2])
        assertTensorsClose(channels.upsampled2d(size: (1, 2)),
                           Tensor(shape: [2, 1, 2, 2], scalars: [1, -1, 1, -1, 2, -2, 2, -2]))
    }

    func testUpsampledGradientSumsEachBlock() {
        let x = Tensor(shape: [1, 1, 2, 1], scalars: [5, 6])
        let weights = Tensor(shape: [1, 2, 4, 1], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        // Pixel 0 feeds output columns 0-1 of both rows (1 + 2 + 5 + 6), pixel 1 columns 2-3 (3 + 4 + 7 + 8).
        let grad = gradient(at: x) { ($0.upsampled2d(size: (2, 2)) * weights).sum() }
        XCTAssertEqual(grad.scalars, [14, 22])
        assertGradientsMatchFiniteDifferences([randomTensor([2, 3, 5, 3], seed: 1)]) { $0[0].upsampled2d(size: (3, 2)) }
    }

    func testUpsampledOutputShapeValidator() throws {
        XCTAssertEqual(try Tensor.upsampled2dOutputShape(input: [4, 7, 5, 3], size: (2, 3)), [4, 14, 15, 3])
        XCTAssertThrowsError(try Tensor.upsampled2dOutputShape(input: [4, 7, 5, 3], size: (0, 2)))
        XCTAssertThrowsError(try Tensor.upsampled2dOutputShape(input: [7, 5, 3], size: (2, 2)))
    }
}
