import Cortex

extension Model {
    /// Checks the arrays given for the model's inputs and returns the sample count. A
    /// `Sequential` model without an `Input` is built here from the first arrays it sees.
    func validateInputs(_ x: [Tensor], argument: String) throws -> Int {
        guard let first = x.first else {
            throw ModelError.invalidArgument(name: argument, reason: "needs at least one array")
        }
        try prepare(forInputShapes: x.map { Array($0.shape.dropFirst()) })
        let expected = inputShapes
        if let expected, expected.count != x.count {
            throw ModelError.invalidArgument(name: argument, reason: "\(name) has \(expected.count) inputs, got \(x.count) arrays")
        }
        let samples = first.shape.first ?? 0
        guard samples > 0 else {
            throw ModelError.invalidArgument(name: argument, reason: "needs at least one sample, got shape \(first.shape)")
        }
        for (index, array) in x.enumerated() {
            let label = x.count == 1 ? argument : "\(argument)[\(index)]"
            guard array.shape.first == samples else {
                throw ModelError.invalidArgument(name: label, reason: "has \(array.shape.first ?? 0) samples, but the first array has \(samples)")
            }
            if let expected {
                let sample = Array(array.shape.dropFirst())
                guard LayerShapes.compatible(expected[index], sample) else {
                    throw ModelError.invalidArgument(name: label, reason: "\(name) expects input shape \(LayerShapes.describe(expected[index])), got \(LayerShapes.describe(sample))")
                }
            }
            if array.withUnsafeBufferPointer({ $0.contains { !$0.isFinite } }) {
                throw ModelError.invalidArgument(name: label, reason: "contains NaN or infinity")
            }
        }
        return samples
    }

    /// Checks targets against the outputs and the losses: count, sample count, shape, and for
    /// sparse labels whole numbers within the classes.
    func validateTargets(_ y: [Tensor], samples: Int, configuration: CompiledConfiguration, argument: String) throws {
        let outputs = outputShapes
        let outputCount = outputs?.count ?? 1
        guard y.count == outputCount else {
            throw ModelError.invalidArgument(name: argument, reason: "\(name) has \(outputCount) outputs, got \(y.count) target arrays")
        }
        for (index, target) in y.enumerated() {
            let label = y.count == 1 ? argument : "\(argument)[\(index)]"
            guard target.shape.first == samples else {
                throw ModelError.invalidArgument(name: label, reason: "has \(target.shape.first ?? 0) samples, but x has \(samples)")
            }
            let loss = configuration.losses.count == 1 ? configuration.losses[0] : configuration.losses[index]
            guard let outputShape = outputs?[index] else { continue }
            let classes = outputShape.last ?? 1
            if loss.name == "sparse_categorical_crossentropy" {
                let values = target.scalars
                if let bad = values.first(where: { $0 != $0.rounded() || $0 < 0 || Int($0) >= classes }) {
                    throw ModelError.invalidArgument(name: label, reason: "sparse labels must be whole numbers in 0..<\(classes) (the output size), found \(bad)")
                }
            } else {
                let sample = Array(target.shape.dropFirst())
                let matches = LayerShapes.compatible(outputShape, sample) || (sample.isEmpty && outputShape == [1])
                guard matches else {
                    throw ModelError.invalidArgument(name: label, reason: "targets of shape \(LayerShapes.describe(sample)) do not match output shape \(LayerShapes.describe(outputShape)) for loss \(loss.name)")
                }
            }
        }
    }
}
