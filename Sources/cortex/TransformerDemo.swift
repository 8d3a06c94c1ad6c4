import ArgumentParser
import Cortex
import CortexNN
import Foundation

/// Trains a two-block Transformer encoder to reverse sequences of random tokens, and prints its
/// per-token accuracy on held-out sequences. The data are synthetic: uniform random tokens, the
/// target is the input read backwards, so the model has to learn to route each position's token
/// to the mirrored position through attention (the embeddings alone carry no order).
struct TransformerDemo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transformer",
        abstract: "Train a 2-block Transformer encoder to reverse random token sequences.")

    @Option(help: "Tokens per sequence.") var length = 10
    @Option(help: "Vocabulary size.") var vocabulary = 16
    @Option(help: "Training sequences.") var trainingSamples = 20_000
    @Option(help: "Held-out sequences.") var testSamples = 2_000
    @Option(help: "Training epochs.") var epochs = 1
    @Option(help: "Batch size.") var batchSize = 64
    @Option(help: "Random seed.") var seed: UInt64 = 42

    /// `count` sequences of uniform random tokens and the same sequences reversed.
    private func sequences(_ count: Int, generator: inout RandomGenerator) -> (x: Tensor, y: Tensor) {
        var tokens = [Float](), reversed = [Float]()
        for _ in 0..<count {
            let sequence = (0..<length).map { _ in Float(generator.nextInt(below: vocabulary)) }
            tokens += sequence
            reversed += sequence.reversed()
        }
        return (Tensor(shape: [count, length], scalars: tokens), Tensor(shape: [count, length], scalars: reversed))
    }

    /// Self-attention and a feed-forward network, each with a residual connection and layer
    /// normalisation after it (the post-norm block of "Attention is all you need").
    private func encoderBlock(_ x: SymbolicTensor, features: Int) -> SymbolicTensor {
        let attended = MultiHeadAttention(numHeads: 4, keyDim: features / 4)([x, x])
        let normalized = LayerNormalization(epsilon: 1e-5)(Add()([x, attended]))
        let intermediate = Dense(4 * features, activation: .relu)(normalized)
        let feedForward = Dense(features)(intermediate)
        return LayerNormalization(epsilon: 1e-5)(Add()([normalized, feedForward]))
    }

    func run() throws {
        Random.seed(seed)
        var generator = RandomGenerator(seed: seed)
        let train = sequences(trainingSamples, generator: &generator)
        let test = sequences(testSamples, generator: &generator)

        let features = 64
        let tokens = Input(shape: [length])
        let embedded = Embedding(inputDim: vocabulary, outputDim: features)(tokens)
        var x = Add()([embedded, PositionEmbedding(sequenceLength: length)(embedded)])
        for _ in 0..<2 { x = encoderBlock(x, features: features) }
        let probabilities = Dense(vocabulary, activation: .softmax)(x)
        let model = try Model(inputs: [tokens], outputs: [probabilities])
        print(model.summary())

        model.compile(optimizer: Adam(learningRate: 1e-3), loss: .sparseCategoricalCrossentropy)
        let start = Date()
        try model.fit(train.x, train.y, batchSize: batchSize, epochs: epochs, verbose: .oneLinePerEpoch)
        let seconds = Date().timeIntervalSince(start)

        let predicted = try model.predict(test.x, batchSize: 256).argmax(axis: -1)
        let tokenAccuracy = (predicted .== test.y).mean().scalar
        let sequenceAccuracy = (predicted .== test.y).min(axis: -1).mean().scalar
        let steps = epochs * ((trainingSamples + batchSize - 1) / batchSize)
        print(String(format: "Held-out token accuracy: %.2f%%, whole sequences: %.2f%% after %d steps (%d epochs) in %.0f s",
                     tokenAccuracy * 100, sequenceAccuracy * 100, steps, epochs, seconds))
    }
}
