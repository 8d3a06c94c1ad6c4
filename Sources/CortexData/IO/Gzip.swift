import CZlib
import Foundation

/// Gzip decompression through the system zlib.
public enum Gzip {
    /// The decompressed bytes of a gzip (or zlib) stream.
    public static func decompress(_ data: Data, name: String = "gzip data") throws -> Data {
        var stream = z_stream()
        // 32 + MAX_WBITS: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 32 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.malformed(file: name, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = Z_OK
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                try chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw DataError.malformed(file: name, reason: "corrupt compressed data (zlib status \(status))")
                    }
                    output.append(buffer.baseAddress!, count: chunkSize - Int(stream.avail_out))
                }
                if status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0 {
                    throw DataError.malformed(file: name, reason: "compressed data ends early")
                }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// Reads a file, decompressing it when its name ends in `.gz`.
    public static func contentsOfFile(at url: URL) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(path: url.path) }
        let data = try Data(contentsOf: url)
        return url.pathExtension == "gz" ? try decompress(data, name: url.lastPathComponent) : data
    }
}
