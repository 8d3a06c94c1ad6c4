/// MT19937 with NumPy's legacy `RandomState` seeding and bounded integers.
///
/// scikit-learn draws its shuffles (`train_test_split`, `KFold(shuffle:)`, forests' bootstraps)
/// from `np.random.RandomState(random_state)`. Reproducing that generator bit for bit makes a
/// `randomState: 42` here pick exactly the samples scikit-learn picks, so results can be compared
/// split for split.
public struct LegacyMersenneTwister {
    private var key = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// `np.random.RandomState(seed)` for a seed below 2³².
    public init(seed: UInt32) {
        key[0] = seed
        for i in 1..<624 {
            key[i] = 1_812_433_253 &* (key[i - 1] ^ (key[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32 random bits (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if position >= 624 { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func regenerate() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7FFF_FFFF
        for i in 0..<624 {
            let y = (key[i] & upper) | (key[(i + 1) % 624] & lower)
            key[i] = key[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 1 ? 0x9908_B0DF : 0)
        }
        position = 0
    }

    /// A uniform integer in `0...max` by masked rejection, as NumPy's `random_interval`.
    public mutating func nextInt(upTo max: Int) -> Int {
        guard max > 0 else { return 0 }
        var mask = UInt64(max)
        for shift in [1, 2, 4, 8, 16, 32] { mask |= mask >> UInt64(shift) }
        if max <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= UInt64(max) { return Int(value) }
            }
        }
        while true {
            let value = ((UInt64(nextUInt32()) << 32) | UInt64(nextUInt32())) & mask
            if value <= UInt64(max) { return Int(value) }
        }
    }

    /// Shuffles in place like `RandomState.shuffle` (Fisher–Yates from the end).
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, through: 1, by: -1) {
            values.swapAt(i, nextInt(upTo: i))
        }
    }

    /// `RandomState.permutation(n)`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }
}
