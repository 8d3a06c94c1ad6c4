import Cortex
import CortexNN
import CortexTestSupport
import Foundation
import XCTest

/// More on the user-defined `AttentionPooling` of CustomLayerTests: its values by hand, and
/// over LSTM outputs, where it is usually put.
final class AttentionPoolingLayerTests: XCTestCase {
    func testForwardByHand() {
        let pooling = AttentionPooling()
        let x = Tensor(shape: [1, 2, 2], scalars: [1, 0, 0, 2])
        _ = pooling(x)
        pooling.weights[0].assign(Tensor([[1], [1]]))
        pooling.weights[1].assign(Tensor([[0], [0.5]]))
        // Energies tanh(1) and tanh(2.5); the weights are their softmax over the two steps.
        let e0 = Foundation.exp(Foundation.tanh(Float(1))), e1 = Foundation.exp(Foundation.tanh(Float(2.5)))
        let (a0, a1) = (e0 / (e0 + e1), e1 / (e0 + e1))
        assertTensorsClose(pooling(x), Tensor([[a0 * 1, a1 * 2]]))
    }

    /// One of 8 steps carries a marker and the class; the others carry noise. LSTM states pooled
    /// by attention have to find the marked step.
    func testOverLSTMOutputsLearnsToFindTheMarkedStep() throws {
        Random.seed(11)
        var generator = RandomGenerator(seed: 5)
        let count = 256, steps = 8
        var xs = [Float](), ys = [Float]()
        for _ in 0..<count {
            let marked = generator.nextInt(below: steps)
            let label = generator.nextInt(below: 2)
            for step in 0..<steps {
                xs += step == marked ? [1, Float(label) * 2 - 1] : [0, generator.nextUniform() * 0.2 - 0.1]
            }
            ys.append(Float(label))
        }
        let x = Tensor(shape: [count, steps, 2], scalars: xs), y = Tensor(shape: [count, 1], scalars: ys)
        let input = Input(shape: [steps, 2])
        let states = LSTM(8, returnSequences: true)(input)
        let output = Dense(1, activation: .sigmoid)(AttentionPooling()(states))
        let model = try Model(inputs: [input], outputs: [output])
        model.compile(optimizer: Adam(learningRate: 0.02), loss: .binaryCrossentropy(), metrics: [.accuracy])
        try model.fit(x, y, batchSize: 32, epochs: 15, verbose: .silent)
        XCTAssertGreaterThan(try model.evaluate(x, y)["accuracy"]!, 0.95)
    }
}
