import Cortex
import CortexData
import CortexNN
import XCTest

final class PreprocessingLayerTests: XCTestCase {
    /// One 5 x 5 image holding 0...24 row by row.
    private let grid = Tensor(shape: [1, 5, 5, 1], scalars: (0..<25).map(Float.init))

    private func assertClose(_ output: Tensor, _ expected: [Float], _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(output.isAlmostEqual(to: Tensor(shape: output.shape, scalars: expected), absoluteTolerance: 1e-4),
                      "\(message) \(output.scalars)", file: file, line: line)
    }

    func testRescalingAndItsConfig() {
        let layer = Rescaling(scale: 1 / 127.5, offset: -1)
        XCTAssertEqual(layer(Tensor([0, 127.5, 255])).scalars, [-1, 0, 1])
        XCTAssertEqual(layer.config, ["scale": .double(Double(Float(1 / 127.5))), "offset": .double(-1)])
    }

    func testResizingMatchesKeras() throws {
        // keras.layers.Resizing(3, 4) on a 5 x 6 ramp, from scripts/image_reference.py.
        let wide = Tensor(shape: [1, 5, 6, 1], scalars: (0..<30).map(Float.init))
        let layer = Resizing(height: 3, width: 4)
        assertClose(layer(wide), [2.250000, 3.750000, 5.250000, 6.750000, 12.250000, 13.750000, 15.250000, 16.750000, 22.250000, 23.749998, 25.250000, 26.749998])
        XCTAssertEqual(try layer.outputShape(for: [5, 6, 2]), [3, 4, 2])
        XCTAssertThrowsError(try layer.outputShape(for: [5, 6]))
        assertClose(Resizing(height: 2, width: 2, cropToAspectRatio: true)(wide), [5.250000, 7.750000, 20.250000, 22.750000])
        XCTAssertEqual(layer.config["interpolation"], .string("bilinear"))
        XCTAssertEqual(layer.config["crop_to_aspect_ratio"], .bool(false))
    }

    func testRandomLayersAreIdentityAtInference() {
        let batch = Tensor(shape: [8, 5, 5, 1], scalars: (0..<200).map(Float.init))
        let layers: [Layer] = [RandomFlip(seed: 1), RandomRotation(factor: 0.3, seed: 1), RandomZoom(heightFactor: 0.4, seed: 1),
                               RandomTranslation(heightFactor: 0.3, widthFactor: 0.3, seed: 1), RandomContrast(factor: 0.5, seed: 1)]
        for layer in layers {
            XCTAssertEqual(layer(batch, training: false), batch, "\(layer.name)")
            XCTAssertNotEqual(layer(batch, training: true), batch, "\(layer.name)")
        }
    }

    func testRandomFlipFlipsWholeImagesAndRepeatsWithASeed() {
        let batch = Tensor(shape: [16, 5, 5, 1], scalars: (0..<400).map { Float($0 % 25) })
        let horizontal: [Float] = [4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 14, 13, 12, 11, 10, 19, 18, 17, 16, 15, 24, 23, 22, 21, 20]
        let both = (0..<25).map { Float(24 - $0) }
        let flipped = RandomFlip(mode: .horizontal, seed: 3)(batch, training: true)
        var count = 0
        for image in 0..<16 {
            let pixels = Array(flipped.scalars[(image * 25)..<((image + 1) * 25)])
            XCTAssertTrue(pixels == grid.scalars || pixels == horizontal, "\(pixels)")
            count += pixels == horizontal ? 1 : 0
        }
        XCTAssertTrue((1...15).contains(count))
        XCTAssertEqual(RandomFlip(mode: .horizontal, seed: 3)(batch, training: true), flipped)
        let twice = RandomFlip(seed: 5)(batch, training: true)
        for image in 0..<16 {
            let pixels = Array(twice.scalars[(image * 25)..<((image + 1) * 25)])
            XCTAssertTrue(pixels == grid.scalars || pixels == both)
        }
        XCTAssertEqual(RandomFlip(mode: .vertical, seed: 9).config,
                       ["mode": .string("vertical"), "seed": .int(9), "data_format": .string("channels_last")])
    }

    func testRandomRotationMatchesKerasAtAKnownAngle() {
        let quarter = RandomRotation(factor: PreprocessingFactor(lower: 0.25, upper: 0.25))(grid, training: true)
        assertClose(quarter, [4, 9, 14, 19, 24, 3, 8, 13, 18, 23, 2, 7, 12, 17, 22, 1, 6, 11, 16, 21, 0, 5, 10, 15, 20])
        // keras.layers.RandomRotation((30 / 360, 30 / 360), ...), from scripts/image_reference.py.
        let thirty = PreprocessingFactor(lower: 30.0 / 360, upper: 30.0 / 360)
        assertClose(RandomRotation(factor: thirty)(grid, training: true), [1.267949, 2.133975, 4.339746, 7.705771, 10.339746, 1.437822, 4.803848, 8.169873, 11.535898, 14.669873, 5.267949, 8.633975, 12.000000, 15.366026, 18.732052, 9.330127, 12.464103, 15.830128, 19.196152, 22.562176, 13.660255, 16.294230, 19.660255, 21.866024, 22.732052], "reflect")
        assertClose(RandomRotation(factor: thirty, fillMode: .constant, fillValue: -7)(grid, training: true),
                    [-4.784609, 0.014429, 4.339746, 7.705771, -2.353831, 1.437822, 4.803848, 8.169873, 11.535898, 9.641358, 5.267949, 8.633975, 12.000000, 15.366026, 18.732052, 5.540708, 12.464103, 15.830128, 19.196152, 22.562176, -1.464101, 16.294230, 19.660255, 15.167638, 0.966676], "constant")
        let layer = RandomRotation(factor: 0.2, fillMode: .wrap, interpolation: .nearest, seed: 4, fillValue: 1)
        XCTAssertEqual(layer.config, ["factor": .array([.double(-0.2), .double(0.2)]), "fill_mode": .string("wrap"),
                                      "interpolation": .string("nearest"), "seed": .int(4), "fill_value": .double(1),
                                      "data_format": .string("channels_last")])
    }

    func testRandomZoomAndTranslationMatchKeras() {
        let zoom = RandomZoom(heightFactor: PreprocessingFactor(lower: 0.3, upper: 0.3),
                              widthFactor: PreprocessingFactor(lower: -0.2, upper: -0.2), fillMode: .wrap)
        assertClose(zoom(grid, training: true), [12.399998, 13.199998, 13.999998, 14.799998, 15.599998, 3.900000, 4.700000, 5.500000, 6.300001, 7.100000, 10.400000, 11.200000, 12.000000, 12.800000, 13.600000, 16.900000, 17.700001, 18.500000, 19.300001, 20.099998, 8.400002, 9.200002, 10.000002, 10.800003, 11.600002], "zoom")
        let shift = RandomTranslation(heightFactor: PreprocessingFactor(lower: 0.2, upper: 0.2),
                                      widthFactor: PreprocessingFactor(lower: -0.4, upper: -0.4), fillMode: .nearest)
        assertClose(shift(grid, training: true), [2.000000, 3.000000, 4.000000, 4.000000, 4.000000, 2.000000, 3.000000, 4.000000, 4.000000, 4.000000, 7.000000, 8.000000, 9.000000, 9.000000, 9.000000, 12.000000, 13.000000, 14.000000, 14.000000, 14.000000, 17.000000, 18.000000, 19.000000, 19.000000, 19.000000], "translation")
        XCTAssertEqual(RandomZoom(heightFactor: 0.1).config["width_factor"], .null)
        XCTAssertEqual(RandomTranslation(heightFactor: 0.1, widthFactor: 0.2, seed: 2).config["width_factor"],
                       .array([.double(-0.2), .double(0.2)]))
    }

    func testRandomContrastMatchesKerasAndRepeatsWithASeed() {
        let contrast = RandomContrast(factor: PreprocessingFactor(lower: 0.5, upper: 0.5), valueRange: (0, 20))
        assertClose(contrast(grid, training: true), [0.000000, 0.000000, 0.000000, 0.000000, 0.000000, 1.500000, 3.000000, 4.500000, 6.000000, 7.500000, 9.000000, 10.500000, 12.000000, 13.500000, 15.000000, 16.500000, 18.000000, 19.500000, 20.000000, 20.000000, 20.000000, 20.000000, 20.000000, 20.000000, 20.000000])
        let batch = Tensor(shape: [4, 5, 5, 1], scalars: (0..<100).map { Float($0 % 25) * 10 })
        XCTAssertEqual(RandomContrast(factor: 0.4, seed: 8)(batch, training: true), RandomContrast(factor: 0.4, seed: 8)(batch, training: true))
        XCTAssertEqual(RandomContrast(factor: 0.4, seed: 8).config,
                       ["factor": .array([.double(-0.4), .double(0.4)]), "value_range": .array([.double(0), .double(255)]), "seed": .int(8)])
    }

    func testAugmentationLayersInsideAModel() throws {
        let model = Sequential {
            Input(shape: [8, 8, 1])
            RandomFlip(mode: .horizontal, seed: 1)
            RandomRotation(factor: 0.1, seed: 2)
            Rescaling(scale: 1 / 255)
            Resizing(height: 4, width: 4)
            Flatten()
            Dense(2, activation: .softmax)
        }
        let x = Tensor.randomUniform([3, 8, 8, 1], upper: 255)
        XCTAssertEqual(try model.predict(x).shape, [3, 2])
    }

    func testSmallCNNTrainsOnAnAugmentedFlow() throws {
        // 48 images of 8 x 8: class 0 has a bright horizontal bar, class 1 a vertical one, at
        // varying positions. Flips and small shifts keep the class.
        Random.seed(3)
        var pixels = [Float](repeating: 0, count: 48 * 64)
        var labels = [Float](repeating: 0, count: 48 * 2)
        for i in 0..<48 {
            let vertical = i % 2 == 1, position = 2 + (i / 2) % 4
            for k in 1..<7 { pixels[i * 64 + (vertical ? k * 8 + position : position * 8 + k)] = 255 }
            labels[i * 2 + (vertical ? 1 : 0)] = 1
        }
        let x = Tensor(shape: [48, 8, 8, 1], scalars: pixels), y = Tensor(shape: [48, 2], scalars: labels)
        let generator = try ImageDataGenerator(widthShiftRange: 1, horizontalFlip: true, verticalFlip: true, rescale: 1 / 255)
        let model = Sequential {
            Input(shape: [8, 8, 1])
            Conv2D(4, kernelSize: 3, activation: .relu)
            Flatten()
            Dense(2, activation: .softmax)
        }
        model.compile(optimizer: Adam(learningRate: 0.02), loss: .categoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(try generator.flow(x, y, batchSize: 16, seed: 1), epochs: 12, verbose: .silent)
        XCTAssertEqual(history.history["loss"]?.count, 12)
        let logs = try model.evaluate(x * (1 / 255), y)
        XCTAssertGreaterThanOrEqual(logs["accuracy"] ?? 0, 0.95, "\(logs)")
    }
}
