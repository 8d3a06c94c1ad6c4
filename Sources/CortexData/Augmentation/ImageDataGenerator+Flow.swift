import Cortex
import Foundation

extension ImageDataGenerator {
    /// Batches of augmented, standardized images from `x` `[n, height, width, channels]` with
    /// the matching rows of `y` (and `sampleWeight`), like Keras' `flow`: a `Dataset<Example>`
    /// for `fit`, one element per batch of `batchSize` (the last may be smaller).
    ///
    /// Each pass over the dataset is an epoch: shuffled anew (when `shuffle`) and augmented anew.
    /// With a `seed`, the sequence of passes is the same on every run; without one, the seed
    /// comes from the global generator (`Random.seed`). `subset` takes the first
    /// `validationSplit` of the samples (`.validation`) or the rest (`.training`); unless
    /// `ignoreClassSplit`, both parts must hold the same label values, as Keras checks.
    public func flow(_ x: Tensor, _ y: Tensor? = nil, batchSize: Int = 32, shuffle: Bool = true,
                     sampleWeight: Tensor? = nil, seed: UInt64? = nil, subset: DataSubset? = nil,
                     ignoreClassSplit: Bool = false) throws -> Dataset<Example> {
        guard x.rank == 4 else {
            throw DataError.invalidArgument(name: "x", reason: "expected images [n, height, width, channels], got \(x.shape)")
        }
        guard batchSize > 0 else { throw DataError.invalidArgument(name: "batchSize", reason: "must be positive, got \(batchSize)") }
        if let y, y.rank == 0 || y.shape[0] != x.shape[0] {
            throw DataError.invalidArgument(name: "y", reason: "expected \(x.shape[0]) rows like x \(x.shape), got \(y.shape)")
        }
        if let sampleWeight, sampleWeight.shape != [x.shape[0]] {
            throw DataError.invalidArgument(name: "sampleWeight", reason: "expected [\(x.shape[0])], got \(sampleWeight.shape)")
        }
        var rows = Array(0..<x.shape[0])
        if let subset {
            guard validationSplit > 0 else {
                throw DataError.invalidArgument(name: "subset", reason: "needs an ImageDataGenerator with a validationSplit")
            }
            let cut = Int(Double(x.shape[0]) * validationSplit)
            if let y, !ignoreClassSplit {
                let perRow = y.count / max(y.shape[0], 1)
                let values = y.scalars
                if Set(values[..<(cut * perRow)]) != Set(values[(cut * perRow)...]) {
                    throw DataError.invalidArgument(name: "subset", reason: "training and validation subsets hold different label values after the split; if the samples are sorted by label, shuffle them first (or pass ignoreClassSplit: true)")
                }
            }
            rows = subset == .validation ? Array(rows[..<cut]) : Array(rows[cut...])
        }
        let imageShape = Array(x.shape.dropFirst())
        return batches(count: rows.count, batchSize: batchSize, shuffle: shuffle, seed: seed) { indices, generator in
            let sourceRows = Tensor(indices.map { Float(rows[$0]) })
            let images = x.gathering(indices: sourceRows)
            let parameters = indices.map { _ in self.randomTransform(for: imageShape, using: &generator) }
            let inputs = self.standardizeBatch(self.applyTransforms(images, parameters))
            return Example(inputs: [inputs], targets: y.map { [$0.gathering(indices: sourceRows)] } ?? [],
                           sampleWeight: sampleWeight?.gathering(indices: sourceRows))
        }
    }

    /// Batches of images read from `directory` (one subdirectory per class, see
    /// `ImageDirectory`), resized to `targetSize` with `interpolation`, augmented and
    /// standardized, like Keras' `flow_from_directory`; targets follow `classMode`.
    ///
    /// Files are decoded in parallel as each batch is made. A file that fails to decode (e.g.
    /// truncated) is left out of its batch with a `DataWarning` naming it (a batch left empty is
    /// skipped). `ImageDirectory(directory,
    /// classes:, subset:, validationSplit:)` gives the same listing with `classIndices`,
    /// `filenames` and `classes`.
    public func flowFromDirectory(_ directory: URL, targetSize: (height: Int, width: Int) = (256, 256),
                                  colorMode: ImageColorMode = .rgb, classes: [String]? = nil,
                                  classMode: ImageClassMode = .categorical, batchSize: Int = 32, shuffle: Bool = true,
                                  seed: UInt64? = nil, subset: DataSubset? = nil,
                                  interpolation: ImageInterpolation = .nearest,
                                  keepAspectRatio: Bool = false) throws -> Dataset<Example> {
        let listing = try ImageDirectory(directory, classes: classes, subset: subset, validationSplit: validationSplit)
        return try flow(listing, targetSize: targetSize, colorMode: colorMode, classMode: classMode, batchSize: batchSize,
                        shuffle: shuffle, seed: seed, interpolation: interpolation, keepAspectRatio: keepAspectRatio)
    }

    /// Batches of the images an `ImageDirectory` lists (see `flowFromDirectory`).
    public func flow(_ listing: ImageDirectory, targetSize: (height: Int, width: Int) = (256, 256),
                     colorMode: ImageColorMode = .rgb, classMode: ImageClassMode = .categorical, batchSize: Int = 32,
                     shuffle: Bool = true, seed: UInt64? = nil, interpolation: ImageInterpolation = .nearest,
                     keepAspectRatio: Bool = false) throws -> Dataset<Example> {
        guard batchSize > 0 else { throw DataError.invalidArgument(name: "batchSize", reason: "must be positive, got \(batchSize)") }
        guard targetSize.height >= 1, targetSize.width >= 1 else {
            throw DataError.invalidArgument(name: "targetSize", reason: "expected a positive size, got \(targetSize)")
        }
        if classMode == .binary, listing.classNames.count != 2 {
            throw DataError.invalidArgument(name: "classMode", reason: "binary needs exactly 2 classes, found \(listing.classNames.count): \(listing.classNames)")
        }
        let imageShape = [targetSize.height, targetSize.width, colorMode.channels]
        let pixelsPerImage = imageShape.reduce(1, *)
        let classCount = listing.classNames.count
        return batches(count: listing.samples, batchSize: batchSize, shuffle: shuffle, seed: seed) { indices, generator in
            var pixels = [Float](repeating: 0, count: indices.count * pixelsPerImage)
            var failures = [String?](repeating: nil, count: indices.count)
            pixels.withUnsafeMutableBufferPointer { buffer in
                failures.withUnsafeMutableBufferPointer { failed in
                    let (target, errors) = (buffer, failed)
                    Parallelism.forEachChunk(indices.count, minimumChunk: 1) { range in
                        for slot in range {
                            let url = listing.directory.appendingPathComponent(listing.filenames[indices[slot]])
                            do {
                                let image = try loadImage(url, colorMode: colorMode, targetSize: targetSize,
                                                          interpolation: interpolation, keepAspectRatio: keepAspectRatio)
                                image.withUnsafeBufferPointer { source in
                                    for k in 0..<pixelsPerImage { target[slot * pixelsPerImage + k] = source[k] }
                                }
                            } catch {
                                errors[slot] = "\(error)"
                            }
                        }
                    }
                }
            }
            var kept: [Int] = []
            for (slot, failure) in failures.enumerated() {
                if let failure {
                    DataWarnings.warn("cannot be loaded (\(failure)); left out of its batch",
                                      file: listing.directory.appendingPathComponent(listing.filenames[indices[slot]]).path)
                } else {
                    kept.append(slot)
                }
            }
            guard !kept.isEmpty else { return nil }
            var images = Tensor(shape: [indices.count] + imageShape, scalars: pixels)
            if kept.count < indices.count {
                images = images.gathering(indices: Tensor(kept.map(Float.init)))
            }
            let parameters = kept.map { _ in self.randomTransform(for: imageShape, using: &generator) }
            let inputs = self.standardizeBatch(self.applyTransforms(images, parameters))
            let labels = kept.map { listing.classes[indices[$0]] }
            switch classMode {
            case .categorical:
                var oneHot = [Float](repeating: 0, count: labels.count * classCount)
                for (row, label) in labels.enumerated() { oneHot[row * classCount + label] = 1 }
                return Example(inputs: [inputs], targets: [Tensor(shape: [labels.count, classCount], scalars: oneHot)])
            case .binary, .sparse:
                return Example(inputs: [inputs], targets: [Tensor(labels.map(Float.init))])
            case .input:
                return Example(inputs: [inputs], targets: [inputs])
            case .none:
                return Example(inputs: [inputs])
            }
        }
    }

    /// A dataset of `ceil(count / batchSize)` batches per pass (fewer when `makeBatch` finds
    /// nothing usable for a batch and returns nil). Pass `p` orders the samples with
    /// a generator seeded from (`seed`, `p`) and makes batch `b` with one seeded from (`seed`, `p`,
    /// `b`), so passes differ from each other but every run repeats them.
    private func batches(count: Int, batchSize: Int, shuffle: Bool, seed: UInt64?,
                         makeBatch: @escaping ([Int], inout RandomGenerator) -> Example?) -> Dataset<Example> {
        let base = seed ?? Random.nextSeed()
        let passes = PassCounter()
        let batchCount = (count + batchSize - 1) / batchSize
        return Dataset(count: batchCount) {
            let pass = passes.next()
            var order = Array(0..<count)
            if shuffle {
                var generator = RandomGenerator(seed: Self.mix(base, pass, 0))
                for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, generator.nextInt(below: i + 1)) }
            }
            var batch = 0
            return AnyIterator {
                while batch < batchCount {
                    defer { batch += 1 }
                    let indices = Array(order[(batch * batchSize)..<min((batch + 1) * batchSize, count)])
                    var generator = RandomGenerator(seed: Self.mix(base, pass, UInt64(batch) + 1))
                    if let example = makeBatch(indices, &generator) { return example }
                }
                return nil
            }
        }
    }

    private static func mix(_ seed: UInt64, _ pass: UInt64, _ batch: UInt64) -> UInt64 {
        seed &+ pass &* 0x9E37_79B9_7F4A_7C15 &+ batch &* 0xC2B2_AE3D_27D4_EB4F
    }
}

/// Counts the passes over a flow, so that each epoch shuffles and augments differently.
private final class PassCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var passes: UInt64 = 0

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        defer { passes += 1 }
        return passes
    }
}
