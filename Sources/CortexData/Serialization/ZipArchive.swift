import CZlib
import Foundation

/// A zip archive of uncompressed ("stored") entries: the container of saved models, readable
/// by `unzip` and Python's `zipfile`, as Keras' `.keras` files are.
///
/// Reading checks every offset, size and CRC-32 against the bytes, so a truncated or damaged
/// archive throws `DataError.malformed` instead of yielding altered entries.
package enum ZipArchive {
    /// The archive holding `entries` in order. Entries and the archive must stay under 4 GiB
    /// (no zip64).
    package static func data(entries: [(name: String, data: Data)]) throws -> Data {
        var archive = Data()
        var directory = Data()
        for entry in entries {
            let name = Array(entry.name.utf8)
            guard entry.data.count < Int(UInt32.max), archive.count < Int(UInt32.max) else {
                throw DataError.invalidArgument(name: entry.name, reason: "entries and archives over 4 GiB are not supported")
            }
            let crc = checksum(entry.data)
            let offset = UInt32(archive.count)
            // Local header: version 2.0, UTF-8 names, stored, 1980-01-01 00:00 so equal models give equal bytes.
            append(&archive, UInt32(0x0403_4b50), UInt16(20), UInt16(0x0800), UInt16(0), UInt16(0), UInt16(0x21))
            append(&archive, crc, UInt32(entry.data.count), UInt32(entry.data.count), UInt16(name.count), UInt16(0))
            archive.append(contentsOf: name)
            archive.append(entry.data)
            append(&directory, UInt32(0x0201_4b50), UInt16(20), UInt16(20), UInt16(0x0800), UInt16(0), UInt16(0), UInt16(0x21))
            append(&directory, crc, UInt32(entry.data.count), UInt32(entry.data.count), UInt16(name.count), UInt16(0), UInt16(0))
            append(&directory, UInt16(0), UInt16(0), UInt32(0o100644 << 16), offset)
            directory.append(contentsOf: name)
        }
        let directoryOffset = UInt32(archive.count)
        archive.append(directory)
        append(&archive, UInt32(0x0605_4b50), UInt16(0), UInt16(0), UInt16(entries.count), UInt16(entries.count))
        append(&archive, UInt32(directory.count), directoryOffset, UInt16(0))
        return archive
    }

    /// The entries of an archive by name, each checked against its CRC-32.
    package static func entries(of data: Data, name archiveName: String) throws -> [String: Data] {
        let bytes = [UInt8](data)
        func fail(_ reason: String) -> DataError { .malformed(file: archiveName, reason: "not a valid archive: \(reason)") }
        func read(_ offset: Int, _ size: Int) throws -> UInt64 {
            guard offset >= 0, offset + size <= bytes.count else { throw fail("a field at byte \(offset) lies past the end") }
            return bytes[offset..<(offset + size)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        // The end-of-directory record is the last 22 bytes, or earlier when a comment follows it.
        var end = bytes.count - 22
        while end >= 0, end >= bytes.count - 22 - 0xFFFF {
            if bytes[end] == 0x50, bytes[end + 1] == 0x4b, bytes[end + 2] == 0x05, bytes[end + 3] == 0x06,
               try Int(read(end + 20, 2)) == bytes.count - end - 22 { break }
            end -= 1
        }
        guard end >= 0, end >= bytes.count - 22 - 0xFFFF else { throw fail("no end-of-directory record") }
        let count = Int(try read(end + 10, 2))
        let directorySize = Int(try read(end + 12, 4)), directoryOffset = Int(try read(end + 16, 4))
        guard directoryOffset + directorySize <= end else { throw fail("the directory overlaps its end record") }
        var entries: [String: Data] = [:]
        var cursor = directoryOffset
        for _ in 0..<count {
            guard try read(cursor, 4) == 0x0201_4b50 else { throw fail("directory entry at byte \(cursor) has a wrong signature") }
            let method = try read(cursor + 10, 2)
            let crc = UInt32(try read(cursor + 16, 4))
            let compressed = Int(try read(cursor + 20, 4)), size = Int(try read(cursor + 24, 4))
            let nameLength = Int(try read(cursor + 28, 2))
            let extraLength = Int(try read(cursor + 30, 2)), commentLength = Int(try read(cursor + 32, 2))
            let localOffset = Int(try read(cursor + 42, 4))
            guard cursor + 46 + nameLength <= directoryOffset + directorySize else { throw fail("a directory entry runs past the directory") }
            guard let name = String(bytes: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], encoding: .utf8) else {
                throw fail("an entry name is not UTF-8")
            }
            guard method == 0, compressed == size else { throw fail("entry \(name) is compressed; only stored entries are read") }
            guard try read(localOffset, 4) == 0x0403_4b50 else { throw fail("entry \(name) has no local header") }
            let start = localOffset + 30 + Int(try read(localOffset + 26, 2)) + Int(try read(localOffset + 28, 2))
            guard start + size <= directoryOffset else { throw fail("entry \(name) runs past the data") }
            let content = Data(bytes[start..<(start + size)])
            guard checksum(content) == crc else { throw fail("entry \(name) fails its CRC-32 check") }
            guard entries.updateValue(content, forKey: name) == nil else { throw fail("entry \(name) appears twice") }
            cursor += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    private static func checksum(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
    }

    /// Appends little-endian fields of mixed widths.
    private static func append(_ data: inout Data, _ fields: any FixedWidthInteger...) {
        for field in fields { appendField(&data, field) }
    }

    private static func appendField<Field: FixedWidthInteger>(_ data: inout Data, _ field: Field) {
        withUnsafeBytes(of: field.littleEndian) { data.append(contentsOf: $0) }
    }
}
