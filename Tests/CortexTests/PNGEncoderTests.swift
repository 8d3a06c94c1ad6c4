@testable import Cortex
import Foundation
import XCTest

final class PNGEncoderTests: XCTestCase {
    func testChecksumsMatchPublishedValues() {
        XCTAssertEqual(PNGEncoder.crc32(Data("IEND".utf8)), 0xAE42_6082)
        XCTAssertEqual(PNGEncoder.adler32(Array("Wikipedia".utf8)), 0x11E6_0398)
    }

    func testHeaderNamesSizeAndColourTypeForEachChannelCount() {
        for (channels, colorType) in [(1, 0), (2, 4), (3, 2), (4, 6)] {
            let pixels = (0..<(3 * 2 * channels)).map { UInt8($0 * 7 % 256) }
            let png = [UInt8](PNGEncoder.encode(width: 3, height: 2, channels: channels, pixels: pixels))
            XCTAssertEqual(Array(png[12..<16]), Array("IHDR".utf8))
            XCTAssertEqual(Array(png[16..<24]), [0, 0, 0, 3, 0, 0, 0, 2])
            XCTAssertEqual(png[24], 8)
            XCTAssertEqual(Int(png[25]), colorType)
            XCTAssertEqual(Array(png.suffix(8)), [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // IEND and its CRC
        }
    }
}
