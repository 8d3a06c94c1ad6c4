import Cortex

/// Turns token ids (whole-number floats in `0..<inputDim`) into dense vectors of `outputDim`,
/// as Keras' `Embedding`: `[batch, steps]` → `[batch, steps, outputDim]`.
///
/// The lookup is a gather; its gradient scatter-adds the upstream rows into the touched rows
/// only (cost proportional to tokens × `outputDim`, not to the vocabulary). With
/// `maskZero: true`, id 0 is padding: the output carries a mask that recurrent layers, pooling
/// and the losses honour, and `inputDim` must count the padding id too.
public final class Embedding: Layer {
    public let inputDim: Int
    public let outputDim: Int
    public let embeddingsInitializer: Initializer
    public let embeddingsRegularizer: Regularizer?
    public let maskZero: Bool
    /// The expected number of steps, checked when given (Keras 2's `input_length`).
    public let inputLength: Int?
    /// The table `[inputDim, outputDim]`, named `embeddings` as in Keras.
    public private(set) var embeddings: Variable!

    public init(inputDim: Int, outputDim: Int, embeddingsInitializer: Initializer = .randomUniform(lower: -0.05, upper: 0.05),
                embeddingsRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil,
                maskZero: Bool = false, inputLength: Int? = nil, name: String? = nil) {
        precondition(inputDim > 0 && outputDim > 0, "Embedding: inputDim and outputDim must be positive, got \(inputDim) and \(outputDim)")
        self.inputDim = inputDim
        self.outputDim = outputDim
        self.embeddingsInitializer = embeddingsInitializer
        self.embeddingsRegularizer = embeddingsRegularizer
        self.maskZero = maskZero
        self.inputLength = inputLength
        super.init(name: name)
        self.activityRegularizer = activityRegularizer
    }

    public override func build(inputShape: [Int]) throws {
        _ = try outputShape(for: inputShape)
        embeddings = addWeight(name: "embeddings", shape: [inputDim, outputDim], initializer: embeddingsInitializer,
                               regularizer: embeddingsRegularizer)
    }

    public override func outputShape(for inputShape: [Int]) throws -> [Int] {
        if let inputLength, inputShape.last != -1, inputShape.last != inputLength {
            throw ModelError.incompatibleInput(layer: name, reason: "expects \(inputLength) steps (inputLength), got input shape \(LayerShapes.describe(inputShape))")
        }
        return inputShape + [outputDim]
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        embeddings.value.gathering(indices: input, axis: 0)
    }

    /// `input != 0` when `maskZero`, otherwise no mask.
    public override func computeMask(_ input: Tensor, previousMask: Tensor?) -> Tensor? {
        maskZero ? input .!= 0 : nil
    }

    public override var config: [String: ConfigValue] {
        ["input_dim": .int(inputDim), "output_dim": .int(outputDim),
         "embeddings_initializer": embeddingsInitializer.configValue, "embeddings_regularizer": embeddingsRegularizer.configValue,
         "mask_zero": .bool(maskZero), "input_length": inputLength.map { .int($0) } ?? .null]
    }
}
