import Cortex
import Foundation

/// Reads a PNG or JPEG file into `[height, width, channels]` with values 0...255, like Keras'
/// `load_img` followed by `img_to_array`.
///
/// With `targetSize` the image is resized to (height, width) with `interpolation` (Keras'
/// default `nearest`); with `keepAspectRatio` the largest centred window of the target's aspect
/// ratio is cut out first, so the picture is not stretched.
public func loadImage(_ url: URL, colorMode: ImageColorMode = .rgb, targetSize: (height: Int, width: Int)? = nil,
                      interpolation: ImageInterpolation = .nearest, keepAspectRatio: Bool = false) throws -> Tensor {
    guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(path: url.path) }
    let image = try ImageCodec.decode(try Data(contentsOf: url), name: url.path, colorMode: colorMode)
    guard let (height, width) = targetSize else { return image }
    guard height >= 1, width >= 1 else {
        throw DataError.invalidArgument(name: "targetSize", reason: "expected a positive size, got \(height) x \(width)")
    }
    if image.shape[0] == height, image.shape[1] == width { return image }
    let batch = image.reshaped(to: [1] + image.shape)
    let resized = batch.resizedImages(height: height, width: width, interpolation: interpolation,
                                      cropToAspectRatio: keepAspectRatio)
    return resized.reshaped(to: [height, width, image.shape[2]])
}

/// Writes `[height, width, channels]` (1, 3 or 4 channels; 2 for PNG) as PNG or JPEG, chosen by
/// `format` or else by the file's extension, like Keras' `save_img`. With `scale` (Keras'
/// default) values are first stretched so the smallest becomes 0 and the largest 255; without
/// it they are taken as 0...255. The file is written whole or not at all.
public func saveImage(_ image: Tensor, to url: URL, format: ImageFormat? = nil, scale: Bool = true) throws {
    guard let format = format ?? ImageFormat(pathExtension: url.pathExtension) else {
        throw DataError.invalidArgument(name: "format", reason: "cannot tell the format of \(url.lastPathComponent); name it .png or .jpg or pass format:")
    }
    let data = try ImageCodec.encode(scale ? stretchedToBytes(image) : image, format: format)
    try data.write(to: url, options: .atomic)
}

/// Writes a batch `[n, height, width, channels]` as one PNG or JPEG grid of `columns` images
/// per row (by default the smallest square that holds them) separated by `padding` black
/// pixels: a quick look at what an augmentation pipeline feeds a model. Values are stretched to
/// 0...255 over the whole batch when `scale` is true.
public func saveImageGrid(_ images: Tensor, to url: URL, columns: Int? = nil, padding: Int = 2,
                          format: ImageFormat? = nil, scale: Bool = true) throws {
    let grid = try imageGrid(scale ? stretchedToBytes(images) : images, columns: columns, padding: padding)
    try saveImage(grid, to: url, format: format, scale: false)
}

/// The images of `[n, height, width, channels]` laid out in rows of `columns`, `padding` zeros
/// between and around them: `[rows · (height + padding) + padding, columns · (width + padding) +
/// padding, channels]`.
public func imageGrid(_ images: Tensor, columns: Int? = nil, padding: Int = 2) throws -> Tensor {
    guard images.rank == 4, images.shape[0] >= 1 else {
        throw DataError.invalidArgument(name: "images", reason: "expected a batch [n, height, width, channels] of at least one image, got \(images.shape)")
    }
    let (count, height, width, channels) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
    let columns = columns ?? Int(Double(count).squareRoot().rounded(.up))
    guard columns >= 1 else { throw DataError.invalidArgument(name: "columns", reason: "expected at least 1, got \(columns)") }
    guard padding >= 0 else { throw DataError.invalidArgument(name: "padding", reason: "expected 0 or more, got \(padding)") }
    let rows = (count + columns - 1) / columns
    let gridHeight = rows * (height + padding) + padding, gridWidth = columns * (width + padding) + padding
    var grid = Tensor(repeating: 0, shape: [gridHeight, gridWidth, channels])
    images.withUnsafeBufferPointer { source in
        grid.withUnsafeMutableBufferPointer { target in
            for index in 0..<count {
                let top = padding + (index / columns) * (height + padding)
                let left = padding + (index % columns) * (width + padding)
                for y in 0..<height {
                    let from = ((index * height + y) * width) * channels
                    let to = ((top + y) * gridWidth + left) * channels
                    for k in 0..<(width * channels) { target[to + k] = source[from + k] }
                }
            }
        }
    }
    return grid
}

/// Values mapped linearly so that the smallest is 0 and the largest 255 (Keras' `array_to_img`
/// with `scale=True`); a constant image becomes 0.
private func stretchedToBytes(_ image: Tensor) -> Tensor {
    let values = image.scalars
    guard let low = values.min(), let high = values.max(), high > low else { return Tensor(repeating: 0, shape: image.shape) }
    let factor = 255 / (high - low)
    return Tensor(shape: image.shape, scalars: values.map { ($0 - low) * factor })
}
