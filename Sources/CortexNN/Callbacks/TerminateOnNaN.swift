import Foundation

/// Ends `fit` as soon as a batch's loss is NaN or infinite, as Keras' `TerminateOnNaN`: once
/// the weights hold NaN, every later step is wasted.
///
/// By default training stops after that batch (and `fit` returns normally); with `raiseError`
/// `fit` throws `InvalidLoss` instead.
public final class TerminateOnNaN: Callback {
    /// The error `fit` throws with `raiseError`: the batch and its loss.
    public struct InvalidLoss: Error, CustomStringConvertible {
        public let batch: Int
        public let loss: Float
        public var description: String {
            "NaN or Inf loss encountered at batch \(batch). Loss value: \(loss). Terminating training immediately."
        }
    }

    public let raiseError: Bool
    private let output: (String) -> Void

    public init(raiseError: Bool = false,
                output: @escaping (String) -> Void = Callback.standardOutput) {
        self.raiseError = raiseError
        self.output = output
    }

    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let loss = logs["loss"], !loss.isFinite else { return }
        if raiseError { throw InvalidLoss(batch: batch, loss: loss) }
        output("Batch \(batch): Invalid loss, terminating training\n")
        model?.stopTraining = true
    }
}
