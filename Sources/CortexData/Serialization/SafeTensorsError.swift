/// Why bytes are not a valid safetensors file: which part, what was expected and what was found.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    /// Fewer than the 8 bytes of the header length.
    case headerTooSmall(fileSize: Int)
    /// A header length beyond the 100 MB the format allows.
    case headerTooLarge(length: UInt64)
    /// A header length that runs past the end of the file.
    case invalidHeaderLength(length: UInt64, fileSize: Int)
    /// A header that is not a JSON object of tensor entries (and `__metadata__` strings).
    case invalidHeader(reason: String)
    /// An element type this reader does not convert to Float (the 8-bit floats).
    case unsupportedDtype(tensor: String, dtype: String)
    /// A tensor whose shape, element size and byte range disagree.
    case invalidTensor(tensor: String, reason: String)
    /// Byte ranges with a gap, an overlap, or a start or end outside the data.
    case invalidOffsets(tensor: String, reason: String)
    /// Data bytes left over after the last tensor (a polyglot file) or missing before its end.
    case incompleteBuffer(expected: Int, actual: Int)
    /// A file that cannot be read or written.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .headerTooSmall(let size): return "safetensors: the file has \(size) bytes, fewer than the 8 of the header length"
        case .headerTooLarge(let length): return "safetensors: header length \(length) exceeds the 100000000 bytes allowed"
        case .invalidHeaderLength(let length, let size): return "safetensors: header length \(length) runs past the end of a \(size)-byte file"
        case .invalidHeader(let reason): return "safetensors: invalid header: \(reason)"
        case .unsupportedDtype(let tensor, let dtype): return "safetensors: tensor '\(tensor)' has dtype \(dtype), which cannot be read as Float"
        case .invalidTensor(let tensor, let reason): return "safetensors: tensor '\(tensor)': \(reason)"
        case .invalidOffsets(let tensor, let reason): return "safetensors: tensor '\(tensor)' data_offsets: \(reason)"
        case .incompleteBuffer(let expected, let actual): return "safetensors: the tensors cover \(expected) data bytes, the file holds \(actual)"
        case .io(let path, let reason): return "safetensors: \(path): \(reason)"
        }
    }
}
