import Cortex
import CortexTestSupport
import Foundation
import XCTest
@testable import CortexNN

/// Recurrent layers against Keras 3 (values from scripts/recurrent_reference.py, whose weights
/// and inputs follow `pattern`) and against finite differences.
final class RecurrentLayerTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(5)
    }

    /// `scale · sin(0.7·i + offset)` over the flat index, as the reference script computes it.
    private func pattern(_ shape: [Int], _ offset: Double, scale: Double = 0.5) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { Float(scale * sin(0.7 * Double($0) + offset)) })
    }

    private func setWeights(_ layer: Layer, offset: Double) {
        for (k, weight) in layer.weights.enumerated() { weight.assign(pattern(weight.shape, offset + 1.3 * Double(k))) }
    }

    private var x: Tensor { pattern([2, 4, 3], 0.2, scale: 1) }
    private let mask = Tensor([[1, 1, 0, 1], [0, 1, 1, 1]])

    private func assertMatchesKeras(_ layer: RecurrentLayer, outputs: [Float], states: [[Float]],
                                    file: StaticString = #filePath, line: UInt = #line) {
        _ = layer(x)
        setWeights(layer, offset: 0.5)
        let results = layer.callWithStates([x])
        assertTensorsClose(results[0], Tensor(shape: [2, 4, 3], scalars: outputs), tolerance: 1e-5, file: file, line: line)
        XCTAssertEqual(results.count, 1 + states.count, file: file, line: line)
        for (state, expected) in zip(results.dropFirst(), states) {
            assertTensorsClose(state, Tensor(shape: [2, 3], scalars: expected), tolerance: 1e-5, file: file, line: line)
        }
    }

    func testSimpleRNNMatchesKeras() {
        let layer = SimpleRNN(3, returnSequences: true, returnState: true)
        assertMatchesKeras(layer, outputs: [-0.225489, -0.579258, -0.653979, 0.592548, 0.312324, -0.185154, -0.006677, -0.471660, -0.650885, 0.027365, -0.503260, -0.703552, 0.462827, 0.232375, -0.137944, -0.055897, -0.470239, -0.619849, 0.005575, -0.504721, -0.693931, 0.649295, 0.336409, -0.234203],
                           states: [[0.027365, -0.503260, -0.703552, 0.649295, 0.336409, -0.234203]])
        XCTAssertEqual(layer.weights.map(\.name), ["simple_rnn.kernel", "simple_rnn.recurrent_kernel", "simple_rnn.bias"])
    }

    func testLSTMMatchesKeras() {
        let layer = LSTM(3, returnSequences: true, returnState: true)
        assertMatchesKeras(layer, outputs: [0.120977, 0.068005, 0.027794, 0.055088, 0.143824, 0.121718, 0.112797, 0.107338, 0.077329, 0.161715, 0.115179, 0.069689, -0.014918, 0.096425, 0.102947, 0.091256, 0.089500, 0.065101, 0.154655, 0.108133, 0.063373, 0.073588, 0.165906, 0.140856],
                           states: [[0.161715, 0.115179, 0.069689, 0.073588, 0.165906, 0.140856],
                                    [0.383629, 0.351858, 0.224912, 0.117649, 0.307276, 0.319256]])
        XCTAssertEqual(layer.weights.map(\.shape), [[3, 12], [3, 12], [12]])
    }

    func testGRUMatchesKerasInBothResetModes() {
        assertMatchesKeras(GRU(3, returnSequences: true, returnState: true),
                           outputs: [-0.138328, -0.031540, 0.149740, 0.100991, 0.295716, 0.346882, 0.552164, 0.811029, 0.717646, 0.368247, 0.551864, 0.557274, 0.181043, 0.316707, 0.307180, 0.581450, 0.811654, 0.718156, 0.393813, 0.553174, 0.556559, 0.372892, 0.538280, 0.592083],
                           states: [[0.368247, 0.551864, 0.557274, 0.372892, 0.538280, 0.592083]])
        let before = GRU(3, returnSequences: true, returnState: true, resetAfter: false)
        assertMatchesKeras(before,
                           outputs: [-0.191362, -0.087268, 0.067468, 0.031507, 0.138423, 0.170802, 0.559526, 0.731034, 0.486008, 0.334171, 0.516272, 0.436879, 0.124945, 0.190253, 0.167203, 0.581994, 0.736373, 0.494179, 0.354651, 0.522038, 0.442186, 0.313267, 0.486216, 0.451436],
                           states: [[0.334171, 0.516272, 0.436879, 0.313267, 0.486216, 0.451436]])
        XCTAssertEqual(before.weights.map(\.shape), [[3, 9], [3, 9], [9]])
    }

    func testMaskedAndReversedRunsMatchKeras() {
        let lstm = LSTM(3, returnSequences: true, goBackwards: true)
        _ = lstm(x)
        setWeights(lstm, offset: 0.5)
        assertTensorsClose(lstm(x, mask: mask), Tensor(shape: [2, 4, 3], scalars: [0.121275, 0.068522, 0.028270, 0.121275, 0.068522, 0.028270, 0.055004, 0.143928, 0.121924, 0.130719, 0.106285, 0.077494, -0.015614, 0.096006, 0.102978, 0.111915, 0.092493, 0.068512, 0.146984, 0.114335, 0.069851, 0.146984, 0.114335, 0.069851]), tolerance: 1e-5)
        let gru = GRU(3)
        _ = gru(x)
        setWeights(gru, offset: 0.5)
        assertTensorsClose(gru(x, mask: mask), Tensor(shape: [2, 3], scalars: [-0.053918, 0.157551, 0.356385, 0.369058, 0.524978, 0.568798]), tolerance: 1e-5)
    }

    func testBidirectionalConcatMatchesKeras() {
        let layer = Bidirectional(LSTM(2, returnSequences: true))
        _ = layer(x)
        setWeights(layer.forwardLayer, offset: 0.5)
        setWeights(layer.backwardLayer, offset: 2.0)
        XCTAssertEqual(layer.backwardLayer.name, "backward_lstm")
        assertTensorsClose(layer(x), Tensor(shape: [2, 4, 4], scalars: [0.083377, 0.048431, -0.016051, -0.059088, -0.104968, -0.073087, 0.052027, 0.096309, -0.201229, 0.089443, 0.088373, 0.020274, 0.020688, 0.078443, -0.027994, -0.096271, -0.131395, -0.080137, 0.054062, 0.111810, -0.199029, 0.088864, 0.090157, 0.043547, 0.021290, 0.076870, -0.027125, -0.068514, -0.133814, -0.050409, 0.033298, 0.086524]), tolerance: 1e-5)
    }

    // MARK: - Gradients

    /// Finite differences w.r.t. the input and every trainable weight of `layer`.
    private func checkGradients(_ layer: Layer, mask: Tensor? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let input = randomTensor([2, 4, 3], seed: 21)
        _ = layer(input)
        let variables = layer.trainableVariables
        for variable in variables { variable.assign(randomTensor(variable.shape, seed: 22, lower: -0.7, upper: 0.7)) }
        assertGradientsMatchFiniteDifferences([input] + variables.map(\.value), maxChecksPerInput: 30, file: file, line: line) { values in
            for (variable, value) in zip(variables, values.dropFirst()) { variable.value = value }
            return layer(values[0], mask: mask)
        }
    }

    func testFusedLayerGradientsWithMasksSequencesAndReversal() {
        for returnSequences in [true, false] {
            checkGradients(SimpleRNN(3, activation: .relu, returnSequences: returnSequences), mask: mask)
            checkGradients(LSTM(2, returnSequences: returnSequences, goBackwards: !returnSequences), mask: mask)
            checkGradients(GRU(2, returnSequences: returnSequences, goBackwards: true))
            checkGradients(GRU(3, returnSequences: returnSequences, resetAfter: false), mask: mask)
        }
    }

    func testBidirectionalGradientsInEveryMergeMode() {
        for mode: Bidirectional.MergeMode in [.concat, .sum, .mul, .ave] {
            checkGradients(Bidirectional(GRU(2, returnSequences: true), mergeMode: mode), mask: mask)
        }
        checkGradients(Bidirectional(LSTM(2), mergeMode: .concat))
        let separate = Bidirectional(SimpleRNN(2, returnSequences: true), mergeMode: .none).callSeparately(x)
        XCTAssertEqual(separate.map(\.shape), [[2, 4, 2], [2, 4, 2]])
    }

    func testTimeDistributedAppliesTheLayerToEveryStep() {
        let dense = Dense(2, activation: .tanh)
        let layer = TimeDistributed(dense)
        let output = layer(x)
        XCTAssertEqual(output.shape, [2, 4, 2])
        assertTensorsClose(output.slice(axis: 1, start: 2, end: 3).squeezing(axes: [1]),
                           dense(x.slice(axis: 1, start: 2, end: 3).squeezing(axes: [1])), tolerance: 1e-6)
        checkGradients(TimeDistributed(Dense(2, activation: .tanh)))
    }

    // MARK: - Generic cells

    /// `tanh(x·W + h·R + b)` written with ordinary ops: the generic path must equal the fused one.
    final class PlainCell: RNNCell {
        let units: Int
        var kernel: Variable!, recurrentKernel: Variable!, bias: Variable!
        init(_ units: Int) {
            self.units = units
            super.init()
        }
        override var stateSize: [Int] { [units] }
        override func build(inputShape: [Int]) throws {
            kernel = addWeight(name: "kernel", shape: [inputShape[0], units])
            recurrentKernel = addWeight(name: "recurrent_kernel", shape: [units, units], initializer: .orthogonal())
            bias = addWeight(name: "bias", shape: [units], initializer: .zeros)
        }
        override func call(_ input: Tensor, states: [Tensor], training: Bool) -> (output: Tensor, states: [Tensor]) {
            let h = (input.matmul(kernel.value) + states[0].matmul(recurrentKernel.value) + bias.value).tanh()
            return (h, [h])
        }
    }

    func testRNNWithACellEqualsTheFusedLayer() {
        for goBackwards in [false, true] {
            let generic = RNN(cell: PlainCell(3), returnSequences: true, goBackwards: goBackwards)
            let fused = SimpleRNN(3, returnSequences: true, goBackwards: goBackwards)
            _ = generic(x)
            _ = fused(x)
            for (g, f) in zip(generic.weights + generic.cell.weights, fused.weights) { g.assign(f.value) }
            assertTensorsClose(generic(x, mask: mask), fused(x, mask: mask), tolerance: 1e-6)
        }
        checkGradients(RNN(cell: PlainCell(2)), mask: mask)
    }

    // MARK: - States

    func testStatesFlowFromEncoderToDecoderInAFunctionalModel() throws {
        let source = Input(shape: [4, 3]), target = Input(shape: [2, 3])
        let encoder = LSTM(3, returnState: true)
        let encoded = encoder.callWithStates([source])
        let decoder = LSTM(3, returnSequences: true)
        let output = decoder([target, encoded[1], encoded[2]])
        let model = try Model(inputs: [source, target], outputs: [output])
        let y = randomTensor([2, 2, 3], seed: 30)
        let predicted = try model.predict([x, y])[0]
        let states = encoder.callWithStates([x])
        assertTensorsClose(predicted, decoder([y, states[1], states[2]]), tolerance: 1e-6)
        let zeros = Tensor.zeros([2, 3])
        XCTAssertFalse(predicted.isAlmostEqual(to: decoder([y, zeros, zeros]), absoluteTolerance: 1e-4, relativeTolerance: 0))
    }

    func testStatefulLayerContinuesWhereTheLastBatchEnded() {
        let stateful = GRU(3, returnSequences: true, stateful: true)
        let whole = stateful(x)
        stateful.resetStates()
        let first = stateful(x.slice(axis: 1, end: 2)), second = stateful(x.slice(axis: 1, start: 2))
        assertTensorsClose(Tensor.concatenate([first, second], axis: 1), whole, tolerance: 1e-6)
    }

    func testEmbeddingLSTMLearnsWhetherASequenceContainsAToken() throws {
        // Label 1 when token 1 appears among the non-padding tokens; padding (0) is masked.
        var generator = RandomGenerator(seed: 3)
        var ids: [Float] = [], labels: [Float] = []
        for _ in 0..<256 {
            let length = 2 + generator.nextInt(below: 5)
            let tokens = (0..<6).map { $0 < length ? Float(1 + generator.nextInt(below: 5)) : 0 }
            ids += tokens
            labels.append(tokens.contains(1) ? 1 : 0)
        }
        let model = Sequential {
            Input(shape: [6])
            Embedding(inputDim: 6, outputDim: 8, maskZero: true)
            LSTM(8)
            Dense(1, activation: .sigmoid)
        }
        model.compile(optimizer: Adam(learningRate: 0.03), loss: .binaryCrossentropy, metrics: [.accuracy])
        let (xs, ys) = (Tensor(shape: [256, 6], scalars: ids), Tensor(shape: [256, 1], scalars: labels))
        try model.fit(xs, ys, batchSize: 32, epochs: 15, verbose: .silent)
        XCTAssertGreaterThan(try model.evaluate(xs, ys)["accuracy"]!, 0.95)
    }

    func testParameterCountsAndSummaryMatchKeras() {
        let model = Sequential {
            Input(shape: [6, 5])
            Bidirectional(LSTM(8, returnSequences: true))
            GRU(4)
            Dense(2, activation: .softmax)
        }
        // Keras: 2·4·8·(5 + 8 + 1) = 896; GRU with resetAfter 3·4·(16 + 4 + 2) = 264.
        XCTAssertEqual(model.layers.map(\.parameterCount), [896, 264, 10])
        let summary = model.summary()
        XCTAssertTrue(summary.contains("(None, 6, 16)"), summary)
        XCTAssertTrue(summary.contains("896"), summary)
    }
}
