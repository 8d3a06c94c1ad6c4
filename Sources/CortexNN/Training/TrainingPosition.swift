/// A point in training: the epoch (0-based) and, within it, the first batch still to run.
public struct TrainingPosition: Codable, Equatable, Sendable {
    public var epoch: Int
    public var batch: Int

    public init(epoch: Int, batch: Int = 0) {
        self.epoch = epoch
        self.batch = batch
    }
}
