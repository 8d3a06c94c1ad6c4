import Foundation

/// Writes 8-bit images as PNG files, in pure Swift, for the packages that save pictures (plots,
/// TensorBoard image summaries).
///
/// Each row gets the PNG filter (none, sub or up) that leaves the smallest residuals; the
/// result is deflated with run-length matches and the fixed Huffman code. Plots and summaries
/// are mostly flat colour, so this keeps files small without a general-purpose compressor.
public enum PNGEncoder {
    /// The PNG file of a `width`×`height` image whose `pixels` hold `channels` bytes a pixel,
    /// row-major: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA.
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> Data {
        precondition((1...4).contains(channels), "PNGEncoder: channels must be 1 to 4, got \(channels)")
        precondition(width > 0 && height > 0 && pixels.count == width * height * channels,
                     "PNGEncoder: expected \(width)×\(height)×\(channels) bytes, got \(pixels.count)")
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        let colorType: UInt8 = [0, 4, 2, 6][channels - 1]
        header.append(contentsOf: [8, colorType, 0, 0, 0])  // 8 bits a sample, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlibCompress(filteredRows(pixels, width: width, height: height, channels: channels)), to: &png)
        appendChunk("IEND", Data(), to: &png)
        return png
    }

    /// The scanlines, each prefixed with the filter (none, sub or up) whose residuals, read as
    /// signed bytes, sum to the least magnitude: the usual heuristic.
    private static func filteredRows(_ image: [UInt8], width: Int, height: Int, channels: Int) -> [UInt8] {
        let stride = width * channels
        var output = [UInt8](repeating: 0, count: (stride + 1) * height)
        image.withUnsafeBufferPointer { pixels in
            output.withUnsafeMutableBufferPointer { out in
                let zeros = [UInt8](repeating: 0, count: stride)
                zeros.withUnsafeBufferPointer { zeroRow in
                    for row in 0..<height {
                        let current = UnsafeBufferPointer(rebasing: pixels[(row * stride)..<((row + 1) * stride)])
                        let above = row > 0 ? UnsafeBufferPointer(rebasing: pixels[((row - 1) * stride)..<(row * stride)]) : zeroRow
                        var sums = (none: 0, sub: 0, up: 0)
                        for index in 0..<stride {
                            let value = current[index]
                            sums.none += magnitude(value)
                            sums.sub += magnitude(index >= channels ? value &- current[index - channels] : value)
                            sums.up += magnitude(value &- above[index])
                        }
                        let filter: UInt8 = sums.none <= min(sums.sub, sums.up) ? 0 : sums.sub <= sums.up ? 1 : 2
                        var target = row * (stride + 1)
                        out[target] = filter
                        for index in 0..<stride {
                            target += 1
                            switch filter {
                            case 1: out[target] = index >= channels ? current[index] &- current[index - channels] : current[index]
                            case 2: out[target] = current[index] &- above[index]
                            default: out[target] = current[index]
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    @inline(__always)
    private static func magnitude(_ byte: UInt8) -> Int {
        byte < 128 ? Int(byte) : 256 - Int(byte)
    }

    /// A zlib stream of one final deflate block with the fixed Huffman code, where runs of
    /// a repeated byte become matches at distance 1.
    private static func zlibCompress(_ bytes: [UInt8]) -> Data {
        var bits = BitWriter()
        bits.write(0b1, count: 1)   // final block
        bits.write(0b01, count: 2)  // fixed Huffman codes
        var index = 0
        while index < bytes.count {
            var run = 0
            if index > 0 {
                while run < 258, index + run < bytes.count, bytes[index + run] == bytes[index - 1] { run += 1 }
            }
            if run >= 3 {
                writeLength(run, to: &bits)
                bits.writeHuffman(0, count: 5)  // distance code 0: distance 1
                index += run
            } else {
                writeLiteral(Int(bytes[index]), to: &bits)
                index += 1
            }
        }
        writeLiteral(256, to: &bits)  // end of block
        var stream = Data([0x78, 0x01])
        stream.append(contentsOf: bits.finished)
        stream.appendBigEndian(adler32(bytes))
        return stream
    }

    /// A literal/length symbol in the fixed Huffman code (RFC 1951, 3.2.6).
    private static func writeLiteral(_ symbol: Int, to bits: inout BitWriter) {
        switch symbol {
        case 0...143: bits.writeHuffman(0x30 + symbol, count: 8)
        case 144...255: bits.writeHuffman(0x190 + symbol - 144, count: 9)
        case 256...279: bits.writeHuffman(symbol - 256, count: 7)
        default: bits.writeHuffman(0xC0 + symbol - 280, count: 8)
        }
    }

    /// Match lengths 3...258: a length symbol and its extra bits.
    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

    private static func writeLength(_ length: Int, to bits: inout BitWriter) {
        let code = lengthBases.lastIndex { $0 <= length }!
        writeLiteral(257 + code, to: &bits)
        bits.write(UInt32(length - lengthBases[code]), count: lengthExtraBits[code])
    }

    private static func appendChunk(_ type: String, _ payload: Data, to png: inout Data) {
        png.appendBigEndian(UInt32(payload.count))
        let typed = Data(type.utf8) + payload
        png.append(typed)
        png.appendBigEndian(crc32(typed))
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    static func crc32(_ data: Data) -> UInt32 {
        ~data.reduce(~UInt32(0)) { crcTable[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for chunk in stride(from: 0, to: bytes.count, by: 5552) {
            for byte in bytes[chunk..<min(chunk + 5552, bytes.count)] {
                a += UInt32(byte)
                b += a
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }
}

/// Packs bits least-significant first, as deflate streams do.
private struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var filled: UInt64 = 0

    /// Writes the low `count` bits of `value`, least significant first (extra bits, headers).
    mutating func write(_ value: UInt32, count: Int) {
        buffer |= (UInt64(value) & ((1 << UInt64(count)) - 1)) << filled
        filled += UInt64(count)
        while filled >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            filled -= 8
        }
    }

    /// Writes a Huffman code of `count` bits, most significant first.
    mutating func writeHuffman(_ code: Int, count: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<count { reversed |= UInt32(code >> bit & 1) << UInt32(count - 1 - bit) }
        write(reversed, count: count)
    }

    /// The bytes written, a partly filled last byte included.
    var finished: [UInt8] { filled > 0 ? bytes + [UInt8(truncatingIfNeeded: buffer)] : bytes }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
