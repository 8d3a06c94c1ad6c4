import Foundation

/// A seedable source of random numbers that gives the same sequence for the same seed on every
/// run and platform: xoshiro256** seeded through SplitMix64, with floats made from the top bits
/// and normals by the Box–Muller transform in double precision.
public struct RandomGenerator: RandomNumberGenerator {
    private var words: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        words = (next(), next(), next(), next())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(words.1 &* 5, 7) &* 9
        let t = words.1 << 17
        words.2 ^= words.0
        words.3 ^= words.1
        words.1 ^= words.2
        words.0 ^= words.3
        words.2 ^= t
        words.3 = rotate(words.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 24 random bits.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUniformDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal.
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u1 = nextUniformDouble()
        while u1 <= 0 { u1 = nextUniformDouble() }
        let u2 = nextUniformDouble()
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        spareNormal = radius * Foundation.sin(2 * Double.pi * u2)
        return radius * Foundation.cos(2 * Double.pi * u2)
    }

    /// The generator's whole state, so that a checkpoint can continue the exact sequence:
    /// the four xoshiro words and the second normal of the latest Box–Muller pair, if unused.
    public struct State: Codable, Equatable, Sendable {
        public var words: [UInt64]
        public var spareNormal: Double?

        public init(words: [UInt64], spareNormal: Double?) {
            self.words = words
            self.spareNormal = spareNormal
        }
    }

    /// The current state; `RandomGenerator(state:)` continues from it.
    public var state: State {
        State(words: [words.0, words.1, words.2, words.3], spareNormal: spareNormal)
    }

    /// A generator that continues from a saved state. Returns nil when `state` does not hold four
    /// words or holds the all-zero state xoshiro can never leave.
    public init?(state: State) {
        guard state.words.count == 4, state.words.contains(where: { $0 != 0 }) else { return nil }
        words = (state.words[0], state.words[1], state.words[2], state.words[3])
        spareNormal = state.spareNormal
    }

    /// A uniform integer in `0..<bound` without modulo bias.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "RandomGenerator.nextInt(below:): bound must be positive, got \(bound)")
        return Int(next(upperBound: UInt64(bound)))
    }
}
