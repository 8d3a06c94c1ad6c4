import Cortex
import CortexData

/// The xorshift generator scikit-learn's tree splitters draw features with (`our_rand_r`).
///
/// Its seed comes from NumPy's `RandomState(randomState).randint(0, 2³¹ - 1)`, so a tree grown
/// here with a given `randomState` visits features in exactly the order scikit-learn's does, and
/// ties between equally good splits resolve the same way.
struct TreeRandom {
    static let randMax: UInt32 = 0x7FFF_FFFF
    private var state: UInt32

    /// The splitter seed scikit-learn derives from `randomState`.
    init(randomState: UInt32) {
        var generator = LegacyMersenneTwister(seed: randomState)
        self.init(generator: &generator)
    }

    /// The splitter seed drawn from a shared NumPy generator (gradient boosting's trees share one).
    init(generator: inout LegacyMersenneTwister) {
        state = UInt32(generator.nextInt(upTo: Int(Self.randMax) - 1))
    }

    mutating func next() -> UInt32 {
        if state == 0 { state = 1 }
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state % (Self.randMax &+ 1)
    }

    /// A uniform integer in `low..<high` (`rand_int`).
    mutating func int(_ low: Int, _ high: Int) -> Int {
        low + Int(next()) % (high - low)
    }
}

/// A seed for the estimator's random choices: the given one, or a fresh one from the global generator.
func resolvedSeed(_ randomState: UInt32?) -> UInt32 {
    randomState ?? UInt32(truncatingIfNeeded: Cortex.Random.nextSeed())
}
