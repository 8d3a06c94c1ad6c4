import Cortex

/// Datasets over arrays held in memory, one `Example` per sample (row of axis 0), like
/// `tf.data.Dataset.from_tensor_slices`. Batching such a dataset, shuffled or not, gathers each
/// batch's rows straight from the source arrays in one copy per array.
extension Dataset where Element == Example {
    /// Samples of `x` with their targets in `y` (and weights, one per sample).
    public init(x: Tensor, y: Tensor, sampleWeight: Tensor? = nil) throws {
        try self.init(inputs: [x], targets: [y], sampleWeight: sampleWeight)
    }

    /// Samples of `x` alone, for `predict`.
    public init(x: Tensor) throws {
        try self.init(inputs: [x])
    }

    /// Samples of several inputs and outputs: row `i` of every array makes example `i`.
    public init(inputs: [Tensor], targets: [Tensor] = [], sampleWeight: Tensor? = nil) throws {
        guard let first = inputs.first else {
            throw DataError.invalidArgument(name: "inputs", reason: "needs at least one array")
        }
        let labelled = inputs.enumerated().map { ("inputs[\($0.offset)]", $0.element) }
            + targets.enumerated().map { ("targets[\($0.offset)]", $0.element) }
        for (name, array) in labelled {
            guard array.rank >= 1 else {
                throw DataError.invalidArgument(name: name, reason: "needs a leading sample axis, got a scalar")
            }
        }
        let samples = first.shape[0]
        for (name, array) in labelled where array.shape[0] != samples {
            throw DataError.invalidArgument(name: name, reason: "has \(array.shape[0]) samples, but inputs[0] has \(samples)")
        }
        let weights = sampleWeight?.reshaped(to: [-1])
        if let weights, weights.count != samples {
            throw DataError.invalidArgument(name: "sampleWeight", reason: "expected \(samples) weights (one per sample), got shape \(sampleWeight!.shape)")
        }
        let rows = RowSource(inputs: inputs, targets: targets, sampleWeight: weights)
        self.init(access: IndexedAccess(count: samples, element: rows.example(at:), gather: rows.batch(at:)))
    }
}

/// The arrays behind a tensor-backed dataset.
private struct RowSource {
    let inputs: [Tensor]
    let targets: [Tensor]
    let sampleWeight: Tensor?

    func example(at index: Int) -> Example {
        Example(inputs: inputs.map { $0[index] }, targets: targets.map { $0[index] }, sampleWeight: sampleWeight?[index])
    }

    func batch(at indices: [Int]) -> Example {
        let positions = Tensor(indices.map(Float.init))
        let rows = { (array: Tensor) in array.gathering(indices: positions, axis: 0) }
        return Example(inputs: inputs.map(rows), targets: targets.map(rows), sampleWeight: sampleWeight.map(rows))
    }
}
