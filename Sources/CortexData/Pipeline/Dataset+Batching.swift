import Cortex

extension Dataset {
    /// Consecutive elements grouped into arrays of `size` (the last one shorter unless
    /// `dropRemainder`).
    public func batched(_ size: Int, dropRemainder: Bool = false) -> Dataset<[Element]> {
        chunks(size, dropRemainder: dropRemainder)
    }

    private func chunks(_ size: Int, dropRemainder: Bool) -> Dataset<[Element]> {
        precondition(size > 0, "Dataset.batched: the batch size must be positive, got \(size)")
        return Dataset<[Element]>(count: batchCount(size, dropRemainder: dropRemainder), makePull: {
            let pull = makePull()
            return {
                var chunk: [Element] = []
                chunk.reserveCapacity(size)
                while chunk.count < size, let element = try pull() { chunk.append(element) }
                return chunk.isEmpty || (dropRemainder && chunk.count < size) ? nil : chunk
            }
        })
    }

    private func batchCount(_ size: Int, dropRemainder: Bool) -> Int? {
        count.map { dropRemainder ? $0 / size : ($0 + size - 1) / size }
    }

    /// Batches made by `stack`, or, when the source can gather rows (a tensor-backed dataset,
    /// shuffled or not), by gathering each batch's rows from the source arrays at once.
    fileprivate func stackedBatches(_ size: Int, dropRemainder: Bool, stack: @escaping ([Element]) throws -> Element) -> Dataset {
        guard let gather = access?.gather, let indices = access?.indices else {
            return chunks(size, dropRemainder: dropRemainder).map(stack)
        }
        return indices.chunks(size, dropRemainder: dropRemainder).map(gather)
    }
}

extension Dataset where Element == Example {
    /// Examples stacked into batches of `size` along a new leading axis (the last batch shorter
    /// unless `dropRemainder`), as `tf.data`'s `batch`: each element is then one training step.
    public func batched(_ size: Int, dropRemainder: Bool = false) -> Dataset<Example> {
        stackedBatches(size, dropRemainder: dropRemainder, stack: Example.stacking)
    }
}

extension Dataset where Element == Tensor {
    /// Tensors of one shape stacked into batches of `size` along a new leading axis.
    public func batched(_ size: Int, dropRemainder: Bool = false) -> Dataset<Tensor> {
        stackedBatches(size, dropRemainder: dropRemainder) { try Tensor.stackingSamples($0, name: "element") }
    }
}

extension Example {
    /// One batch from per-sample examples: each input, target and weight stacked on a new axis.
    static func stacking(_ examples: [Example]) throws -> Example {
        let first = examples[0]
        guard examples.allSatisfy({ $0.inputs.count == first.inputs.count && $0.targets.count == first.targets.count }) else {
            throw DataError.invalidArgument(name: "batched", reason: "every example must have \(first.inputs.count) inputs and \(first.targets.count) targets like the first of its batch")
        }
        let inputs = try first.inputs.indices.map { i in try Tensor.stackingSamples(examples.map { $0.inputs[i] }, name: "inputs[\(i)]") }
        let targets = try first.targets.indices.map { i in try Tensor.stackingSamples(examples.map { $0.targets[i] }, name: "targets[\(i)]") }
        let weights = examples.compactMap(\.sampleWeight)
        guard weights.isEmpty || weights.count == examples.count else {
            throw DataError.invalidArgument(name: "batched", reason: "either every example of a batch has a sampleWeight or none does")
        }
        return Example(inputs: inputs, targets: targets,
                       sampleWeight: weights.isEmpty ? nil : try Tensor.stackingSamples(weights, name: "sampleWeight"))
    }
}

extension Tensor {
    /// `Tensor.stack` along axis 0, throwing instead of stopping when the shapes differ.
    static func stackingSamples(_ samples: [Tensor], name: String) throws -> Tensor {
        let shape = samples[0].shape
        if let other = samples.first(where: { $0.shape != shape }) {
            throw DataError.invalidArgument(name: "batched", reason: "\(name) of one batch must share a shape to be stacked: \(shape) and \(other.shape)")
        }
        return Tensor.stack(samples, axis: 0)
    }
}
