import Cortex
import CortexNN
import CortexTestSupport
import Foundation
import XCTest

/// `scale · sin(0.37 · i + offset)` over the flattened index, as scripts/attention_reference.py.
func sinePattern(_ shape: [Int], offset: Double, scale: Double = 1) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<count).map { Float(scale * sin(0.37 * Double($0) + offset)) })
}

/// Compares the gradients of `loss` with respect to `variables` with central differences.
func assertVariableGradientsMatchFiniteDifferences(_ variables: [Variable], epsilon: Float = 1e-2,
                                                   tolerance: Double = 3e-3,
                                                   file: StaticString = #filePath, line: UInt = #line,
                                                   _ loss: () -> Tensor) {
    let (_, analytic) = valueWithGradient(at: variables) { loss() }
    for (variable, gradient) in zip(variables, analytic) {
        let original = variable.value
        for position in stride(from: 0, to: original.count, by: max(1, original.count / 12)) {
            func nudged(_ delta: Float) -> Double {
                var value = original
                value.withUnsafeMutableBufferPointer { $0[position] += delta }
                variable.assign(value)
                return Double(withoutGradients { loss() }.scalar)
            }
            let numeric = (nudged(epsilon) - nudged(-epsilon)) / (2 * Double(epsilon))
            variable.assign(original)
            let exact = Double(gradient.scalars[position])
            XCTAssertLessThanOrEqual(abs(exact - numeric), tolerance + 1e-2 * abs(numeric),
                                     "\(variable.name)[\(position)]: analytic \(exact) vs numeric \(numeric)",
                                     file: file, line: line)
        }
    }
}

final class AttentionLayerTests: XCTestCase {
    private let query = sinePattern([2, 3, 4], offset: 0.1)
    private let value = sinePattern([2, 5, 4], offset: 0.7)
    private let key = sinePattern([2, 5, 4], offset: 1.3)
    private let queryMask = Tensor([[1, 1, 0], [1, 1, 1]])
    private let valueMask = Tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])

    func testDotAttentionByHand() {
        let attention = Attention()
        let q = Tensor(shape: [1, 1, 2], scalars: [1, 0])
        let v = Tensor(shape: [1, 2, 2], scalars: [1, 2, 3, 4])
        let (output, scores) = attention.callWithAttentionScores(query: q, value: v)
        // Scores q·v = [1, 3]; weights softmax([1, 3]).
        let w1 = 1 / (1 + Float(Foundation.exp(2.0)))
        assertTensorsClose(scores, Tensor(shape: [1, 1, 2], scalars: [w1, 1 - w1]))
        assertTensorsClose(output, Tensor(shape: [1, 1, 2], scalars: [w1 * 1 + (1 - w1) * 3, w1 * 2 + (1 - w1) * 4]))
        XCTAssertTrue(attention.weights.isEmpty)
    }

    func testDotAttentionWithMasksAndCausalMaskMatchesKeras() {
        let attention = Attention(useScale: true)
        _ = attention(query: query, value: value, key: key)
        attention.scale!.assign(Tensor(0.8))
        let (output, scores) = attention.callWithAttentionScores(query: query, value: value, key: key, queryMask: queryMask,
                                                                 valueMask: valueMask, useCausalMask: true)
        assertTensorsClose(output, Tensor(shape: [2, 3, 4], scalars: KerasAttentionReference.attentionDotOutput))
        assertTensorsClose(scores, Tensor(shape: [2, 3, 5], scalars: KerasAttentionReference.attentionDotScores))
        XCTAssertEqual(attention.weights.map(\.name), ["\(attention.name).scale"])
    }

    func testConcatAttentionMatchesKeras() {
        let attention = Attention(useScale: true, scoreMode: .concat)
        _ = attention([query, value, key])
        attention.scale!.assign(Tensor(0.9))
        attention.concatScoreWeight!.assign(Tensor(1.3))
        assertTensorsClose(attention([query, value, key]),
                           Tensor(shape: [2, 3, 4], scalars: KerasAttentionReference.attentionConcatOutput))
    }

    func testAdditiveAttentionMatchesKeras() {
        let attention = AdditiveAttention()
        _ = attention([query, value])
        XCTAssertEqual(attention.scale!.shape, [4])
        attention.scale!.assign(sinePattern([4], offset: 0.2, scale: 0.5))
        assertTensorsClose(attention(query: query, value: value, valueMask: valueMask),
                           Tensor(shape: [2, 3, 4], scalars: KerasAttentionReference.additiveOutput))
    }

    func testAttentionGradients() {
        for layer in [Attention(useScale: true), Attention(useScale: true, scoreMode: .concat), AdditiveAttention()] {
            for (masks, causal) in [(false, false), (true, false), (true, true)] {
                assertGradientsMatchFiniteDifferences([query, value, key]) { xs in
                    layer(query: xs[0], value: xs[1], key: xs[2], queryMask: masks ? self.queryMask : nil,
                          valueMask: masks ? self.valueMask : nil, useCausalMask: causal)
                }
            }
            assertVariableGradientsMatchFiniteDifferences(layer.weights) {
                layer(query: query, value: value, key: key, valueMask: valueMask, useCausalMask: true).square().sum()
            }
        }
    }

    func testAttentionOutputShapeAndMaskInAFunctionalModel() throws {
        let q = Input(shape: [3, 4]), v = Input(shape: [5, 4])
        let output = Attention()([q, v])
        XCTAssertEqual(output.shape, [3, 4])
        let model = try Model(inputs: [q, v], outputs: [output])
        XCTAssertEqual(try model.predict([query, value])[0].shape, [2, 3, 4])
        XCTAssertThrowsError(try Model(inputs: [q, v], outputs: [Attention()([q, Input(shape: [5, 3])])]))
    }

    func testAttentionDropoutOnlyWhileTraining() {
        Random.seed(3)
        let attention = Attention(dropout: 0.5)
        let inference = attention.callWithAttentionScores(query: query, value: value).scores
        assertTensorsClose(inference.sum(axis: -1), Tensor.ones([2, 3]))
        let training = attention.callWithAttentionScores(query: query, value: value, training: true).scores
        let kept = training.scalars.filter { $0 != 0 }
        XCTAssertTrue(kept.count > 5 && kept.count < 25, "about half of the 30 weights dropped, kept \(kept.count)")
        for (dropped, full) in zip(training.scalars, inference.scalars) where dropped != 0 {
            XCTAssertEqual(dropped, 2 * full, accuracy: 1e-6)
        }
    }
}
