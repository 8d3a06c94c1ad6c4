import CImageCodecs
import Cortex
import Foundation

/// PNG and JPEG bytes to and from image tensors `[height, width, channels]` holding 0...255.
///
/// Decoding goes through libpng's simplified API and libjpeg-turbo; a corrupt, truncated or
/// unsupported file throws `DataError.malformed` naming it, never stops the process.
public enum ImageCodec {
    /// Decodes PNG or JPEG bytes (told apart by their signature) into `[height, width,
    /// colorMode.channels]`. Colour becomes grey with PIL's weights (`L = 0.299 R + 0.587 G +
    /// 0.114 B`), RGBA becomes RGB by dropping alpha, and RGB gains an opaque alpha, as Keras'
    /// `load_img` converts through PIL.
    public static func decode(_ data: Data, name: String = "image data", colorMode: ImageColorMode = .rgb) throws -> Tensor {
        var decoded = cortex_decoded_image()
        let succeeded: Int32 = try data.withUnsafeBytes { bytes in
            guard let format = ImageFormat(signature: bytes) else {
                throw DataError.malformed(file: name, reason: "not a PNG or JPEG file (unknown signature)")
            }
            let start = bytes.bindMemory(to: UInt8.self).baseAddress
            return format == .png ? cortex_png_decode(start, bytes.count, &decoded)
                                  : cortex_jpeg_decode(start, bytes.count, &decoded)
        }
        guard succeeded == 1, let pixels = decoded.pixels else {
            let reason = withUnsafeBytes(of: decoded.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw DataError.malformed(file: name, reason: "cannot decode image: \(reason)")
        }
        defer { cortex_image_free(pixels) }
        let (height, width, sourceChannels) = (Int(decoded.height), Int(decoded.width), Int(decoded.channels))
        let channels = colorMode.channels
        var image = Tensor(repeating: 0, shape: [height, width, channels])
        image.withUnsafeMutableBufferPointer { out in
            for p in 0..<(height * width) {
                let source = pixels + p * sourceChannels
                let target = p * channels
                switch colorMode {
                case .grayscale:
                    let luma = (UInt32(source[0]) * 19595 + UInt32(source[1]) * 38470 + UInt32(source[2]) * 7471 + 0x8000) >> 16
                    out[target] = Float(luma)
                case .rgb, .rgba:
                    for c in 0..<3 { out[target + c] = Float(source[c]) }
                    if colorMode == .rgba { out[target + 3] = sourceChannels == 4 ? Float(source[3]) : 255 }
                }
            }
        }
        return image
    }

    /// Encodes `[height, width, channels]` (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA; JPEG takes 1
    /// or 3) whose values are 0...255: they are rounded and clamped to bytes.
    public static func encode(_ image: Tensor, format: ImageFormat) throws -> Data {
        guard image.rank == 3, image.shape[0] >= 1, image.shape[1] >= 1, (1...4).contains(image.shape[2]) else {
            throw DataError.invalidArgument(name: "image", reason: "expected [height, width, channels] with 1 to 4 channels, got \(image.shape)")
        }
        let bytes = image.withUnsafeBufferPointer { values in
            values.map { UInt8(Swift.min(Swift.max($0.rounded(), 0), 255)) }
        }
        return try encode(pixels: bytes, width: image.shape[1], height: image.shape[0], channels: image.shape[2], format: format)
    }

    /// Encodes 8-bit pixels, row-major with `channels` bytes a pixel — the one image writer
    /// behind image files, plots and TensorBoard image summaries.
    public static func encode(pixels bytes: [UInt8], width: Int, height: Int, channels: Int, format: ImageFormat) throws -> Data {
        guard width >= 1, height >= 1, (1...4).contains(channels), bytes.count == width * height * channels else {
            throw DataError.invalidArgument(name: "pixels", reason: "expected \(width)×\(height)×\(channels) bytes with 1 to 4 channels, got \(bytes.count)")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let succeeded: Int32 = bytes.withUnsafeBufferPointer { pixels in
            switch format {
            case .png:
                return cortex_png_encode(pixels.baseAddress, Int32(width), Int32(height), Int32(channels), &output, &size, &message, message.count)
            case .jpeg(let quality):
                return cortex_jpeg_encode(pixels.baseAddress, Int32(width), Int32(height), Int32(channels), Int32(quality),
                                          &output, &size, &message, message.count)
            }
        }
        guard succeeded == 1, let output else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw DataError.invalidArgument(name: "image", reason: "cannot encode as \(format): \(reason)")
        }
        defer { cortex_image_free(output) }
        return Data(bytes: output, count: size)
    }
}
