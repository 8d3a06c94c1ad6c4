import Cortex

/// Applies one layer to every time step of `[batch, steps, ...]` with shared weights, as
/// Keras' `TimeDistributed`: the steps are folded into the batch, so the inner layer runs once.
/// The input mask passes through.
public final class TimeDistributed: Layer, WrappingLayer {
    public let layer: Layer

    public init(_ layer: Layer, name: String? = nil) {
        self.layer = layer
        super.init(name: name)
        supportsMasking = true
    }

    public override var sublayers: [Layer] { [layer] }

    public override func build(inputShape: [Int]) throws {
        try layer.ensureBuilt(inputShapes: [try stepShape(inputShape)])
    }

    /// Any number of steps.
    public override func acceptedShapes(for inputShapes: [[Int]]) -> [[Int]] {
        inputShapes.map { [-1] + $0.dropFirst() }
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        [inputShape[0]] + (try layer.outputShape(for: try stepShape(inputShape)))
    }

    private func stepShape(_ inputShape: [Int]) throws -> [Int] {
        guard inputShape.count >= 2 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects input (None, steps, ...) of rank 3 or more, got \(LayerShapes.describe(inputShape))")
        }
        return Array(inputShape.dropFirst())
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        let (batch, steps) = (input.shape[0], input.shape[1])
        let folded = input.reshaped(to: [batch * steps] + input.shape.dropFirst(2))
        let output: Tensor
        do { output = try layer.apply([folded], training: training) } catch { preconditionFailure("\(error)") }
        return output.reshaped(to: [batch, steps] + output.shape.dropFirst())
    }

    /// Saved under Keras' key `layer`.
    var wrappedLayers: [String: Layer] { ["layer": layer] }
}
