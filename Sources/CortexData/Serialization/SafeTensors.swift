import Cortex
import Foundation

/// Named tensors in Hugging Face's safetensors format, the weight format PyTorch, JAX and Keras
/// tooling read: an 8-byte little-endian header length, a JSON header mapping each name to its
/// `dtype`, `shape` and `data_offsets` (plus an optional `__metadata__` map of strings), padded
/// with spaces to a multiple of 8 bytes, then the raw little-endian data.
///
/// Cortex writes F32. Reading accepts every integer and float type of the format except the
/// 8-bit floats, converting to Float; each header field is checked before any data is touched,
/// so a damaged or hostile file throws `SafeTensorsError` instead of crashing or allocating
/// more than its own size.
public struct SafeTensors: Equatable {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// Free-form strings stored in the header's `__metadata__`.
    public var metadata: [String: String]

    /// The largest header the format allows.
    public static let maximumHeaderLength: UInt64 = 100_000_000

    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    // MARK: - Writing

    /// The file's bytes: tensors in name order, F32, the header padded with spaces to 8 bytes.
    public func serialized() -> Data {
        let names = tensors.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(Self.quoted($0)):\(Self.quoted(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let end = offset + tensor.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(Self.quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { scalars in
                #if _endian(little)
                data.append(scalars)
                #else
                for value in scalars {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
                }
                #endif
            }
        }
        return data
    }

    /// Writes the file crash-safely (a temporary file renamed into place).
    public func write(to url: URL) throws {
        do {
            try AtomicFile.write(serialized(), to: url)
        } catch let DataError.unwritable(path, reason) {
            throw SafeTensorsError.io(path: path, reason: reason)
        }
    }

    /// A JSON string literal.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: - Reading

    /// Reads and validates a file.
    public static func read(from url: URL) throws -> SafeTensors {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafeTensorsError.io(path: url.path, reason: error.localizedDescription)
        }
        return try SafeTensors(data: data)
    }

    /// Parses and validates the bytes of a file.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw SafeTensorsError.headerTooSmall(fileSize: bytes.count) }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= Self.maximumHeaderLength else { throw SafeTensorsError.headerTooLarge(length: length) }
        guard 8 + Int(length) <= bytes.count else {
            throw SafeTensorsError.invalidHeaderLength(length: length, fileSize: bytes.count)
        }
        let headerEnd = 8 + Int(length)
        guard length >= 2, bytes[8] == UInt8(ascii: "{") else {
            throw SafeTensorsError.invalidHeader(reason: "it must be a JSON object starting with '{'")
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[8..<headerEnd]))
        } catch let error as SafeTensorsError {
            throw error
        } catch {
            throw SafeTensorsError.invalidHeader(reason: Self.describe(error))
        }
        let dataStart = headerEnd
        let dataCount = bytes.count - dataStart
        var expectedStart = 0
        var tensors: [String: Tensor] = [:]
        for (name, entry) in header.entries.sorted(by: { ($0.value.begin, $0.key) < ($1.value.begin, $1.key) }) {
            guard let type = ElementType(rawValue: entry.dtype) else {
                if ["F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64"].contains(entry.dtype) {
                    throw SafeTensorsError.unsupportedDtype(tensor: name, dtype: entry.dtype)
                }
                throw SafeTensorsError.invalidTensor(tensor: name, reason: "unknown dtype \(entry.dtype)")
            }
            guard entry.begin <= entry.end else {
                throw SafeTensorsError.invalidOffsets(tensor: name, reason: "begin \(entry.begin) is after end \(entry.end)")
            }
            guard entry.begin == UInt64(expectedStart) else {
                throw SafeTensorsError.invalidOffsets(tensor: name, reason: "starts at \(entry.begin), expected \(expectedStart) (ranges must follow each other without gaps or overlaps)")
            }
            guard entry.end <= UInt64(dataCount) else {
                throw SafeTensorsError.invalidOffsets(tensor: name, reason: "ends at \(entry.end), past the \(dataCount) data bytes")
            }
            var elements: UInt64 = 1
            for extent in entry.shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: extent)
                guard !overflow, product <= UInt64(Int.max) else {
                    throw SafeTensorsError.invalidTensor(tensor: name, reason: "shape \(entry.shape) overflows")
                }
                elements = product
            }
            let (byteCount, overflow) = elements.multipliedReportingOverflow(by: UInt64(type.size))
            guard !overflow, byteCount == entry.end - entry.begin else {
                throw SafeTensorsError.invalidTensor(
                    tensor: name, reason: "shape \(entry.shape) of \(entry.dtype) needs \(overflow ? "more than 2^64" : String(byteCount)) bytes, data_offsets give \(entry.end - entry.begin)")
            }
            let start = dataStart + Int(entry.begin)
            let scalars = Self.floats(bytes, from: start, count: Int(elements), type: type)
            tensors[name] = Tensor(shape: entry.shape.map { Int($0) }, scalars: scalars)
            expectedStart = Int(entry.end)
        }
        guard expectedStart == dataCount else {
            throw SafeTensorsError.incompleteBuffer(expected: expectedStart, actual: dataCount)
        }
        self.init(tensors: tensors, metadata: header.metadata)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): missing \(key.stringValue)"
        default: return "\(error)"
        }
    }

    /// The element types of the format that convert to Float.
    private enum ElementType: String {
        case bool = "BOOL", u8 = "U8", i8 = "I8", u16 = "U16", i16 = "I16", f16 = "F16", bf16 = "BF16"
        case u32 = "U32", i32 = "I32", f32 = "F32", u64 = "U64", i64 = "I64", f64 = "F64"

        var size: Int {
            switch self {
            case .bool, .u8, .i8: return 1
            case .u16, .i16, .f16, .bf16: return 2
            case .u32, .i32, .f32: return 4
            case .u64, .i64, .f64: return 8
            }
        }
    }

    /// `count` little-endian values of `type` from `start`, as Floats.
    private static func floats(_ bytes: [UInt8], from start: Int, count: Int, type: ElementType) -> [Float] {
        #if _endian(little)
        if type == .f32 {
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count * 4)]))
                }
                initialized = count
            }
        }
        #endif
        return bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + start
            func load<T: FixedWidthInteger>(_: T.Type, _ index: Int) -> T {
                T(littleEndian: (base + index * MemoryLayout<T>.size).loadUnaligned(as: T.self))
            }
            return (0..<count).map { index in
                switch type {
                case .bool: return load(UInt8.self, index) == 0 ? 0 : 1
                case .u8: return Float(load(UInt8.self, index))
                case .i8: return Float(load(Int8.self, index))
                case .u16: return Float(load(UInt16.self, index))
                case .i16: return Float(load(Int16.self, index))
                case .f16: return halfToFloat(load(UInt16.self, index))
                case .bf16: return Float(bitPattern: UInt32(load(UInt16.self, index)) << 16)
                case .u32: return Float(load(UInt32.self, index))
                case .i32: return Float(load(Int32.self, index))
                case .f32: return Float(bitPattern: load(UInt32.self, index))
                case .u64: return Float(load(UInt64.self, index))
                case .i64: return Float(load(Int64.self, index))
                case .f64: return Float(Double(bitPattern: load(UInt64.self, index)))
                }
            }
        }
    }

    /// IEEE half precision to single, subnormals, infinities and NaNs included.
    private static func halfToFloat(_ half: UInt16) -> Float {
        let sign = UInt32(half >> 15) << 31
        let exponent = UInt32(half >> 10) & 0x1F
        let mantissa = UInt32(half) & 0x3FF
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }

    /// The JSON header: tensor entries by name and the optional metadata.
    private struct Header: Decodable {
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]

        struct Entry: Decodable {
            let dtype: String
            let shape: [UInt64]
            let begin: UInt64
            let end: UInt64

            enum CodingKeys: String, CodingKey { case dtype, shape, dataOffsets = "data_offsets" }

            init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                dtype = try container.decode(String.self, forKey: .dtype)
                shape = try container.decode([UInt64].self, forKey: .shape)
                let offsets = try container.decode([UInt64].self, forKey: .dataOffsets)
                guard offsets.count == 2 else {
                    throw DecodingError.dataCorruptedError(forKey: .dataOffsets, in: container,
                                                           debugDescription: "expected [begin, end], got \(offsets.count) numbers")
                }
                begin = offsets[0]
                end = offsets[1]
            }
        }

        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for key in container.allKeys {
                if key.stringValue == "__metadata__" {
                    metadata = try container.decode([String: String].self, forKey: key)
                } else {
                    entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
                }
            }
        }
    }
}
