import Cortex
import Foundation

/// The building block of models, shaped like a Keras layer.
///
/// A class, because identity matters: calling one layer on two inputs shares its weights, and
/// stateful layers (BatchNormalization) update in place. Weights are made lazily by
/// `build(inputShape:)` on the first call, when the input shape is known. Shapes passed to
/// `build` and `outputShape(for:)` leave out the batch axis; `-1` marks an unknown extent.
///
/// A custom layer overrides `build(inputShape:)` (creating weights with `addWeight`) and
/// `call(_:training:)`; a layer with several inputs overrides `call(_ inputs: [Tensor], ...)`.
open class Layer {
    /// Unique among layers made in this process (Keras' naming: `dense`, `dense_1`, ...).
    public let name: String
    /// Whether `fit` updates this layer's weights. A frozen layer's variables are excluded from
    /// `trainableVariables`, and layers like BatchNormalization run in inference mode.
    open var trainable: Bool = true
    /// The weights this layer owns, in creation order.
    public private(set) var weights: [Variable] = []
    /// The input shapes (without the batch axis) the layer was built for.
    public private(set) var builtInputShapes: [[Int]]?
    private var weightPenalties: [(Variable, Regularizer)] = []
    /// A penalty on the output, added to the training loss (Keras 3's `activity_regularizer`:
    /// the penalty of the whole batch, not divided by its size).
    public var activityRegularizer: Regularizer?
    /// The activity penalty of the latest training call, collected by the model.
    var pendingActivityLoss: Tensor?
    /// How many times the layer was called on symbolic tensors (Keras' node index).
    var symbolicCallCount = 0
    /// Whether the layer passes an input mask on (Keras' `supports_masking`): when false, a mask
    /// stops at this layer. A layer that makes or changes masks overrides `computeMask` instead.
    public var supportsMasking = false

    public var isBuilt: Bool { builtInputShapes != nil }

    public init(name: String? = nil) {
        self.name = name ?? LayerNames.unique(for: Self.defaultNamePrefix)
    }

    /// The prefix of automatic names: the type name in snake case (`Conv2D` → `conv2d`).
    open class var defaultNamePrefix: String { LayerNames.snakeCase(String(describing: self)) }

    /// Layers this layer is made of (for models and wrappers); their weights count as this layer's.
    open var sublayers: [Layer] { [] }

    // MARK: - Subclass points

    /// Creates the weights for inputs of `inputShape` (no batch axis).
    open func build(inputShape: [Int]) throws {}

    /// Creates the weights for several inputs; by default the single-input form.
    open func build(inputShapes: [[Int]]) throws {
        guard inputShapes.count == 1 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects 1 input, got \(inputShapes.count)")
        }
        try build(inputShape: inputShapes[0])
    }

    /// The forward computation on a batch.
    open func call(_ input: Tensor, training: Bool) -> Tensor {
        preconditionFailure("\(type(of: self)) must override call(_:training:) or call(_ inputs: [Tensor], training:)")
    }

    /// The forward computation on several inputs; by default the single-input form.
    open func call(_ inputs: [Tensor], training: Bool) -> Tensor {
        precondition(inputs.count == 1, "\(name) expects 1 input, got \(inputs.count)")
        return call(inputs[0], training: training)
    }

    /// The forward computation with the input masks (`[batch, steps]` of 1 = keep, 0 = skip; nil
    /// where an input has none). Layers that use masks (recurrent layers, pooling over steps)
    /// override this; by default the masks are ignored.
    open func call(_ inputs: [Tensor], masks: [Tensor?], training: Bool) -> Tensor {
        call(inputs, training: training)
    }

    /// The mask of the output given the input and its mask (Keras' `compute_mask`): by default
    /// the input mask when `supportsMasking`, none otherwise.
    open func computeMask(_ input: Tensor, previousMask: Tensor?) -> Tensor? {
        supportsMasking ? previousMask : nil
    }

    /// The output mask for several inputs; by default the single-input form, none for several.
    open func computeMask(_ inputs: [Tensor], previousMasks: [Tensor?]) -> Tensor? {
        inputs.count == 1 ? computeMask(inputs[0], previousMask: previousMasks[0]) : nil
    }

    /// The output shape (no batch axis) for an input shape; throws when the input cannot be taken.
    open func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }

    /// The output shape for several inputs; by default the single-input form.
    open func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects 1 input, got \(inputShapes.count)")
        }
        return try outputShape(for: inputShapes[0])
    }

    /// The hyper-parameters that rebuild this layer, for summaries and saving.
    open var config: [String: ConfigValue] { [:] }

    // MARK: - Weights

    /// Creates a weight named `<layer>.<name>`, initialised now.
    @discardableResult
    public func addWeight(name weightName: String, shape: [Int], initializer: Initializer = .glorotUniform,
                          regularizer: Regularizer? = nil, trainable: Bool = true) -> Variable {
        let variable = Variable(initializer.make(shape), name: "\(name).\(weightName)", trainable: trainable)
        weights.append(variable)
        if let regularizer { weightPenalties.append((variable, regularizer)) }
        return variable
    }

    /// Every variable of this layer and its sublayers.
    public var variables: [Variable] {
        var seen = Set<ObjectIdentifier>()
        return (weights + sublayers.flatMap(\.variables)).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// The variables `fit` updates: none when this layer is frozen.
    public var trainableVariables: [Variable] {
        guard trainable else { return [] }
        var seen = Set<ObjectIdentifier>()
        let own = weights.filter(\.trainable)
        return (own + sublayers.flatMap(\.trainableVariables)).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// The variables `fit` leaves alone (moving statistics, and everything of a frozen layer).
    public var nonTrainableVariables: [Variable] {
        let trainableSet = Set(trainableVariables.map(ObjectIdentifier.init))
        return variables.filter { !trainableSet.contains(ObjectIdentifier($0)) }
    }

    /// The weight penalties (kernel and bias regularizers) of this layer and its sublayers, as a
    /// differentiable scalar; nil when there are none.
    func weightRegularizationLoss() -> Tensor? {
        let own = weightPenalties.map { variable, regularizer in regularizer.penalty(variable.value) }
        let nested = sublayers.compactMap { $0.weightRegularizationLoss() }
        return (own + nested).reduce(nil) { total, term in total.map { $0 + term } ?? term }
    }

    /// Activity penalties recorded by the latest training call, cleared as they are read.
    func takeActivityLosses() -> [Tensor] {
        var losses = sublayers.flatMap { $0.takeActivityLosses() }
        if let pending = pendingActivityLoss { losses.append(pending) }
        pendingActivityLoss = nil
        return losses
    }

    // MARK: - Applying

    /// Builds on first use and checks later inputs against the built shapes.
    public func ensureBuilt(inputShapes: [[Int]]) throws {
        if let built = builtInputShapes {
            guard built.count == inputShapes.count,
                  zip(built, inputShapes).allSatisfy({ LayerShapes.compatible($0, $1) }) else {
                throw ModelError.incompatibleInput(
                    layer: name, reason: "was built for input shape \(LayerShapes.describe(built)), got \(LayerShapes.describe(inputShapes))")
            }
            return
        }
        try build(inputShapes: inputShapes)
        builtInputShapes = acceptedShapes(for: inputShapes)
    }

    /// Whether the layer is built and `inputs` fit the shapes it accepts: the check of every call,
    /// made without building the shape arrays `ensureBuilt` takes.
    private func acceptsBuiltShapes(_ inputs: [Tensor]) -> Bool {
        guard let built = builtInputShapes, built.count == inputs.count else { return false }
        return zip(built, inputs).allSatisfy { LayerShapes.compatible($0, $1.shape.dropFirst()) }
    }

    /// The shapes later inputs are checked against, from the shapes the layer was built for; -1
    /// accepts any extent. By default the built shapes themselves; sequence layers free the steps.
    open func acceptedShapes(for inputShapes: [[Int]]) -> [[Int]] { inputShapes }

    /// Records the input shapes of a layer whose weights are already made.
    func markBuilt(inputShapes: [[Int]]) {
        builtInputShapes = inputShapes
    }

    /// Runs the layer on concrete batches, building it first if needed. Adds the activity penalty
    /// when training.
    public func apply(_ inputs: [Tensor], masks: [Tensor?]? = nil, training: Bool) throws -> Tensor {
        if !acceptsBuiltShapes(inputs) {
            try ensureBuilt(inputShapes: inputs.map { Array($0.shape.dropFirst()) })
        }
        try validateValues(inputs)
        let output = call(inputs, masks: masks ?? Array(repeating: nil, count: inputs.count), training: training)
        if training, let activityRegularizer {
            pendingActivityLoss = activityRegularizer.penalty(output)
        }
        return output
    }

    /// Checks input values (not shapes) that `call` cannot take, such as token ids outside a
    /// vocabulary, so that `fit` and `predict` throw naming the layer instead of stopping the
    /// process. Most layers take any value: the default checks nothing.
    open func validateValues(_ inputs: [Tensor]) throws {}

    /// Eager call on one batch: `dense(x)`. Stops on a shape the layer cannot take; model APIs
    /// (`predict`, `fit`) check first and throw instead.
    public func callAsFunction(_ input: Tensor, training: Bool = false) -> Tensor {
        do { return try apply([input], training: training) } catch { preconditionFailure("\(error)") }
    }

    /// Eager call with a mask for the input (`[batch, steps]`, 1 = keep): `lstm(x, mask: m)`.
    public func callAsFunction(_ input: Tensor, mask: Tensor?, training: Bool = false) -> Tensor {
        do { return try apply([input], masks: [mask], training: training) } catch { preconditionFailure("\(error)") }
    }

    /// Eager call on several batches: `concatenate([a, b])`.
    public func callAsFunction(_ inputs: [Tensor], training: Bool = false) -> Tensor {
        do { return try apply(inputs, training: training) } catch { preconditionFailure("\(error)") }
    }

    /// Number of scalars in this layer's weights (sublayers included).
    public var parameterCount: Int { variables.reduce(0) { $0 + $1.value.count } }
}

extension Layer {
    /// The output shape (no batch axis) a tensor-level shape validator gives for `inputShape`:
    /// unknown extents are probed with a stand-in and stay unknown in the result, and a
    /// `ShapeError` becomes this layer's `ModelError`.
    func inferShape(_ inputShape: [Int], _ validator: ([Int]) throws -> [Int]) throws -> [Int] {
        let probe = [1] + inputShape.map { $0 == -1 ? 64 : $0 }
        do {
            let output = try validator(probe)
            return zip(output.dropFirst(), inputShape).map { value, original in original == -1 ? -1 : value }
        } catch let error as ShapeError {
            throw ModelError.incompatibleInput(layer: name, reason: error.message)
        }
    }
}
