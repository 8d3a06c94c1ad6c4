/// How often a checkpointing callback saves: at the end of every epoch, or after every `n`
/// training batches (counted across epochs), as Keras' `save_freq="epoch"` or `save_freq=n`.
public enum CheckpointFrequency: Equatable, Sendable {
    case epoch
    case batches(Int)
}
