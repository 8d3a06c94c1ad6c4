import Cortex

/// A plain stack of layers, each feeding the next, as Keras' `Sequential`.
///
/// ```swift
/// let model = Sequential {
///     Input(shape: [784])
///     Dense(128, activation: .relu)
///     Dense(10, activation: .softmax)
/// }
/// ```
/// Without an `Input`, the model is built from the first arrays given to `fit` or `predict`
/// (or from `build(inputShape:)`).
public final class Sequential: Model {
    private var stack: [Layer] = []
    private var declaredInput: SymbolicTensor?
    /// A shape error met while adding layers, thrown by the next `build`, `fit` or `predict`.
    private var buildError: Error?

    public init(_ layers: [Layer] = [], name: String? = nil) {
        super.init(name: name)
        for layer in layers { add(layer) }
    }

    public convenience init(name: String? = nil, @SequentialBuilder _ content: () -> [SequentialBuilder.Item]) {
        self.init(name: name)
        for item in content() {
            switch item {
            case .input(let input): add(input)
            case .layer(let layer): add(layer)
            }
        }
    }

    /// The stacked layers (without the input layer, as Keras 3).
    public override var layers: [Layer] { stack }
    public override var sublayers: [Layer] { stack }

    /// Declares the input shape; must come before any layer.
    public func add(_ input: SymbolicTensor) {
        precondition(stack.isEmpty && declaredInput == nil, "Sequential.add: Input(shape:) must be the first entry of \(name)")
        declaredInput = input
    }

    /// Appends a layer. Once the input shape is known the layer is built at once; a shape it
    /// cannot take is thrown by the next `build(inputShape:)`, `fit`, `evaluate` or `predict`.
    public func add(_ layer: Layer) {
        stack.append(layer)
        graph = nil
        if let shape = declaredInput?.shape ?? builtInputShapes?.first {
            do { try makeGraph(inputShape: shape) } catch { buildError = error }
        }
    }

    /// Builds every layer for samples of `inputShape` (no batch axis), as Keras' `model.build`.
    public override func build(inputShape: [Int]) throws {
        try makeGraph(inputShape: inputShape)
    }

    public override func build(inputShapes: [[Int]]) throws {
        guard inputShapes.count == 1 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects 1 input, got \(inputShapes.count)")
        }
        if let graph {
            guard LayerShapes.compatible(graph.inputs[0].shape, inputShapes[0]) else {
                throw ModelError.incompatibleInput(layer: name, reason: "expects input shape \(LayerShapes.describe(graph.inputs[0].shape)), got \(LayerShapes.describe(inputShapes[0]))")
            }
            return
        }
        try makeGraph(inputShape: inputShapes[0])
    }

    public override func prepare(forInputShapes shapes: [[Int]]) throws {
        if let buildError { throw buildError }
        if graph == nil, shapes.count == 1 { try makeGraph(inputShape: shapes[0]) }
    }

    private func makeGraph(inputShape: [Int]) throws {
        buildError = nil
        let input = declaredInput ?? Input(shape: inputShape)
        var x = input
        for layer in stack { x = layer(x) }
        graph = try FunctionalGraph(inputs: [input], outputs: [x])
        markBuilt(inputShapes: [inputShape])
    }
}

/// The result builder behind `Sequential { ... }`: layers, and optionally an `Input` first.
@resultBuilder
public enum SequentialBuilder {
    public enum Item {
        case input(SymbolicTensor)
        case layer(Layer)
    }

    public static func buildExpression(_ layer: Layer) -> [Item] { [.layer(layer)] }
    public static func buildExpression(_ input: SymbolicTensor) -> [Item] { [.input(input)] }
    public static func buildExpression(_ layers: [Layer]) -> [Item] { layers.map { .layer($0) } }
    public static func buildBlock(_ parts: [Item]...) -> [Item] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Item]?) -> [Item] { part ?? [] }
    public static func buildEither(first: [Item]) -> [Item] { first }
    public static func buildEither(second: [Item]) -> [Item] { second }
    public static func buildArray(_ parts: [[Item]]) -> [Item] { parts.flatMap { $0 } }
}
