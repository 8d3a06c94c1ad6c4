import Cortex
import CortexData
import Foundation
import XCTest

final class ImageFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    /// A 4 x 5 RGB image whose channels are distinct ramps.
    private func rgbImage() -> Tensor {
        Tensor(shape: [4, 5, 3], scalars: (0..<60).map { Float(($0 * 37) % 256) })
    }

    func testPNGRoundTripsExactlyInEveryChannelCount() throws {
        for channels in 1...4 {
            let image = Tensor(shape: [3, 4, channels], scalars: (0..<(12 * channels)).map { Float(($0 * 53) % 256) })
            let data = try ImageCodec.encode(image, format: .png)
            let mode: ImageColorMode = channels <= 2 ? .grayscale : channels == 3 ? .rgb : .rgba
            let decoded = try ImageCodec.decode(data, colorMode: mode)
            if channels == 2 {
                // Grey + alpha reads back as its grey channel.
                XCTAssertEqual(decoded.scalars, stride(from: 0, to: 24, by: 2).map { image.scalars[$0] })
            } else {
                XCTAssertEqual(decoded, image, "channels \(channels)")
            }
        }
    }

    func testColorModesConvertLikePIL() throws {
        let pixels = Tensor(shape: [1, 3, 3], scalars: [255, 0, 0, 0, 255, 0, 10, 20, 30])
        let data = try ImageCodec.encode(pixels, format: .png)
        // PIL: L = (R·19595 + G·38470 + B·7471 + 0x8000) >> 16.
        XCTAssertEqual(try ImageCodec.decode(data, colorMode: .grayscale).scalars, [76, 150, 18])
        XCTAssertEqual(try ImageCodec.decode(data, colorMode: .rgba).scalars, [255, 0, 0, 255, 0, 255, 0, 255, 10, 20, 30, 255])
        let gray = try ImageCodec.encode(Tensor(shape: [1, 2, 1], scalars: [7, 200]), format: .png)
        XCTAssertEqual(try ImageCodec.decode(gray, colorMode: .rgb).scalars, [7, 7, 7, 200, 200, 200])
        let transparent = try ImageCodec.encode(Tensor(shape: [1, 1, 4], scalars: [9, 8, 7, 0]), format: .png)
        XCTAssertEqual(try ImageCodec.decode(transparent, colorMode: .rgb).scalars, [9, 8, 7])
    }

    func testJPEGRoundTripsCloselyAndGrayStaysGray() throws {
        let smooth = Tensor(shape: [16, 16, 3], scalars: (0..<768).map { i in
            let (y, x, c) = (i / 48, (i / 3) % 16, i % 3)
            return Float(20 + 6 * y + 3 * x + 30 * c)
        })
        let decoded = try ImageCodec.decode(try ImageCodec.encode(smooth, format: .jpeg(quality: 95)))
        XCTAssertEqual(decoded.shape, [16, 16, 3])
        let worst = zip(decoded.scalars, smooth.scalars).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst, 8)
        let gray = Tensor(repeating: 128, shape: [8, 8, 1])
        let grayDecoded = try ImageCodec.decode(try ImageCodec.encode(gray, format: .jpeg(quality: 90)), colorMode: .grayscale)
        XCTAssertEqual(grayDecoded.shape, [8, 8, 1])
        XCTAssertTrue(grayDecoded.scalars.allSatisfy { abs($0 - 128) <= 1 })
    }

    func testCorruptAndTruncatedFilesThrow() throws {
        let png = try ImageCodec.encode(rgbImage(), format: .png)
        let jpeg = try ImageCodec.encode(rgbImage(), format: .jpeg(quality: 90))
        var flipped = png
        flipped[flipped.count / 2] ^= 0xFF
        let cases: [(String, Data)] = [
            ("truncated png", png.prefix(png.count / 2)),
            ("png with a bad CRC", flipped),
            ("png signature only", png.prefix(8)),
            ("truncated jpeg", jpeg.prefix(jpeg.count / 2)),
            ("jpeg header only", jpeg.prefix(4)),
            ("text", Data("hello, not an image".utf8)),
            ("empty", Data()),
        ]
        for (name, data) in cases {
            XCTAssertThrowsError(try ImageCodec.decode(data, name: name), name) { error in
                guard case DataError.malformed(let file, _) = error else { return XCTFail("\(name): \(error)") }
                XCTAssertEqual(file, name)
            }
        }
        XCTAssertThrowsError(try loadImage(directory.appendingPathComponent("missing.png"))) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: directory.appendingPathComponent("missing.png").path))
        }
        XCTAssertThrowsError(try ImageCodec.encode(Tensor(repeating: 0, shape: [2, 2, 4]), format: .jpeg(quality: 90)))
        XCTAssertThrowsError(try ImageCodec.encode(Tensor(repeating: 0, shape: [2, 2]), format: .png))
    }

    func testLoadImageResizesAndSaveImageScales() throws {
        let url = directory.appendingPathComponent("ramp.png")
        try saveImage(Tensor(shape: [2, 2, 1], scalars: [0, 1, 2, 3]), to: url)
        // scale: 0...3 stretched to 0...255.
        XCTAssertEqual(try loadImage(url, colorMode: .grayscale).scalars, [0, 85, 170, 255])
        let large = try loadImage(url, colorMode: .grayscale, targetSize: (4, 4))
        XCTAssertEqual(large.shape, [4, 4, 1])
        XCTAssertEqual(Array(large.scalars[0..<4]), [0, 0, 85, 85])
        let smooth = try loadImage(url, colorMode: .rgb, targetSize: (4, 4), interpolation: .bilinear)
        XCTAssertEqual(smooth.shape, [4, 4, 3])
        XCTAssertEqual(smooth[index: [0, 1, 0]], 85 * 0.25)
        XCTAssertThrowsError(try saveImage(Tensor(repeating: 0, shape: [2, 2, 1]), to: directory.appendingPathComponent("x.bmp")))
    }

    func testImageGridLaysOutABatch() throws {
        let batch = Tensor(shape: [3, 2, 2, 1], scalars: (1...12).map(Float.init))
        let grid = try imageGrid(batch, columns: 2, padding: 1)
        XCTAssertEqual(grid.shape, [7, 7, 1])
        XCTAssertEqual(grid.scalars, [0, 0, 0, 0, 0, 0, 0,
                                      0, 1, 2, 0, 5, 6, 0,
                                      0, 3, 4, 0, 7, 8, 0,
                                      0, 0, 0, 0, 0, 0, 0,
                                      0, 9, 10, 0, 0, 0, 0,
                                      0, 11, 12, 0, 0, 0, 0,
                                      0, 0, 0, 0, 0, 0, 0])
        let url = directory.appendingPathComponent("grid.png")
        try saveImageGrid(batch, to: url, columns: 2, padding: 1, scale: false)
        XCTAssertEqual(try loadImage(url, colorMode: .grayscale), grid)
    }
}
