import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

final class ReshapingLayerTests: XCTestCase {
    private let image = Tensor.arange(1, 19).reshaped(to: [1, 3, 3, 2])

    func testZeroPaddingAndCropping() throws {
        let padded = ZeroPadding2D(padding: (1, 0, 0, 2))(image)
        XCTAssertEqual(padded.shape, [1, 4, 5, 2])
        XCTAssertEqual(padded[0, 0].sum().scalar, 0)
        XCTAssertEqual(padded[index: [0, 1, 0, 0]], 1)
        XCTAssertEqual(try ZeroPadding2D(2).outputShape(for: [28, 28, 3]), [32, 32, 3])
        let cropped = Cropping2D(cropping: (1, 0, 1, 1))(image)
        XCTAssertEqual(cropped.shape, [1, 2, 1, 2])
        XCTAssertEqual(cropped.scalars, [9, 10, 15, 16])
        XCTAssertThrowsError(try Cropping2D(2).outputShape(for: [3, 3, 1]))
    }

    func testGlobalPooling() {
        XCTAssertEqual(GlobalAveragePooling2D()(image).scalars, [9, 10])
        XCTAssertEqual(GlobalMaxPooling2D()(image).scalars, [17, 18])
        XCTAssertEqual(GlobalAveragePooling2D(keepDims: true)(image).shape, [1, 1, 1, 2])
        let sequence = Tensor([[[1, 2], [3, 0], [5, 1]]])
        XCTAssertEqual(GlobalAveragePooling1D()(sequence).scalars, [3, 1])
        XCTAssertEqual(GlobalMaxPooling1D()(sequence).scalars, [5, 2])
    }

    func testGradients() {
        let x = randomTensor([2, 3, 4, 2], seed: 5)
        for layer: Layer in [ZeroPadding2D(1), Cropping2D(cropping: (1, 0, 0, 1)), GlobalAveragePooling2D(), GlobalMaxPooling2D()] {
            assertGradientsMatchFiniteDifferences([x], epsilon: 1e-3) { layer($0[0]) }
        }
    }
}
