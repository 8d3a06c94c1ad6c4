import Cortex
import Foundation

/// Real-time image augmentation and normalisation with Keras' `ImageDataGenerator` arguments,
/// defaults and order of operations: random rotation, shift, shear, zoom and flips (resampled
/// once per image through one composed affine map), channel shift and brightness, then
/// `standardize` (preprocessing function, rescale, samplewise and featurewise normalisation).
///
/// `flow` and `flowFromDirectory` turn it into a `Dataset<Example>` of batches for `fit`.
///
/// Where Keras' legacy code disagrees with its own documentation, Cortex follows the
/// documentation: `widthShiftRange` moves pictures horizontally and `heightShiftRange`
/// vertically (Keras swaps the two), and non-square images turn about their true centre. ZCA
/// whitening is not provided.
public final class ImageDataGenerator {
    public let featurewiseCenter: Bool
    public let samplewiseCenter: Bool
    public let featurewiseStdNormalization: Bool
    public let samplewiseStdNormalization: Bool
    /// Degrees; angles are drawn uniformly in `[-rotationRange, rotationRange)`.
    public let rotationRange: Double
    public let widthShiftRange: ShiftRange
    public let heightShiftRange: ShiftRange
    /// Brightness factors drawn uniformly between the bounds, applied like PIL's `ImageEnhance.Brightness`.
    public let brightnessRange: (lower: Float, upper: Float)?
    /// Shear angle range in degrees (counter-clockwise).
    public let shearRange: Double
    public let zoomRange: ZoomRange
    public let channelShiftRange: Float
    /// How pixels that come from outside the image are filled (Keras' `fill_mode`, scipy's definitions).
    public let fillMode: ImageFillMode
    /// The value `fillMode: .constant` fills with.
    public let cval: Float
    public let horizontalFlip: Bool
    public let verticalFlip: Bool
    /// A factor every image is multiplied by (after augmentation), e.g. `1 / 255`.
    public let rescale: Float?
    /// Runs on each image `[height, width, channels]` after augmentation, before the rest of `standardize`.
    public let preprocessingFunction: ((Tensor) -> Tensor)?
    /// The fraction of images `subset: .validation` takes (the first ones, as Keras).
    public let validationSplit: Double
    /// Keras' `interpolation_order`: 0 nearest, 1 bilinear.
    public let interpolation: ImageInterpolation

    /// Per-channel mean `[1, 1, channels]` learnt by `fit`.
    public private(set) var mean: Tensor?
    /// Per-channel standard deviation `[1, 1, channels]` learnt by `fit`.
    public private(set) var std: Tensor?

    /// Builds a generator; throws `DataError.invalidArgument` naming a bad argument. As in Keras,
    /// a standard-deviation normalisation also turns on the matching centring.
    public init(featurewiseCenter: Bool = false, samplewiseCenter: Bool = false,
                featurewiseStdNormalization: Bool = false, samplewiseStdNormalization: Bool = false,
                rotationRange: Double = 0, widthShiftRange: ShiftRange = 0.0, heightShiftRange: ShiftRange = 0.0,
                brightnessRange: (lower: Float, upper: Float)? = nil, shearRange: Double = 0,
                zoomRange: ZoomRange = 0.0, channelShiftRange: Float = 0, fillMode: ImageFillMode = .nearest,
                cval: Float = 0, horizontalFlip: Bool = false, verticalFlip: Bool = false, rescale: Float? = nil,
                preprocessingFunction: ((Tensor) -> Tensor)? = nil, validationSplit: Double = 0,
                interpolation: ImageInterpolation = .bilinear) throws {
        guard validationSplit == 0 || (validationSplit > 0 && validationSplit < 1) else {
            throw DataError.invalidArgument(name: "validationSplit", reason: "must be strictly between 0 and 1, got \(validationSplit)")
        }
        guard rotationRange >= 0, shearRange >= 0, channelShiftRange >= 0 else {
            throw DataError.invalidArgument(name: "rotationRange/shearRange/channelShiftRange",
                                            reason: "must not be negative, got \(rotationRange), \(shearRange), \(channelShiftRange)")
        }
        guard zoomRange.lower <= zoomRange.upper else {
            throw DataError.invalidArgument(name: "zoomRange", reason: "lower bound \(zoomRange.lower) is above upper bound \(zoomRange.upper)")
        }
        if let range = brightnessRange, !(range.lower <= range.upper) {
            throw DataError.invalidArgument(name: "brightnessRange", reason: "lower bound \(range.lower) is above upper bound \(range.upper)")
        }
        for (name, range) in [("widthShiftRange", widthShiftRange), ("heightShiftRange", heightShiftRange)] {
            if case .choices(let values) = range, values.isEmpty {
                throw DataError.invalidArgument(name: name, reason: "needs at least one value to choose from")
            }
        }
        self.featurewiseCenter = featurewiseCenter || featurewiseStdNormalization
        self.samplewiseCenter = samplewiseCenter || samplewiseStdNormalization
        self.featurewiseStdNormalization = featurewiseStdNormalization
        self.samplewiseStdNormalization = samplewiseStdNormalization
        self.rotationRange = rotationRange
        self.widthShiftRange = widthShiftRange
        self.heightShiftRange = heightShiftRange
        self.brightnessRange = brightnessRange
        self.shearRange = shearRange
        self.zoomRange = zoomRange
        self.channelShiftRange = channelShiftRange
        self.fillMode = fillMode
        self.cval = cval
        self.horizontalFlip = horizontalFlip
        self.verticalFlip = verticalFlip
        self.rescale = rescale
        self.preprocessingFunction = preprocessingFunction
        self.validationSplit = validationSplit
        self.interpolation = interpolation
    }

    // MARK: - Random transforms

    /// Random augmentation parameters for an image of `shape` `[height, width, channels]`, drawn
    /// from `RandomGenerator(seed:)` when a seed is given (the same seed, the same parameters),
    /// else from the global generator (`Random.seed`).
    public func randomTransform(for shape: [Int], seed: UInt64? = nil) -> ImageTransformParameters {
        if let seed {
            var generator = RandomGenerator(seed: seed)
            return randomTransform(for: shape, using: &generator)
        }
        return Random.withGenerator { randomTransform(for: shape, using: &$0) }
    }

    /// Random augmentation parameters drawn from `generator`.
    public func randomTransform(for shape: [Int], using generator: inout RandomGenerator) -> ImageTransformParameters {
        precondition(shape.count == 3, "ImageDataGenerator.randomTransform: expected an image shape [height, width, channels], got \(shape)")
        func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * generator.nextUniformDouble() }
        var parameters = ImageTransformParameters()
        if rotationRange != 0 { parameters.theta = uniform(-rotationRange, rotationRange) }
        parameters.tx = widthShiftRange.draw(extent: shape[1], using: &generator)
        parameters.ty = heightShiftRange.draw(extent: shape[0], using: &generator)
        if shearRange != 0 { parameters.shear = uniform(-shearRange, shearRange) }
        if zoomRange.lower != 1 || zoomRange.upper != 1 {
            parameters.zx = uniform(zoomRange.lower, zoomRange.upper)
            parameters.zy = uniform(zoomRange.lower, zoomRange.upper)
        }
        parameters.flipHorizontal = generator.nextUniformDouble() < 0.5 && horizontalFlip
        parameters.flipVertical = generator.nextUniformDouble() < 0.5 && verticalFlip
        if channelShiftRange != 0 {
            parameters.channelShiftIntensity = Float(uniform(-Double(channelShiftRange), Double(channelShiftRange)))
        }
        if let range = brightnessRange {
            parameters.brightness = Float(uniform(Double(range.lower), Double(range.upper)))
        }
        return parameters
    }

    /// `image` `[height, width, channels]` transformed by `parameters` (Keras' `apply_transform`).
    public func applyTransform(_ image: Tensor, _ parameters: ImageTransformParameters) -> Tensor {
        precondition(image.rank == 3, "ImageDataGenerator.applyTransform: expected an image [height, width, channels], got \(image.shape)")
        let batch = applyTransforms(image.reshaped(to: [1] + image.shape), [parameters])
        return batch.reshaped(to: image.shape)
    }

    /// A random augmentation of `image` (Keras' `random_transform`).
    public func randomTransform(_ image: Tensor, seed: UInt64? = nil) -> Tensor {
        applyTransform(image, randomTransform(for: image.shape, seed: seed))
    }

    /// Each image of `batch` `[n, height, width, channels]` transformed by its parameters, the
    /// geometric parts in one parallel resampling pass.
    func applyTransforms(_ batch: Tensor, _ parameters: [ImageTransformParameters]) -> Tensor {
        let (height, width, channels) = (batch.shape[1], batch.shape[2], batch.shape[3])
        let maps = parameters.map { $0.affineTransform(height: height, width: width) }
        var result = batch
        if maps.contains(where: { $0 != nil }) {
            result = batch.affineTransformed(maps.map { $0 ?? .identity }, interpolation: interpolation,
                                             fillMode: fillMode, fillValue: cval)
        }
        guard parameters.contains(where: { $0.channelShiftIntensity != nil || $0.brightness != nil }) else { return result }
        let imageSize = height * width * channels
        result.withUnsafeMutableBufferPointer { values in
            for (index, parameter) in parameters.enumerated() {
                let image = UnsafeMutableBufferPointer(rebasing: values[(index * imageSize)..<((index + 1) * imageSize)])
                if let intensity = parameter.channelShiftIntensity { Self.shiftChannels(image, by: intensity) }
                if let factor = parameter.brightness { Self.adjustBrightness(image, factor: factor, channels: channels) }
            }
        }
        return result
    }

    /// Keras' `apply_channel_shift`: every value plus `intensity`, clipped to the image's range.
    private static func shiftChannels(_ image: UnsafeMutableBufferPointer<Float>, by intensity: Float) {
        guard let low = image.min(), let high = image.max() else { return }
        for i in image.indices { image[i] = Swift.min(Swift.max(image[i] + intensity, low), high) }
    }

    /// Keras' `apply_brightness_shift(x, brightness, scale=False)`: through 8-bit pixels (values
    /// outside 0...255 are first stretched into it and back afterwards), each multiplied by
    /// `factor` and truncated as PIL's `ImageEnhance.Brightness` does; alpha is kept.
    private static func adjustBrightness(_ image: UnsafeMutableBufferPointer<Float>, factor: Float, channels: Int) {
        guard let low = image.min(), let high = image.max() else { return }
        let stretch = low < 0 || high > 255
        let span = high - low
        for i in image.indices where !(channels == 4 && i % 4 == 3) {
            var byte = stretch ? (span == 0 ? 0 : (image[i] - low) / span * 255) : image[i]
            byte = Swift.min(Swift.max(byte.rounded(.towardZero), 0), 255)
            var brightened = byte * factor
            brightened = brightened <= 0 ? 0 : brightened >= 255 ? 255 : brightened.rounded(.towardZero)
            image[i] = stretch ? brightened / 255 * span + low : brightened
        }
    }

    // MARK: - Normalisation

    /// The normalisation part of the pipeline on one image `[height, width, channels]`, in
    /// Keras' order: `preprocessingFunction`, `rescale`, samplewise centring and scaling (over
    /// the whole image), featurewise centring and scaling (with the statistics from `fit`; a
    /// warning if `fit` has not run).
    public func standardize(_ image: Tensor) -> Tensor {
        precondition(image.rank == 3, "ImageDataGenerator.standardize: expected an image [height, width, channels], got \(image.shape)")
        return standardizeBatch(image.reshaped(to: [1] + image.shape)).reshaped(to: image.shape)
    }

    /// `standardize` on each image of `[n, height, width, channels]`, the arithmetic done on the
    /// whole batch at once.
    func standardizeBatch(_ batch: Tensor) -> Tensor {
        var x = batch
        if let preprocessingFunction, batch.shape[0] > 0 {
            let imageShape = Array(batch.shape.dropFirst())
            x = Tensor.stack((0..<batch.shape[0]).map { index in
                preprocessingFunction(batch.gathering(indices: Tensor([Float(index)])).reshaped(to: imageShape))
            }, axis: 0)
        }
        if let rescale { x = x * rescale }
        let imageAxes = [1, 2, 3]
        if samplewiseCenter { x = x - x.mean(axes: imageAxes, keepDims: true) }
        if samplewiseStdNormalization {
            let centred = x - x.mean(axes: imageAxes, keepDims: true)
            x = x / ((centred * centred).mean(axes: imageAxes, keepDims: true).sqrt() + 1e-6)
        }
        if featurewiseCenter {
            if let mean { x = x - mean } else { DataWarnings.warn("ImageDataGenerator specifies featurewiseCenter but has not been fit on any training data; call fit(_:) first") }
        }
        if featurewiseStdNormalization {
            if let std { x = x / (std + 1e-6) } else { DataWarnings.warn("ImageDataGenerator specifies featurewiseStdNormalization but has not been fit on any training data; call fit(_:) first") }
        }
        return x
    }

    /// Learns the per-channel mean and standard deviation that featurewise normalisation uses,
    /// from images `[n, height, width, channels]` (rescaled first, as Keras). With `augment`,
    /// statistics come from `rounds` randomly augmented copies instead.
    public func fit(_ x: Tensor, augment: Bool = false, rounds: Int = 1, seed: UInt64? = nil) throws {
        guard x.rank == 4, x.shape[0] > 0 else {
            throw DataError.invalidArgument(name: "x", reason: "expected images [n, height, width, channels], got \(x.shape)")
        }
        guard rounds >= 1 else { throw DataError.invalidArgument(name: "rounds", reason: "expected at least 1, got \(rounds)") }
        var data = x
        if let rescale { data = data * rescale }
        if augment {
            var generator = RandomGenerator(seed: seed ?? Random.nextSeed())
            let imageShape = Array(x.shape.dropFirst())
            data = Tensor.concatenate((0..<rounds).map { _ in
                applyTransforms(data, (0..<x.shape[0]).map { _ in randomTransform(for: imageShape, using: &generator) })
            }, axis: 0)
        }
        let channels = x.shape[3]
        let pixels = data.reshaped(to: [-1, channels])
        if featurewiseCenter {
            let channelMean = pixels.mean(axis: 0)
            mean = channelMean.reshaped(to: [1, 1, channels])
            if featurewiseStdNormalization {
                let centred = pixels - channelMean
                std = (centred * centred).mean(axis: 0).sqrt().reshaped(to: [1, 1, channels])
            }
        }
    }
}
