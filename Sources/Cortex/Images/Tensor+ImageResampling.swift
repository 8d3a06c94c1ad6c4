/// Geometric resampling of NHWC image batches: the one kernel behind `ImageDataGenerator`'s
/// augmentation, the Keras 3 preprocessing layers and image resizing. Differentiable with
/// respect to the images (the maps are constants), so `Resizing` may sit inside a model.
extension Tensor {
    /// Checks that `shape` is a batch of images `[batch, height, width, channels]` and that
    /// `transforms` has one map per image (or one for all).
    public static func affineTransformedShape(input shape: [Int], transformCount: Int,
                                              outputHeight: Int, outputWidth: Int) throws -> [Int] {
        guard shape.count == 4, shape.allSatisfy({ $0 >= 0 }) else {
            throw ShapeError(op: "affineTransformed", "expected images [batch, height, width, channels], got \(shape)")
        }
        guard transformCount == 1 || transformCount == shape[0] else {
            throw ShapeError(op: "affineTransformed", "expected 1 or \(shape[0]) transforms (one per image), got \(transformCount)")
        }
        guard outputHeight >= 1, outputWidth >= 1 else {
            throw ShapeError(op: "affineTransformed", "expected a positive output size, got \(outputHeight) x \(outputWidth)")
        }
        guard shape[1] >= 1, shape[2] >= 1 || shape[0] == 0 else {
            throw ShapeError(op: "affineTransformed", "expected images of at least 1 x 1 pixel, got \(shape)")
        }
        return [shape[0], outputHeight, outputWidth, shape[3]]
    }

    /// Each image of `[batch, height, width, channels]` resampled through its own affine map
    /// (`transforms[i]` sends output coordinates to source coordinates; a single map serves the
    /// whole batch), with scipy.ndimage's interpolation and fill modes. The output is
    /// `outputHeight` × `outputWidth` (the input's size by default). Images run in parallel.
    public func affineTransformed(_ transforms: [AffineTransform], outputHeight: Int? = nil, outputWidth: Int? = nil,
                                  interpolation: ImageInterpolation = .bilinear,
                                  fillMode: ImageFillMode = .constant, fillValue: Float = 0) -> Tensor {
        let height = outputHeight ?? (rank == 4 ? shape[1] : 0), width = outputWidth ?? (rank == 4 ? shape[2] : 0)
        _ = validated {
            try Tensor.affineTransformedShape(input: shape, transformCount: transforms.count,
                                              outputHeight: height, outputWidth: width)
        }
        let perImage = transforms.count == 1 ? Array(repeating: transforms[0], count: shape[0]) : transforms
        let result = AffineResamplingKernels.resample(self, transforms: perImage, outputHeight: height, outputWidth: width,
                                                      interpolation: interpolation, fillMode: fillMode, fillValue: fillValue)
        let inputShape = shape
        return Tensor.record("affineTransformed", result, input: self) { gradient in
            AffineResamplingKernels.resampleBackward(gradient, inputShape: inputShape, transforms: perImage,
                                                     interpolation: interpolation, fillMode: fillMode)
        }
    }

    /// Images resized to `height` × `width` with half-pixel centres (source coordinate
    /// `(out + 0.5) · in / out − 0.5`), as `tf.image.resize` without antialiasing and Keras'
    /// `Resizing` compute it; `nearest` picks the pixel whose cell holds the output centre, as
    /// PIL's nearest resize does. With `cropToAspectRatio`, the largest centred window of the
    /// target's aspect ratio is resized instead of the whole image, so nothing is stretched.
    public func resizedImages(height: Int, width: Int, interpolation: ImageInterpolation = .bilinear,
                              cropToAspectRatio: Bool = false) -> Tensor {
        precondition(rank == 4, "resizedImages: expected images [batch, height, width, channels], got \(shape)")
        precondition(height >= 1 && width >= 1, "resizedImages: expected a positive size, got \(height) x \(width)")
        var (cropHeight, cropWidth, top, left) = (shape[1], shape[2], 0, 0)
        if cropToAspectRatio {
            cropHeight = Swift.max(Swift.min(shape[1], shape[2] * height / width), 1)
            cropWidth = Swift.max(Swift.min(shape[2], shape[1] * width / height), 1)
            top = (shape[1] - cropHeight) / 2
            left = (shape[2] - cropWidth) / 2
        }
        let scaleY = Double(cropHeight) / Double(height), scaleX = Double(cropWidth) / Double(width)
        let map = AffineTransform(a0: scaleX, a1: 0, a2: Double(left) + 0.5 * scaleX - 0.5,
                                  b0: 0, b1: scaleY, b2: Double(top) + 0.5 * scaleY - 0.5)
        return affineTransformed([map], outputHeight: height, outputWidth: width,
                                 interpolation: interpolation, fillMode: .nearest)
    }
}
