import Cortex
import CortexData
import Foundation
import XCTest

final class ImageDataGeneratorTests: XCTestCase {
    /// 0...24 row by row.
    private let grid = Tensor(shape: [5, 5, 1], scalars: (0..<25).map(Float.init))

    /// Keras' legacy `apply_transform(x, {theta: 20, tx: 0.7, ty: -1.2, shear: 10, zx: 0.9, zy: 1.2,
    /// flip_horizontal: True})` with `cval=-3`, from scripts/image_reference.py.
    private let kerasOutputs: [(ImageFillMode, [Float])] = [
        (.nearest, [4.000000, 4.000000, 4.000000, 3.422486, 2.576762, 7.440944, 5.901853, 4.030972, 2.822486, 1.976762, 12.637096, 11.011938, 8.627124, 6.242310, 3.857496, 17.833248, 15.608090, 13.223276, 10.838462, 8.453649, 22.589056, 20.204243, 17.819429, 15.434614, 13.049801]),
        (.reflect, [3.040344, 3.886068, 4.000000, 4.794966, 5.488334, 7.081288, 5.901853, 4.030972, 2.822486, 1.976762, 12.637096, 11.011938, 8.627124, 6.242310, 3.857496, 17.833248, 15.608090, 13.223276, 10.838462, 8.453649, 22.589056, 20.204243, 17.819429, 15.434614, 13.049801]),
        (.wrap, [20.204447, 17.819633, 15.434819, 17.050005, 14.665191, 4.800600, 2.415785, 4.030972, 21.646158, 19.261343, 9.396751, 11.011938, 8.627124, 6.242310, 3.857496, 13.992905, 15.608090, 13.223276, 10.838462, 8.453649, 22.589056, 20.204243, 17.819429, 15.434614, 13.049801]),
        (.constant, [-3.000000, -3.000000, -3.000000, -3.000000, -3.000000, -3.000000, -3.000000, 4.030972, -3.000000, -3.000000, -3.000000, 11.011938, 8.627124, 6.242310, 3.857496, -3.000000, 15.608090, 13.223276, 10.838462, 8.453649, 22.589056, 20.204243, 17.819429, 15.434614, 13.049801]),
    ]

    func testComposedTransformMatchesKerasInEveryFillMode() throws {
        let parameters = ImageTransformParameters(theta: 20, tx: 0.7, ty: -1.2, shear: 10, zx: 0.9, zy: 1.2, flipHorizontal: true)
        for (mode, expected) in kerasOutputs {
            let generator = try ImageDataGenerator(fillMode: mode, cval: -3)
            let output = generator.applyTransform(grid, parameters)
            XCTAssertTrue(output.isAlmostEqual(to: Tensor(shape: [5, 5, 1], scalars: expected), absoluteTolerance: 1e-4),
                          "\(mode): \(output.scalars)")
        }
    }

    func testQuarterTurnShiftAndFlipOfAKnownImage() throws {
        let generator = try ImageDataGenerator()
        XCTAssertTrue(generator.applyTransform(grid, ImageTransformParameters(theta: 90)).isAlmostEqual(
            to: Tensor(shape: [5, 5, 1], scalars: [4, 9, 14, 19, 24,
                                                    3, 8, 13, 18, 23,
                                                    2, 7, 12, 17, 22,
                                                    1, 6, 11, 16, 21,
                                                    0, 5, 10, 15, 20]), absoluteTolerance: 1e-4))
        XCTAssertEqual(generator.applyTransform(grid, ImageTransformParameters(tx: 1)).scalars,
                       [1, 2, 3, 4, 4, 6, 7, 8, 9, 9, 11, 12, 13, 14, 14, 16, 17, 18, 19, 19, 21, 22, 23, 24, 24])
        XCTAssertEqual(generator.applyTransform(grid, ImageTransformParameters(ty: -1)).scalars,
                       [0, 1, 2, 3, 4] + (0..<20).map(Float.init))
        XCTAssertEqual(generator.applyTransform(grid, ImageTransformParameters(flipHorizontal: true)).scalars,
                       [4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 14, 13, 12, 11, 10, 19, 18, 17, 16, 15, 24, 23, 22, 21, 20])
        XCTAssertEqual(generator.applyTransform(grid, ImageTransformParameters(flipVertical: true)).scalars,
                       [20, 21, 22, 23, 24, 15, 16, 17, 18, 19, 10, 11, 12, 13, 14, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4])
    }

    func testRandomParametersStayInRangeAndRepeatWithASeed() throws {
        let generator = try ImageDataGenerator(rotationRange: 30, widthShiftRange: 0.2, heightShiftRange: 2, shearRange: 5,
                                               zoomRange: ZoomRange(lower: 0.8, upper: 0.9), channelShiftRange: 10,
                                               horizontalFlip: true)
        var flips = 0
        for seed in 0..<200 as Range<UInt64> {
            let p = generator.randomTransform(for: [10, 20, 3], seed: seed)
            XCTAssertEqual(p, generator.randomTransform(for: [10, 20, 3], seed: seed))
            XCTAssertLessThanOrEqual(abs(p.theta), 30)
            XCTAssertLessThanOrEqual(abs(p.tx), 4)  // 0.2 of 20 columns
            XCTAssertTrue([-1, 0, 1].contains(p.ty))  // integer range 2: -1...1 pixels
            XCTAssertLessThanOrEqual(abs(p.shear), 5)
            XCTAssertTrue((0.8...0.9).contains(p.zx) && (0.8...0.9).contains(p.zy))
            XCTAssertLessThanOrEqual(abs(p.channelShiftIntensity!), 10)
            XCTAssertFalse(p.flipVertical)
            flips += p.flipHorizontal ? 1 : 0
        }
        XCTAssertTrue((70...130).contains(flips), "\(flips) horizontal flips in 200")
        XCTAssertNotEqual(generator.randomTransform(for: [10, 20, 3], seed: 1), generator.randomTransform(for: [10, 20, 3], seed: 2))
    }

    func testChannelShiftAndBrightnessFollowKeras() throws {
        let generator = try ImageDataGenerator()
        let image = Tensor(shape: [1, 2, 2], scalars: [10, 20, 100, 200])
        // Clipped to the image's own range [10, 200].
        XCTAssertEqual(generator.applyTransform(image, ImageTransformParameters(channelShiftIntensity: 50)).scalars, [60, 70, 150, 200])
        XCTAssertEqual(generator.applyTransform(image, ImageTransformParameters(channelShiftIntensity: -50)).scalars, [10, 10, 50, 150])
        // PIL's brightness: 8-bit pixels times the factor, truncated and clipped.
        XCTAssertEqual(generator.applyTransform(image, ImageTransformParameters(brightness: 1.5)).scalars, [15, 30, 150, 255])
        let fractional = Tensor(shape: [1, 1, 3], scalars: [10.7, 3, 101])
        XCTAssertEqual(generator.applyTransform(fractional, ImageTransformParameters(brightness: 0.5)).scalars, [5, 1, 50])
    }

    func testStandardizeAndFeaturewiseFit() throws {
        let images = Tensor(shape: [2, 1, 2, 2], scalars: [0, 10, 2, 30, 4, 50, 6, 70])
        let generator = try ImageDataGenerator(featurewiseStdNormalization: true, rescale: 0.5)
        XCTAssertTrue(generator.featurewiseCenter)
        try generator.fit(images)
        // Rescaled channel 0: 0, 1, 2, 3 (mean 1.5, std √1.25); channel 1: 5, 15, 25, 35 (mean 20, std √125).
        XCTAssertEqual(generator.mean?.scalars, [1.5, 20])
        XCTAssertTrue(generator.std!.isAlmostEqual(to: Tensor(shape: [1, 1, 2], scalars: [Float(1.25).squareRoot(), Float(125).squareRoot()])))
        let standardized = generator.standardize(Tensor(shape: [1, 1, 2], scalars: [4, 50]))
        XCTAssertEqual(standardized.scalars[0], (2 - 1.5) / (Float(1.25).squareRoot() + 1e-6), accuracy: 1e-5)
        XCTAssertEqual(standardized.scalars[1], (25 - 20) / (Float(125).squareRoot() + 1e-6), accuracy: 1e-5)

        let samplewise = try ImageDataGenerator(samplewiseStdNormalization: true, preprocessingFunction: { $0 + 1 })
        let result = samplewise.standardize(Tensor(shape: [1, 2, 1], scalars: [1, 3]))
        XCTAssertEqual(result.scalars[0], -1 / (1 + 1e-6), accuracy: 1e-5)
        XCTAssertEqual(result.scalars[1], 1 / (1 + 1e-6), accuracy: 1e-5)

        var warnings: [DataWarning] = []
        let unfitted = try ImageDataGenerator(featurewiseCenter: true)
        _ = DataWarnings.$handler.withValue({ warnings.append($0) }) { unfitted.standardize(grid) }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].message.contains("fit"))
    }

    func testFlowIsReproducibleWithASeedAndAugmentsEachPassAnew() throws {
        let x = Tensor(shape: [10, 6, 6, 1], scalars: (0..<360).map { Float($0 % 97) })
        let y = Tensor((0..<10).map(Float.init))
        let generator = try ImageDataGenerator(rotationRange: 40, widthShiftRange: 0.2, horizontalFlip: true, rescale: 0.1)
        let first = try generator.flow(x, y, batchSize: 4, seed: 7)
        let again = try generator.flow(x, y, batchSize: 4, seed: 7)
        XCTAssertEqual(first.count, 3)
        let a = try first.collect(), b = try again.collect()
        XCTAssertEqual(a.map(\.x), b.map(\.x))
        XCTAssertEqual(a.map(\.y), b.map(\.y))
        XCTAssertEqual(a.map { $0.x.shape[0] }, [4, 4, 2])
        XCTAssertEqual(Set(a.flatMap { $0.y.scalars }), Set(y.scalars))
        let secondPass = try first.collect()
        XCTAssertNotEqual(a.map(\.x), secondPass.map(\.x))
        // Labels travel with their images: without augmentation and shuffling, batch rows are x's rows.
        let plain = try ImageDataGenerator()
        let ordered = try plain.flow(x, y, batchSize: 4, shuffle: false).collect()
        XCTAssertEqual(Tensor.concatenate(ordered.map(\.x), axis: 0), x)
    }

    func testFlowSubsetsSplitLikeKeras() throws {
        let x = Tensor(shape: [10, 2, 2, 1], scalars: (0..<40).map(Float.init))
        let y = Tensor([0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
        let generator = try ImageDataGenerator(validationSplit: 0.3)
        let validation = try generator.flow(x, y, batchSize: 10, shuffle: false, subset: .validation).collect()
        XCTAssertEqual(validation[0].y.scalars, [0, 1, 0])
        let training = try generator.flow(x, y, batchSize: 10, shuffle: false, subset: .training).collect()
        XCTAssertEqual(training[0].x.shape, [7, 2, 2, 1])
        XCTAssertThrowsError(try generator.flow(x, Tensor([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]), subset: .validation))
        XCTAssertThrowsError(try ImageDataGenerator(validationSplit: 1.5))
        XCTAssertThrowsError(try generator.flow(Tensor(repeating: 0, shape: [3, 2, 2]), nil))
        XCTAssertThrowsError(try generator.flow(x, Tensor([1, 2])))
    }
}
