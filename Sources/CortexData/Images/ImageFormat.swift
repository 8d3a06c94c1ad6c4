/// An image file format Cortex reads and writes (through libpng and libjpeg-turbo).
public enum ImageFormat: Equatable, Sendable {
    case png
    /// Baseline JPEG at `quality` 1...100 (writing only; reading accepts any JPEG libjpeg does).
    case jpeg(quality: Int)

    /// The format a file name's extension names (`.png`, `.jpg`, `.jpeg`, any case), or nil.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg(quality: 95)
        default: return nil
        }
    }

    /// The format the first bytes of a file announce, or nil for anything else.
    init?(signature bytes: UnsafeRawBufferPointer) {
        if bytes.count >= 8, bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.count >= 3, bytes.prefix(3).elementsEqual([0xFF, 0xD8, 0xFF]) {
            self = .jpeg(quality: 95)
        } else {
            return nil
        }
    }
}
