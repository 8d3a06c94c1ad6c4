@testable import CortexData
import Foundation
import XCTest

final class ArchiveAndAtomicFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testZipEntriesRoundTripAndDamageIsDetected() throws {
        let entries: [(name: String, data: Data)] = [("config.json", Data(#"{"a": 1}"#.utf8)), ("empty", Data()),
                                                     ("weights/ü.bin", Data((0..<300).map { UInt8($0 % 256) }))]
        let archive = try ZipArchive.data(entries: entries)
        let read = try ZipArchive.entries(of: archive, name: "test.zip")
        XCTAssertEqual(read.count, 3)
        for entry in entries { XCTAssertEqual(read[entry.name], entry.data) }
        // The stored CRC-32 of `{"a": 1}`, as zlib and Python's zipfile compute it.
        let crcOffset = 14
        XCTAssertEqual(archive[crcOffset..<(crcOffset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, 0xFBA1_8E97)

        var flipped = archive
        flipped[44] ^= 0x01   // inside the data of config.json (its local header is 30 + 11 bytes)
        XCTAssertThrowsError(try ZipArchive.entries(of: flipped, name: "test.zip")) { error in
            XCTAssertEqual(error as? DataError, .malformed(file: "test.zip", reason: "not a valid archive: entry config.json fails its CRC-32 check"))
        }
        XCTAssertThrowsError(try ZipArchive.entries(of: archive.dropLast(), name: "test.zip"))
        XCTAssertThrowsError(try ZipArchive.entries(of: Data(), name: "test.zip"))
    }

    func testAtomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let target = directory.appendingPathComponent("model.bin")
        try AtomicFile.write(Data("old".utf8), to: target)
        try AtomicFile.write(Data("new contents".utf8), to: target)
        XCTAssertEqual(try Data(contentsOf: target), Data("new contents".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["model.bin"])

        let missing = directory.appendingPathComponent("absent/model.bin")
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: missing)) { error in
            guard case DataError.unwritable(let path, _)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing.path)
        }
        // A directory in the way: the rename fails and the temporary file is removed.
        let blocked = directory.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: blocked))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["blocked", "model.bin"])
    }
}
