import Cortex

extension BuiltinLayers {
    /// The image preprocessing and augmentation layers. A random layer saves its `seed` (null
    /// when none was given: the loaded layer then draws a new one), not its generator's position.
    static let preprocessingFactories: [String: LayerRegistry.Factory] = [
        "Rescaling": { c in Rescaling(scale: try c.float("scale"), offset: try c.float("offset"), name: try c.name) },
        "Resizing": { c in
            for key in ["pad_to_aspect_ratio", "antialias"] where c.contains(key) {
                if try c.bool(key) { throw c.failure(key, "is not supported (only false)") }
            }
            return Resizing(height: try c.int("height", atLeast: 1), width: try c.int("width", atLeast: 1),
                            interpolation: try c.option("interpolation", ImageInterpolation.self),
                            cropToAspectRatio: try c.bool("crop_to_aspect_ratio"), name: try c.name)
        },
        "RandomFlip": { c in RandomFlip(mode: try c.option("mode", RandomFlip.Mode.self), seed: try c.seed(), name: try c.name) },
        "RandomRotation": { c in
            RandomRotation(factor: try c.factor("factor", within: -1...1), fillMode: try c.option("fill_mode", PreprocessingFillMode.self),
                           interpolation: try c.option("interpolation", ImageInterpolation.self), seed: try c.seed(),
                           fillValue: try c.float("fill_value"), name: try c.name)
        },
        "RandomTranslation": { c in
            RandomTranslation(heightFactor: try c.factor("height_factor", within: -1...1),
                              widthFactor: try c.factor("width_factor", within: -1...1),
                              fillMode: try c.option("fill_mode", PreprocessingFillMode.self),
                              interpolation: try c.option("interpolation", ImageInterpolation.self), seed: try c.seed(),
                              fillValue: try c.float("fill_value"), name: try c.name)
        },
        "RandomZoom": { c in
            let height = try c.factor("height_factor", within: -1...1)
            let width = c.contains("width_factor") ? try c.factor("width_factor", within: -1...1) : nil
            for (key, factor) in [("height_factor", height), ("width_factor", width)] where (factor?.lower ?? 0) <= -1 {
                throw c.failure(key, "must lie in (-1, 1]")
            }
            return RandomZoom(heightFactor: height, widthFactor: width, fillMode: try c.option("fill_mode", PreprocessingFillMode.self),
                              interpolation: try c.option("interpolation", ImageInterpolation.self), seed: try c.seed(),
                              fillValue: try c.float("fill_value"), name: try c.name)
        },
        "RandomContrast": { c in
            let range = try c.array("value_range")
            guard range.count == 2, case let (lower?, upper?) = (range[0].number, range[1].number), lower < upper else {
                throw c.failure("value_range", "expected an increasing [lower, upper], got \(ConfigValue.array(range))")
            }
            return RandomContrast(factor: try c.factor("factor", within: -1...1), valueRange: (Float(lower), Float(upper)),
                                  seed: try c.seed(), name: try c.name)
        },
    ]
}

private extension ConfigReader {
    /// The `seed` of a random layer, or nil.
    func seed() throws -> UInt64? {
        contains("seed") ? UInt64(truncatingIfNeeded: try int("seed")) : nil
    }

    /// A factor written as `[lower, upper]` or as one amount `a` (meaning `[-a, a]`), within `bounds`.
    func factor(_ key: String, within bounds: ClosedRange<Double>) throws -> PreprocessingFactor {
        let factor: PreprocessingFactor
        switch try value(key) {
        case .array(let pair):
            guard pair.count == 2, case let (lower?, upper?) = (pair[0].number, pair[1].number) else {
                throw failure(key, "expected [lower, upper] or a number, got \(ConfigValue.array(pair))")
            }
            factor = PreprocessingFactor(lower: lower, upper: upper)
        case let entry:
            guard let amount = entry.number else { throw failure(key, "expected [lower, upper] or a number, got \(entry)") }
            factor = PreprocessingFactor(amount)
        }
        guard bounds.contains(factor.lower), bounds.contains(factor.upper) else {
            throw failure(key, "must lie in [\(bounds.lowerBound), \(bounds.upperBound)], got [\(factor.lower), \(factor.upper)]")
        }
        return factor
    }
}
