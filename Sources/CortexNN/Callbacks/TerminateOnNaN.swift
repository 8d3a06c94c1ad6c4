import Foundation

/// Ends `fit` as soon as a batch's loss is NaN or infinite, as Keras' `TerminateOnNaN`: once
/// the weights hold NaN, every later step is wasted.
///
/// By default training stops after that batch (and `fit` returns normally); with `raiseError`
/// `fit` throws instead.
public final class TerminateOnNaN: Callback {
    public let raiseError: Bool
    private let output: (String) -> Void

    public init(raiseError: Bool = false,
                output: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }) {
        self.raiseError = raiseError
        self.output = output
    }

    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let loss = logs["loss"], !loss.isFinite else { return }
        if raiseError {
            throw ModelError.invalidArgument(name: "TerminateOnNaN",
                                             reason: "NaN or Inf loss encountered at batch \(batch). Loss value: \(loss). Terminating training immediately.")
        }
        output("Batch \(batch): Invalid loss, terminating training\n")
        model?.stopTraining = true
    }
}
