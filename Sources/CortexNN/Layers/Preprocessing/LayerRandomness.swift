import Cortex

/// The random source of one preprocessing layer: seeded from the layer's `seed` (or from the
/// global generator when it has none), so a seeded layer repeats its sequence of draws.
final class LayerRandomness {
    let seed: UInt64?
    private var generator: RandomGenerator

    init(seed: UInt64?) {
        self.seed = seed
        generator = RandomGenerator(seed: seed ?? Random.nextSeed())
    }

    /// Uniform in `[lower, upper)`.
    func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * generator.nextUniformDouble()
    }

    var seedConfig: ConfigValue { seed.map { .int(Int(truncatingIfNeeded: $0)) } ?? .null }
}

extension Layer {
    /// The output shape of a layer that keeps image shapes: `[height, width, channels]` in and out.
    func imageShape(_ inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects images (None, height, width, channels), got \(LayerShapes.describe(inputShape))")
        }
        return inputShape
    }
}
