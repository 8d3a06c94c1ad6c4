import XCTest
@testable import Cortex
import CortexTestSupport

final class ImageResamplingTests: XCTestCase {
    /// 0...24 row by row, one channel.
    private let grid = Tensor(shape: [1, 5, 5, 1], scalars: (0..<25).map(Float.init))

    /// A 30° rotation about the centre followed by a shift past the top-right edge.
    private let rotationAndShift = AffineTransform(a0: 0.8660254037844387, a1: -0.49999999999999994, a2: 2.567949192431122,
                                                   b0: 0.49999999999999994, b1: 0.8660254037844387, b2: -2.932050807568878)

    /// scipy.ndimage.affine_transform(image, [[b1, b0], [a1, a0]], offset=[b2, a2], order, mode, cval=-7),
    /// printed by scripts/image_reference.py.
    private let scipyOutputs: [(ImageFillMode, ImageInterpolation, [Float])] = [
        (.nearest, .nearest, [3.000000, 3.000000, 4.000000, 4.000000, 4.000000, 2.000000, 3.000000, 4.000000, 4.000000, 4.000000, 2.000000, 2.000000, 3.000000, 4.000000, 9.000000, 1.000000, 2.000000, 8.000000, 9.000000, 14.000000, 6.000000, 6.000000, 12.000000, 13.000000, 19.000000]),
        (.nearest, .bilinear, [2.567949, 3.433975, 4.000000, 4.000000, 4.000000, 2.067949, 2.933975, 3.800000, 4.000000, 4.000000, 1.567949, 2.433975, 3.300000, 5.500000, 8.000000, 1.067949, 2.764102, 6.130127, 9.496152, 12.330127, 3.228203, 6.594229, 9.960254, 13.326279, 16.660254]),
        (.reflect, .nearest, [13.000000, 8.000000, 9.000000, 4.000000, 3.000000, 7.000000, 8.000000, 4.000000, 4.000000, 3.000000, 2.000000, 2.000000, 3.000000, 4.000000, 9.000000, 1.000000, 2.000000, 8.000000, 9.000000, 14.000000, 6.000000, 6.000000, 12.000000, 13.000000, 19.000000]),
        (.reflect, .bilinear, [12.228203, 10.594229, 8.660254, 5.994229, 2.967949, 7.398076, 5.764102, 4.130127, 4.000000, 3.467949, 2.567949, 2.433975, 3.300000, 5.500000, 7.967949, 1.067949, 2.764102, 6.130127, 9.496152, 12.330127, 3.228203, 6.594229, 9.960254, 13.326279, 16.660254]),
        (.wrap, .nearest, [8.000000, 13.000000, 10.000000, 16.000000, 17.000000, 12.000000, 13.000000, 19.000000, 16.000000, 22.000000, 17.000000, 17.000000, 23.000000, 0.000000, 6.000000, 21.000000, 2.000000, 8.000000, 9.000000, 11.000000, 6.000000, 6.000000, 12.000000, 13.000000, 15.000000]),
        (.wrap, .bilinear, [7.907695, 11.273721, 10.639746, 14.005771, 17.371797, 11.737822, 15.103848, 18.469873, 17.835898, 21.201924, 15.567949, 18.933975, 22.300000, 1.666025, 5.032051, 19.398076, 2.764102, 6.130127, 9.496152, 8.862178, 3.228203, 6.594229, 9.960254, 13.326279, 12.692305]),
        (.constant, .nearest, [-7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, 2.000000, 8.000000, 9.000000, -7.000000, 6.000000, 6.000000, 12.000000, 13.000000, -7.000000]),
        (.constant, .bilinear, [-7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, 2.764102, 6.130127, 9.496152, -7.000000, 3.228203, 6.594229, 9.960254, 13.326279, -7.000000]),
        (.gridWrap, .nearest, [13.000000, 18.000000, 19.000000, 20.000000, 21.000000, 17.000000, 18.000000, 24.000000, 20.000000, 1.000000, 22.000000, 22.000000, 3.000000, 4.000000, 5.000000, 1.000000, 2.000000, 8.000000, 9.000000, 10.000000, 6.000000, 6.000000, 12.000000, 13.000000, 19.000000]),
        (.gridWrap, .bilinear, [12.907695, 16.273721, 18.139746, 18.005771, 19.673067, 16.737822, 20.103848, 23.469873, 12.656406, 1.852559, 20.567949, 16.433975, 7.300000, 4.835898, 4.032051, 7.747441, 2.764102, 6.130127, 9.496152, 10.201924, 3.228203, 6.594229, 9.960254, 13.326279, 16.532051]),
        (.gridConstant, .nearest, [-7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, 3.000000, 4.000000, -7.000000, 1.000000, 2.000000, 8.000000, 9.000000, -7.000000, 6.000000, 6.000000, 12.000000, 13.000000, 19.000000]),
        (.gridConstant, .bilinear, [-7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -5.405699, -7.000000, -7.000000, -4.169808, 1.240000, 3.424682, -7.000000, -1.626541, 2.764102, 6.130127, 9.496152, 2.045517, 3.228203, 6.594229, 9.960254, 13.326279, 15.901924]),
    ]

    /// keras.ops.image.affine_transform with Keras 3's fill modes (its `wrap` and `constant` are
    /// scipy's grid modes), from scripts/image_reference.py.
    private let keras3Outputs: [(ImageFillMode, [Float])] = [
        (.nearest, [2.567949, 3.433975, 4.000000, 4.000000, 4.000000, 2.067949, 2.933975, 3.800000, 4.000000, 4.000000, 1.567949, 2.433975, 3.300000, 5.500001, 8.000001, 1.067949, 2.764102, 6.130127, 9.496151, 12.330126, 3.228204, 6.594229, 9.960256, 13.326281, 16.660254]),
        (.reflect, [12.228203, 10.594229, 8.660254, 5.994228, 2.967949, 7.398076, 5.764102, 4.130126, 4.000000, 3.467949, 2.567949, 2.433975, 3.300000, 5.500001, 7.967950, 1.067949, 2.764102, 6.130127, 9.496151, 12.330126, 3.228204, 6.594229, 9.960256, 13.326281, 16.660254]),
        (.gridWrap, [12.907696, 16.273722, 18.139746, 18.005772, 19.673065, 16.737823, 20.103848, 23.469875, 12.656404, 1.852556, 20.567949, 16.433971, 7.299996, 4.835900, 4.032052, 7.747441, 2.764102, 6.130127, 9.496151, 10.201921, 3.228204, 6.594229, 9.960256, 13.326281, 16.532051]),
        (.gridConstant, [-7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -7.000000, -5.405697, -7.000000, -7.000000, -4.169806, 1.240002, 3.424686, -7.000000, -1.626541, 2.764102, 6.130127, 9.496151, 2.045511, 3.228204, 6.594229, 9.960256, 13.326281, 15.901918]),
    ]

    func testEveryFillModeMatchesScipyAtTheBorder() {
        for (mode, interpolation, expected) in scipyOutputs {
            let output = grid.affineTransformed([rotationAndShift], interpolation: interpolation, fillMode: mode, fillValue: -7)
            XCTAssertEqual(output.shape, [1, 5, 5, 1])
            XCTAssertTrue(output.isAlmostEqual(to: Tensor(shape: [1, 5, 5, 1], scalars: expected), absoluteTolerance: 1e-4),
                          "\(mode) \(interpolation): \(output.scalars) != \(expected)")
        }
    }

    func testKeras3FillModesAreTheGridModes() {
        for (mode, expected) in keras3Outputs {
            let output = grid.affineTransformed([rotationAndShift], fillMode: mode, fillValue: -7)
            XCTAssertTrue(output.isAlmostEqual(to: Tensor(shape: [1, 5, 5, 1], scalars: expected), absoluteTolerance: 1e-4),
                          "\(mode): \(output.scalars) != \(expected)")
        }
    }

    func testQuarterTurnCounterClockwise() {
        let turn = AffineTransform.rotation(radians: .pi / 2).centered(height: 5, width: 5)
        let expected: [Float] = [4, 9, 14, 19, 24,
                                 3, 8, 13, 18, 23,
                                 2, 7, 12, 17, 22,
                                 1, 6, 11, 16, 21,
                                 0, 5, 10, 15, 20]
        for interpolation in ImageInterpolation.allCases {
            let output = grid.affineTransformed([turn], interpolation: interpolation, fillMode: .nearest)
            XCTAssertTrue(output.isAlmostEqual(to: Tensor(shape: [1, 5, 5, 1], scalars: expected), absoluteTolerance: 1e-4),
                          "\(interpolation): \(output.scalars)")
        }
    }

    func testOnePixelShiftRepeatsTheEdgeOrFills() {
        let left = grid.affineTransformed([.translation(x: 1, y: 0)], fillMode: .nearest)
        XCTAssertEqual(left.scalars, [1, 2, 3, 4, 4,
                                      6, 7, 8, 9, 9,
                                      11, 12, 13, 14, 14,
                                      16, 17, 18, 19, 19,
                                      21, 22, 23, 24, 24])
        let down = grid.affineTransformed([.translation(x: 0, y: -1)], fillMode: .constant, fillValue: -1)
        XCTAssertEqual(down.scalars, [-1, -1, -1, -1, -1] + (0..<20).map(Float.init))
    }

    func testMirroringAboutTheCentreIsAFlip() {
        let horizontal = AffineTransform.scale(x: -1, y: 1).centered(height: 5, width: 5)
        let flipped = grid.affineTransformed([horizontal], interpolation: .nearest)
        XCTAssertEqual(flipped.scalars, [4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 14, 13, 12, 11, 10, 19, 18, 17, 16, 15, 24, 23, 22, 21, 20])
    }

    func testEachImageTakesItsOwnTransformAndChannelsMoveTogether() {
        let pixels = (0..<18).map(Float.init)
        let batch = Tensor.concatenate([Tensor(shape: [2, 3, 3, 1], scalars: pixels), Tensor(shape: [2, 3, 3, 1], scalars: pixels.map { -$0 })], axis: 3)
        let output = batch.affineTransformed([.identity, .translation(x: 0, y: 1)], interpolation: .nearest, fillMode: .nearest)
        XCTAssertEqual(output.shape, [2, 3, 3, 2])
        XCTAssertEqual(Array(output.scalars[0..<18]), Array(batch.scalars[0..<18]))
        // Image 1 reads one row further down; its last row repeats.
        let rows: [Float] = [12, 13, 14, 15, 16, 17, 15, 16, 17]
        XCTAssertEqual(Array(output.scalars[18...]), rows.flatMap { [$0, -$0] })
    }

    func testResizeUsesHalfPixelCentres() {
        let small = Tensor(shape: [1, 2, 2, 1], scalars: [0, 1, 2, 3])
        let large = small.resizedImages(height: 4, width: 4)
        XCTAssertEqual(large.scalars, [0, 0.25, 0.75, 1,
                                       0.5, 0.75, 1.25, 1.5,
                                       1.5, 1.75, 2.25, 2.5,
                                       2, 2.25, 2.75, 3])
        // keras.layers.Resizing(3, 4) on a 5 x 6 ramp, from scripts/image_reference.py.
        let wide = Tensor(shape: [1, 5, 6, 1], scalars: (0..<30).map(Float.init))
        XCTAssertTrue(wide.resizedImages(height: 3, width: 4).isAlmostEqual(
            to: Tensor(shape: [1, 3, 4, 1], scalars: [2.250000, 3.750000, 5.250000, 6.750000, 12.250000, 13.750000, 15.250000, 16.750000, 22.250000, 23.749998, 25.250000, 26.749998]), absoluteTolerance: 1e-4))
        XCTAssertTrue(wide.resizedImages(height: 2, width: 2, cropToAspectRatio: true).isAlmostEqual(
            to: Tensor(shape: [1, 2, 2, 1], scalars: [5.250000, 7.750000, 20.250000, 22.750000]), absoluteTolerance: 1e-4))
        XCTAssertEqual(wide.resizedImages(height: 3, width: 4, interpolation: .nearest).scalars, [0.000000, 2.000000, 3.000000, 5.000000, 12.000000, 14.000000, 15.000000, 17.000000, 24.000000, 26.000000, 27.000000, 29.000000].map { Float($0) })
    }

    func testShapeValidation() {
        XCTAssertThrowsError(try Tensor.affineTransformedShape(input: [5, 5, 1], transformCount: 1, outputHeight: 5, outputWidth: 5))
        XCTAssertThrowsError(try Tensor.affineTransformedShape(input: [3, 5, 5, 1], transformCount: 2, outputHeight: 5, outputWidth: 5))
        XCTAssertEqual(try Tensor.affineTransformedShape(input: [3, 5, 5, 2], transformCount: 3, outputHeight: 4, outputWidth: 6), [3, 4, 6, 2])
    }

    func testGradientsMatchFiniteDifferencesInEveryMode() {
        let images = randomTensor([2, 4, 5, 2], seed: 3)
        let maps = [rotationAndShift, AffineTransform.scale(x: 0.7, y: 1.3).centered(height: 4, width: 5)]
        for mode in ImageFillMode.allCases {
            for interpolation in ImageInterpolation.allCases {
                assertGradientsMatchFiniteDifferences([images]) { xs in
                    xs[0].affineTransformed(maps, interpolation: interpolation, fillMode: mode, fillValue: 0.5)
                }
            }
        }
        assertGradientsMatchFiniteDifferences([images]) { xs in xs[0].resizedImages(height: 7, width: 3) }
    }

    func testTransformsComposeAsMatrices() {
        let shift = AffineTransform.translation(x: 2, y: -1), zoom = AffineTransform.scale(x: 3, y: 0.5)
        XCTAssertEqual(shift.concatenating(zoom).matrix, [[3, 0, 2], [0, 0.5, -1], [0, 0, 1]])
        XCTAssertEqual(zoom.concatenating(shift).matrix, [[3, 0, 6], [0, 0.5, -0.5], [0, 0, 1]])
        XCTAssertEqual(AffineTransform(matrix: [[3, 0, 2], [0, 0.5, -1]]), shift.concatenating(zoom))
        XCTAssertEqual(AffineTransform(matrix: shift.matrix), shift)
        XCTAssertNil(AffineTransform(matrix: [[1, 0, 0], [0, 1, 0], [0.1, 0, 1]]))
        XCTAssertNil(AffineTransform(matrix: [[1, 0], [0, 1]]))
        let centred = AffineTransform.scale(x: 2, y: 2).centered(height: 5, width: 3)
        XCTAssertEqual(centred.matrix, [[2, 0, -1], [0, 2, -2], [0, 0, 1]])
    }
}
