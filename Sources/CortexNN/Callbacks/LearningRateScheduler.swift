import Foundation

/// Sets the learning rate at the start of each epoch from `schedule(epoch, currentRate)`, as
/// Keras' `LearningRateScheduler`: a per-epoch schedule written as a plain function.
///
/// The optimizer needs a constant learning rate; for per-step schedules, give the optimizer a
/// `LearningRateSchedule` instead.
public final class LearningRateScheduler: Callback {
    public let schedule: (_ epoch: Int, _ learningRate: Float) -> Float
    public let verbose: Int
    private let output: (String) -> Void

    public init(schedule: @escaping (_ epoch: Int, _ learningRate: Float) -> Float, verbose: Int = 0,
                output: @escaping (String) -> Void = Callback.standardOutput) {
        self.schedule = schedule
        self.verbose = verbose
        self.output = output
    }

    public override func onEpochBegin(_ epoch: Int, logs: Logs) throws {
        guard let optimizer = model?.compiled?.optimizer else { return }
        let rate = schedule(epoch, optimizer.currentLearningRate)
        try optimizer.setLearningRate(rate)
        if verbose > 0 { output("\nEpoch \(epoch + 1): LearningRateScheduler setting learning rate to \(rate).\n") }
    }
}
