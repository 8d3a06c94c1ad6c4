import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

/// A user-defined additive attention over time steps, written the way a Keras user writes one:
/// `[batch, steps, features]` → `[batch, features]`.
final class AttentionPooling: Layer {
    private var weight: Variable!
    private var bias: Variable!

    override func build(inputShape: [Int]) throws {
        weight = addWeight(name: "W", shape: [inputShape[1], 1], initializer: .glorotUniform)
        bias = addWeight(name: "b", shape: [inputShape[0], 1], initializer: .zeros)
    }

    override func outputShape(for inputShape: [Int]) throws -> [Int] { [inputShape[1]] }

    override func call(_ input: Tensor, training: Bool) -> Tensor {
        let scores = (input.matmul(weight.value) + bias.value).tanh()   // [batch, steps, 1]
        let attention = scores.softmax(axis: 1)
        return (input * attention).sum(axis: 1)
    }
}

final class CustomLayerTests: XCTestCase {
    func testUserDefinedAttentionLayerBuildsTrainsAndChecksGradients() throws {
        LayerNames.reset()
        Random.seed(1)
        let layer = AttentionPooling()
        let x = randomTensor([2, 5, 3], seed: 4)
        XCTAssertEqual(layer(x).shape, [2, 3])
        XCTAssertEqual(layer.name, "attention_pooling")
        let variables = layer.trainableVariables
        XCTAssertEqual(variables.map(\.name), ["attention_pooling.W", "attention_pooling.b"])
        assertGradientsMatchFiniteDifferences([x] + variables.map(\.value)) { values in
            for (variable, value) in zip(variables, values.dropFirst()) { variable.value = value }
            return layer(values[0])
        }
        // In a model: the target is the first step's features, which attention can learn to pick.
        let input = Input(shape: [5, 3])
        let model = try Model(inputs: input, outputs: Dense(3)(AttentionPooling()(input)))
        model.compile(optimizer: Adam(learningRate: 0.05), loss: .meanSquaredError)
        let data = randomTensor([64, 5, 3], seed: 6)
        let history = try model.fit(data, data[.all, 0], epochs: 30, verbose: .silent)
        XCTAssertLessThan(history["loss"]!.last!, history["loss"]!.first! * 0.5)
        XCTAssertTrue(model.summary().contains("attention_pooling_1 (AttentionPooling)"), model.summary())
    }
}
