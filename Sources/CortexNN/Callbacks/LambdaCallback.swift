/// A callback made of closures, as Keras' `LambdaCallback`: for a quick hook (log to a
/// server, plot a point) without writing a subclass.
public final class LambdaCallback: Callback {
    private let epochBegin: ((Int, Logs) throws -> Void)?
    private let epochEnd: ((Int, Logs) throws -> Void)?
    private let batchBegin: ((Int, Logs) throws -> Void)?
    private let batchEnd: ((Int, Logs) throws -> Void)?
    private let trainBegin: ((Logs) throws -> Void)?
    private let trainEnd: ((Logs) throws -> Void)?

    /// Each closure receives what the hook of the same name receives; the batch closures run
    /// for training batches.
    public init(onEpochBegin: ((_ epoch: Int, _ logs: Logs) throws -> Void)? = nil,
                onEpochEnd: ((_ epoch: Int, _ logs: Logs) throws -> Void)? = nil,
                onBatchBegin: ((_ batch: Int, _ logs: Logs) throws -> Void)? = nil,
                onBatchEnd: ((_ batch: Int, _ logs: Logs) throws -> Void)? = nil,
                onTrainBegin: ((_ logs: Logs) throws -> Void)? = nil,
                onTrainEnd: ((_ logs: Logs) throws -> Void)? = nil) {
        epochBegin = onEpochBegin
        epochEnd = onEpochEnd
        batchBegin = onBatchBegin
        batchEnd = onBatchEnd
        trainBegin = onTrainBegin
        trainEnd = onTrainEnd
    }

    public override func onEpochBegin(_ epoch: Int, logs: Logs) throws { try epochBegin?(epoch, logs) }
    public override func onEpochEnd(_ epoch: Int, logs: Logs) throws { try epochEnd?(epoch, logs) }
    public override func onTrainBatchBegin(_ batch: Int, logs: Logs) throws { try batchBegin?(batch, logs) }
    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) throws { try batchEnd?(batch, logs) }
    public override func onTrainBegin(logs: Logs) throws { try trainBegin?(logs) }
    public override func onTrainEnd(logs: Logs) throws { try trainEnd?(logs) }
}
