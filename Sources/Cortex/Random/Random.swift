import Foundation

/// The process-wide random generator that every random op draws from by default.
///
/// `Random.seed(42)` makes a whole run reproducible: weight initialisation, dropout masks,
/// shuffling and augmentation all draw from here unless given their own generator.
public enum Random {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var generator = RandomGenerator(seed: UInt64(UInt32.random(in: .min ... .max)))

    /// Restarts the global sequence from `seed`.
    public static func seed(_ seed: UInt64) {
        lock.lock()
        generator = RandomGenerator(seed: seed)
        lock.unlock()
    }

    /// Runs `body` with exclusive use of the global generator.
    public static func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&generator)
    }

    /// The global generator's state, to save with a checkpoint so that a resumed run draws the
    /// same shuffles and dropout masks as an uninterrupted one.
    public static var state: RandomGenerator.State {
        get { withGenerator { $0.state } }
        set {
            guard let restored = RandomGenerator(state: newValue) else {
                preconditionFailure("Random.state: not a generator state: \(newValue)")
            }
            withGenerator { $0 = restored }
        }
    }

    /// A fresh seed drawn from the global generator, for a component that keeps its own.
    public static func nextSeed() -> UInt64 {
        withGenerator { $0.next() }
    }
}

extension Tensor {
    private static func random(_ shape: [Int], generator: inout RandomGenerator,
                               _ draw: (inout RandomGenerator) -> Float) -> Tensor {
        Tensor(shape: shape) { out in
            for i in 0..<out.count { out[i] = draw(&generator) }
        }
    }

    /// Uniform in `[lower, upper)`.
    public static func randomUniform(_ shape: [Int], lower: Float = 0, upper: Float = 1,
                                     generator: inout RandomGenerator) -> Tensor {
        random(shape, generator: &generator) { lower + (upper - lower) * $0.nextUniform() }
    }

    /// Uniform in `[lower, upper)` from the global generator.
    public static func randomUniform(_ shape: [Int], lower: Float = 0, upper: Float = 1) -> Tensor {
        Random.withGenerator { randomUniform(shape, lower: lower, upper: upper, generator: &$0) }
    }

    /// Normal with the given mean and standard deviation.
    public static func randomNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                                    generator: inout RandomGenerator) -> Tensor {
        random(shape, generator: &generator) { mean + standardDeviation * Float($0.nextNormal()) }
    }

    /// Normal from the global generator.
    public static func randomNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1) -> Tensor {
        Random.withGenerator { randomNormal(shape, mean: mean, standardDeviation: standardDeviation, generator: &$0) }
    }

    /// Normal, redrawn until within two standard deviations of the mean (Keras' TruncatedNormal).
    public static func truncatedNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                                       generator: inout RandomGenerator) -> Tensor {
        random(shape, generator: &generator) {
            var z = $0.nextNormal()
            while Swift.abs(z) > 2 { z = $0.nextNormal() }
            return mean + standardDeviation * Float(z)
        }
    }

    /// Truncated normal from the global generator.
    public static func truncatedNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1) -> Tensor {
        Random.withGenerator { truncatedNormal(shape, mean: mean, standardDeviation: standardDeviation, generator: &$0) }
    }

    /// 1 with probability `probability`, else 0.
    public static func bernoulli(_ shape: [Int], probability: Float, generator: inout RandomGenerator) -> Tensor {
        precondition(probability >= 0 && probability <= 1, "bernoulli: probability must be in [0, 1], got \(probability)")
        return random(shape, generator: &generator) { $0.nextUniform() < probability ? 1 : 0 }
    }

    /// Bernoulli from the global generator.
    public static func bernoulli(_ shape: [Int], probability: Float) -> Tensor {
        Random.withGenerator { bernoulli(shape, probability: probability, generator: &$0) }
    }
}
