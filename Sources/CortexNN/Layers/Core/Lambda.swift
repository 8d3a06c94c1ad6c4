import Cortex

/// Wraps a differentiable function of the input as a layer (Keras' `Lambda`).
///
/// Give `outputShape` when the function changes the shape, so models can infer shapes without
/// running it.
public final class Lambda: Layer {
    private let function: (Tensor) -> Tensor
    private let shapeFunction: (([Int]) -> [Int])?

    public init(outputShape: (([Int]) -> [Int])? = nil, name: String? = nil, _ function: @escaping (Tensor) -> Tensor) {
        self.function = function
        self.shapeFunction = outputShape
        super.init(name: name)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        if let shapeFunction { return shapeFunction(inputShape) }
        guard !inputShape.contains(-1) else { return inputShape }
        let probe = withoutGradients { function(Tensor.zeros([1] + inputShape)) }
        return Array(probe.shape.dropFirst())
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor { function(input) }
}
