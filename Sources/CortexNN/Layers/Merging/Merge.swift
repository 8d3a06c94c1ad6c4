import Cortex

/// The shared shape of layers that combine several inputs elementwise (`Add`, `Multiply`, ...):
/// inputs must have equal shapes, or shapes that broadcast together, as in Keras.
open class Merge: Layer {
    open override func build(inputShapes: [[Int]]) throws {
        guard inputShapes.count >= 2 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects at least 2 inputs, got \(inputShapes.count)")
        }
    }

    open override func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try build(inputShapes: inputShapes)
        var shape = inputShapes[0]
        for other in inputShapes.dropFirst() {
            do {
                shape = try Broadcasting.shape(shape.map { $0 == -1 ? 1 : $0 }, other.map { $0 == -1 ? 1 : $0 }, op: name)
            } catch {
                throw ModelError.incompatibleInput(layer: name, reason: "expects inputs of matching shapes, got \(LayerShapes.describe(inputShapes))")
            }
        }
        return shape
    }

    open override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        inputs.dropFirst().reduce(inputs[0]) { combine($0, $1) }
    }

    /// Combines two inputs; folded over all inputs from the left.
    open func combine(_ a: Tensor, _ b: Tensor) -> Tensor {
        preconditionFailure("\(type(of: self)) must override combine(_:_:)")
    }
}

/// The sum of its inputs.
public final class Add: Merge {
    public override func combine(_ a: Tensor, _ b: Tensor) -> Tensor { a + b }
}

/// The first input minus the second.
public final class Subtract: Merge {
    public override func build(inputShapes: [[Int]]) throws {
        guard inputShapes.count == 2 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects exactly 2 inputs, got \(inputShapes.count)")
        }
    }

    public override func combine(_ a: Tensor, _ b: Tensor) -> Tensor { a - b }
}

/// The elementwise product of its inputs.
public final class Multiply: Merge {
    public override func combine(_ a: Tensor, _ b: Tensor) -> Tensor { a * b }
}

/// The elementwise maximum of its inputs.
public final class Maximum: Merge {
    public override func combine(_ a: Tensor, _ b: Tensor) -> Tensor { max(a, b) }
}

/// The elementwise minimum of its inputs.
public final class Minimum: Merge {
    public override func combine(_ a: Tensor, _ b: Tensor) -> Tensor { min(a, b) }
}

/// The mean of its inputs.
public final class Average: Merge {
    public override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        inputs.dropFirst().reduce(inputs[0], +) * (1 / Float(inputs.count))
    }
}
