/// CRC-32C (Castagnoli), the checksum of TFRecord framing, table-driven.
enum CRC32C {
    /// The reflected Castagnoli polynomial 0x1EDC6F41.
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0x82F6_3B78 ^ (crc >> 1) : crc >> 1 }
    }

    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = ~UInt32(0)
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }

    /// The masked form TFRecord stores, so that a CRC of data holding CRCs stays well spread.
    static func masked<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        let crc = checksum(bytes)
        return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
