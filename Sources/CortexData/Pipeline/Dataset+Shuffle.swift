import Cortex
import Foundation

extension Dataset {
    /// The elements in random order, as `tf.data`'s `shuffle`: a buffer of `bufferSize` elements
    /// is filled and each output is drawn uniformly from it (nil: the whole pass, a full uniform
    /// shuffle, which needs a finite dataset).
    ///
    /// With `reshuffleEachPass` (the default) every pass has a new order; with a `seed`, the
    /// sequence of orders is the same in every run. Without a seed each pass draws its order from
    /// the global generator when it starts, so `Random.seed(_:)` makes the orders reproducible and
    /// a run restored to a saved generator state (`BackupAndRestore`) shuffles as it would have.
    /// A tensor-backed dataset shuffles indices, never tensors.
    public func shuffled(bufferSize: Int? = nil, seed: UInt64? = nil, reshuffleEachPass: Bool = true) -> Dataset {
        precondition((bufferSize ?? 1) > 0, "Dataset.shuffled: bufferSize must be positive, got \(bufferSize!)")
        let seeds = ShuffleSeeds(seed: seed, reshuffleEachPass: reshuffleEachPass)
        if let access { return Dataset(access: access.reordered { $0.shuffled(bufferSize: bufferSize, seeds: seeds) }) }
        return shuffled(bufferSize: bufferSize, seeds: seeds)
    }

    private func shuffled(bufferSize: Int?, seeds: ShuffleSeeds) -> Dataset {
        Dataset(count: count, makePull: {
            let pull = makePull()
            var generator = RandomGenerator(seed: seeds.next())
            var buffer: [Element] = []
            var filled = false
            return {
                if !filled {
                    filled = true
                    while bufferSize.map({ buffer.count < $0 }) ?? true, let element = try pull() { buffer.append(element) }
                }
                guard !buffer.isEmpty else { return nil }
                let position = generator.nextInt(below: buffer.count)
                let chosen = buffer[position]
                if let element = try pull() {
                    buffer[position] = element
                } else {
                    buffer.swapAt(position, buffer.count - 1)
                    buffer.removeLast()
                }
                return chosen
            }
        })
    }
}

/// The seed of each pass's shuffle: the same every pass, a new one derived from the pass number
/// (so that a seeded dataset repeats its sequence of orders exactly), or, unseeded, one drawn
/// from the global generator as the pass starts.
private final class ShuffleSeeds: @unchecked Sendable {
    private let base: UInt64?
    private let reshuffleEachPass: Bool
    private var pass: UInt64 = 0
    private let lock = NSLock()

    init(seed: UInt64?, reshuffleEachPass: Bool) {
        base = seed ?? (reshuffleEachPass ? nil : Random.nextSeed())
        self.reshuffleEachPass = reshuffleEachPass
    }

    func next() -> UInt64 {
        guard let base else { return Random.nextSeed() }
        guard reshuffleEachPass else { return base }
        lock.lock()
        defer { lock.unlock() }
        pass += 1
        return base &+ pass &* 0x9E37_79B9_7F4A_7C15
    }
}
