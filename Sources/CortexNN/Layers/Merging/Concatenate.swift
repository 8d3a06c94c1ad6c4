import Cortex

/// Joins its inputs along `axis` (counted with the batch axis, as Keras; -1 is the last).
public final class Concatenate: Layer {
    public let axis: Int

    public init(axis: Int = -1, name: String? = nil) {
        self.axis = axis
        super.init(name: name)
    }

    public override func build(inputShapes: [[Int]]) throws {
        _ = try outputShape(for: inputShapes)
    }

    public override func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count >= 2 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects at least 2 inputs, got \(inputShapes.count)")
        }
        let withBatch = inputShapes.map { [1] + $0.map { $0 == -1 ? 0 : $0 } }
        do {
            let resolvedAxis = try checkedAxis(axis, rank: withBatch[0].count, op: name)
            guard resolvedAxis > 0 else {
                throw ModelError.incompatibleInput(layer: name, reason: "cannot concatenate along the batch axis")
            }
            let joined = try Tensor.concatenatedShape(withBatch, axis: resolvedAxis)
            return zip(joined.dropFirst(), inputShapes[0]).map { value, original in original == -1 && value == 0 ? -1 : value }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.incompatibleInput(layer: name, reason: "expects inputs that match except along axis \(axis), got \(LayerShapes.describe(inputShapes))")
        }
    }

    public override func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        Tensor.concatenate(inputs, axis: axis < 0 ? axis + inputs[0].rank : axis)
    }

    public override var config: [String: ConfigValue] { ["axis": .int(axis)] }
}
