import CortexData

/// The batches of `fit`'s epochs: a fresh pass over the data for every epoch, or, when epochs
/// are a number of steps (Keras' `steps_per_epoch`), one pass continued across epochs and
/// started again once it runs out.
struct EpochBatches {
    private let data: Dataset<Example>
    private let continuesAcrossEpochs: Bool
    private var iterator: Dataset<Example>.ThrowingIterator?
    private var passIsFresh = false

    init(_ data: Dataset<Example>, continuesAcrossEpochs: Bool) {
        self.data = data
        self.continuesAcrossEpochs = continuesAcrossEpochs
    }

    mutating func beginEpoch() {
        if !continuesAcrossEpochs { iterator = nil }
    }

    /// The next batch, or nil when the data ran out. A continued pass that ended exactly with
    /// the previous epoch gives way to a new pass at the start of the next one.
    mutating func next(atEpochStart: Bool) throws -> Example? {
        if iterator == nil {
            iterator = data.makeThrowingIterator()
            passIsFresh = true
        }
        if let batch = try iterator!.next() {
            passIsFresh = false
            return batch
        }
        iterator = nil
        guard atEpochStart && !passIsFresh else { return nil }
        return try next(atEpochStart: true)
    }
}
