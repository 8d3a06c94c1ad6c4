import Cortex

/// Reorders the non-batch axes; `dims` counts them from 1, as Keras does.
public final class Permute: Layer {
    public let dims: [Int]

    public init(_ dims: [Int], name: String? = nil) {
        self.dims = dims
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard dims.sorted() == Array(1..<(inputShape.count + 1)) else {
            throw ModelError.incompatibleInput(layer: name, reason: "dims \(dims) must be a permutation of 1...\(inputShape.count) for input \(LayerShapes.describe(inputShape))")
        }
        return dims.map { inputShape[$0 - 1] }
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        input.transposed([0] + dims)
    }

    public override var config: [String: ConfigValue] { ["dims": .ints(dims)] }
}
