import Cortex
import Foundation

/// Reads IDX files (the format of MNIST): a magic number whose third byte names the element
/// type and whose fourth gives the rank, big-endian extents, then the raw values.
/// Gzip-compressed files (`.gz`) are decompressed first.
public enum IDXReader {
    public static func read(contentsOf url: URL) throws -> Tensor {
        try parse(Gzip.contentsOfFile(at: url), name: url.lastPathComponent)
    }

    public static func parse(_ data: Data, name: String = "IDX data") throws -> Tensor {
        let bytes = [UInt8](data)
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else {
            throw DataError.malformed(file: name, reason: "not an IDX file (bad magic number)")
        }
        let type = bytes[2], rank = Int(bytes[3])
        let elementSize: Int
        switch type {
        case 0x08, 0x09: elementSize = 1
        case 0x0B: elementSize = 2
        case 0x0C, 0x0D: elementSize = 4
        case 0x0E: elementSize = 8
        default: throw DataError.malformed(file: name, reason: "unknown IDX element type 0x\(String(type, radix: 16))")
        }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DataError.malformed(file: name, reason: "header announces \(rank) dimensions but the file ends early")
        }
        let shape = (0..<rank).map { axis -> Int in
            let offset = 4 + 4 * axis
            return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        }
        let count = shape.reduce(1, *)
        guard bytes.count == headerSize + count * elementSize else {
            throw DataError.malformed(file: name, reason: "shape \(shape) needs \(count * elementSize) bytes of data, found \(bytes.count - headerSize)")
        }
        var scalars = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let offset = headerSize + i * elementSize
            switch type {
            case 0x08: scalars[i] = Float(bytes[offset])
            case 0x09: scalars[i] = Float(Int8(bitPattern: bytes[offset]))
            case 0x0B: scalars[i] = Float(Int16(bitPattern: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])))
            case 0x0C: scalars[i] = Float(Int32(bitPattern: bigEndian32(bytes, offset)))
            case 0x0D: scalars[i] = Float(bitPattern: bigEndian32(bytes, offset))
            default: scalars[i] = Float(Double(bitPattern: UInt64(bigEndian32(bytes, offset)) << 32 | UInt64(bigEndian32(bytes, offset + 4))))
            }
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    private static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
