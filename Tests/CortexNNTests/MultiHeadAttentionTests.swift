import Cortex
import CortexNN
import CortexTestSupport
import XCTest

final class MultiHeadAttentionTests: XCTestCase {
    private let query = sinePattern([2, 4, 5], offset: 0.3)
    private let value = sinePattern([2, 6, 5], offset: 0.9)
    private let key = sinePattern([2, 6, 3], offset: 1.7)
    /// Keras' `np.arange(48).reshape(2, 4, 6) % 5 != 3`.
    private let attentionMask = Tensor(shape: [2, 4, 6], scalars: (0..<48).map { $0 % 5 != 3 ? 1 : 0 })

    /// Assigns `scale · sin(0.37 i + step · index)` to the layer's weights in Keras' order.
    private func assignPatternWeights(_ variables: [Variable], step: Double, scale: Double) {
        for (index, variable) in variables.enumerated() {
            variable.assign(sinePattern(variable.shape, offset: step * Double(index), scale: scale))
        }
    }

    func testWeightNamesAndShapesFollowKeras() {
        let mha = MultiHeadAttention(numHeads: 2, keyDim: 3, valueDim: 2)
        _ = mha(query: query, value: value, key: key)
        XCTAssertEqual(mha.weights.map { String($0.name.dropFirst(mha.name.count + 1)) },
                       ["query.kernel", "query.bias", "key.kernel", "key.bias", "value.kernel", "value.bias",
                        "attention_output.kernel", "attention_output.bias"])
        XCTAssertEqual(mha.weights.map(\.shape), [[5, 2, 3], [2, 3], [3, 2, 3], [2, 3], [5, 2, 2], [2, 2], [2, 2, 5], [5]])
    }

    func testMatchesKerasWithAttentionAndCausalMasks() {
        let mha = MultiHeadAttention(numHeads: 2, keyDim: 3, valueDim: 2)
        _ = mha(query: query, value: value, key: key)
        assignPatternWeights(mha.weights, step: 0.1, scale: 0.6)
        let (output, scores) = mha.callWithAttentionScores(query: query, value: value, key: key,
                                                           attentionMask: attentionMask, useCausalMask: true)
        assertTensorsClose(output, Tensor(shape: [2, 4, 5], scalars: KerasAttentionReference.mhaOutput))
        assertTensorsClose(scores, Tensor(shape: [2, 2, 4, 6], scalars: KerasAttentionReference.mhaScores))
    }

    func testProjectedOutputWithoutBiasMatchesKeras() {
        let mha = MultiHeadAttention(numHeads: 3, keyDim: 2, useBias: false, outputShape: [7])
        _ = mha(query: query, value: query)
        XCTAssertEqual(mha.weights.map(\.shape), [[5, 3, 2], [5, 3, 2], [5, 3, 2], [3, 2, 7]])
        assignPatternWeights(mha.weights, step: 0.2, scale: 0.6)
        assertTensorsClose(mha([query, query]), Tensor(shape: [2, 4, 7], scalars: KerasAttentionReference.mhaProjectedOutput))
    }

    func testInputMasksEqualTheAttentionMaskTheyStandFor() {
        let mha = MultiHeadAttention(numHeads: 2, keyDim: 3)
        let queryMask = Tensor([[1, 1, 1, 0], [1, 1, 1, 1]])
        let valueMask = Tensor([[1, 0, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]])
        let viaMasks = mha(query: query, value: value, queryMask: queryMask, valueMask: valueMask)
        let combined = queryMask.reshaped(to: [2, 4, 1]) * valueMask.reshaped(to: [2, 1, 6])
        assertTensorsClose(viaMasks, mha(query: query, value: value, attentionMask: combined))
        // A masked query attends to nothing: zero weights, so its output is the output bias.
        let (output, scores) = mha.callWithAttentionScores(query: query, value: value, queryMask: queryMask)
        assertTensorsClose(scores[0, .all, 3], Tensor.zeros([2, 6]))
        mha.outputBias!.assign(Tensor([0.5, -1, 2, 0, 3]))
        assertTensorsClose(mha(query: query, value: value, queryMask: queryMask)[0, 3], Tensor([0.5, -1, 2, 0, 3]))
        XCTAssertNotEqual(output[0, 2].scalars, Tensor.zeros([5]).scalars)
    }

    func testGradientsWithAndWithoutMasks() {
        let mha = MultiHeadAttention(numHeads: 2, keyDim: 3, valueDim: 2)
        for (mask, causal) in [(nil, false), (attentionMask, false), (attentionMask, true)] as [(Tensor?, Bool)] {
            assertGradientsMatchFiniteDifferences([query, value, key], maxChecksPerInput: 24) { xs in
                mha(query: xs[0], value: xs[1], key: xs[2], attentionMask: mask, useCausalMask: causal)
            }
        }
        assertVariableGradientsMatchFiniteDifferences(mha.weights) {
            mha(query: query, value: value, key: key, attentionMask: attentionMask, useCausalMask: true).square().sum()
        }
    }

    func testAttentionOverSeveralAxesFlattensThem() {
        let mha = MultiHeadAttention(numHeads: 2, keyDim: 2), sequence = MultiHeadAttention(numHeads: 2, keyDim: 2)
        let image = sinePattern([2, 2, 3, 4], offset: 0.5)
        let flat = image.reshaped(to: [2, 6, 4])
        let output = mha(query: image, value: image)
        _ = sequence(query: flat, value: flat)
        for (target, source) in zip(sequence.weights, mha.weights) { target.assign(source.value) }
        assertTensorsClose(output, sequence(query: flat, value: flat).reshaped(to: [2, 2, 3, 4]))
    }

    func testEmbeddingMaskReachesTheAttentionInAFunctionalModel() throws {
        let ids = Input(shape: [4])
        let embedding = Embedding(inputDim: 6, outputDim: 4, maskZero: true)
        let attention = MultiHeadAttention(numHeads: 2, keyDim: 2)
        let embedded = embedding(ids)
        let model = try Model(inputs: [ids], outputs: [attention([embedded, embedded])])
        let batch = Tensor([[3, 1, 0, 0], [2, 5, 4, 0]])
        let mask = (batch .!= 0)
        let vectors = embedding(batch)
        assertTensorsClose(try model.predict(batch),
                           attention(query: vectors, value: vectors, queryMask: mask, valueMask: mask))
        XCTAssertNotEqual(try model.predict(batch).scalars, attention(query: vectors, value: vectors).scalars)
    }

    func testFunctionalCallsCheckShapes() throws {
        let tokens = Input(shape: [4, 5])
        let attended = MultiHeadAttention(numHeads: 2, keyDim: 4)([tokens, tokens])
        XCTAssertEqual(attended.shape, [4, 5])
        XCTAssertThrowsError(try Model(inputs: [tokens], outputs: [MultiHeadAttention(numHeads: 1, keyDim: 2)([tokens])]))
        let other = Input(shape: [3, 5]), wrongKey = Input(shape: [2, 5])
        XCTAssertThrowsError(try Model(inputs: [other, wrongKey],
                                       outputs: [MultiHeadAttention(numHeads: 1, keyDim: 2)([tokens, other, wrongKey])]))
    }
}

final class PositionEncodingTests: XCTestCase {
    func testPositionEmbeddingReturnsItsFirstRowsForEverySample() {
        let layer = PositionEmbedding(sequenceLength: 5)
        let x = Tensor.zeros([2, 3, 4])
        let output = layer(x)
        XCTAssertEqual(layer.embeddings.shape, [5, 4])
        XCTAssertEqual(layer.embeddings.name, "\(layer.name).embeddings")
        assertTensorsClose(output[0], layer.embeddings.value[0..<3])
        assertTensorsClose(output[1], layer.embeddings.value[0..<3])
        assertVariableGradientsMatchFiniteDifferences([layer.embeddings]) { (layer(x) * sinePattern([2, 3, 4], offset: 0)).sum() }
    }

    func testSinePositionEncodingByHand() {
        let output = SinePositionEncoding()(Tensor.zeros([1, 2, 4]))
        // Features 2 and 3 turn at 1 / 10000^(2/4) = 0.01 of the position.
        assertTensorsClose(output, Tensor(shape: [1, 2, 4],
                                          scalars: [0, 1, 0, 1, Float(sin(1.0)), Float(cos(1.0)), Float(sin(0.01)), Float(cos(0.01))]))
    }

    func testTransformerEncoderTakesTheEmbeddingMaskInAFunctionalModel() throws {
        let ids = Input(shape: [3])
        let embedding = Embedding(inputDim: 5, outputDim: 4, maskZero: true)
        let encoder = TransformerEncoder(intermediateDim: 6, numHeads: 2)
        let model = try Model(inputs: [ids], outputs: [encoder(embedding(ids))])
        let batch = Tensor([[4, 2, 0], [1, 3, 2]])
        let expected = encoder(embedding(batch), paddingMask: batch .!= 0)
        assertTensorsClose(try model.predict(batch), expected)
        XCTAssertNotEqual(expected[0].scalars, encoder(embedding(batch))[0].scalars)
    }

    func testTransformerEncoderMatchesKerasComposition() {
        let tokens = sinePattern([2, 3, 4], offset: 0.4)
        let encoder = TransformerEncoder(intermediateDim: 6, numHeads: 2)
        _ = encoder(tokens)
        // Keras' order in the reference: attention, first norm, the two dense layers, second norm.
        let ordered = encoder.selfAttention.weights + encoder.selfAttentionLayerNorm.weights
            + encoder.feedforwardIntermediateDense.weights + encoder.feedforwardOutputDense.weights
            + encoder.feedforwardLayerNorm.weights
        XCTAssertEqual(ordered.count, 16)
        XCTAssertEqual(Set(ordered.map(ObjectIdentifier.init)), Set(encoder.variables.map(ObjectIdentifier.init)))
        for (index, variable) in ordered.enumerated() {
            variable.assign(sinePattern(variable.shape, offset: 0.3 * Double(index), scale: 0.5))
        }
        let padding = Tensor([[1, 1, 0], [1, 1, 1]])
        assertTensorsClose(encoder(tokens, paddingMask: padding),
                           Tensor(shape: [2, 3, 4], scalars: KerasAttentionReference.encoderOutput), tolerance: 2e-5)
        assertGradientsMatchFiniteDifferences([tokens]) { xs in encoder(xs[0], paddingMask: padding) }
    }
}
