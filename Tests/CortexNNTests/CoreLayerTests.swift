import Cortex
import CortexTestSupport
import XCTest
@testable import CortexNN

final class CoreLayerTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(7)
    }

    func testDenseForwardMatchesHandComputed() {
        let dense = Dense(2, activation: .relu)
        _ = dense(Tensor.zeros([1, 3]))
        dense.kernel.assign(Tensor([[1, -1], [2, 0], [0, 1]]))
        dense.bias!.assign(Tensor([0.5, -4]))
        // [1, 2, 3]·K = [5, 2]; + b = [5.5, -2]; relu → [5.5, 0]
        XCTAssertEqual(dense(Tensor([[1, 2, 3]])).scalars, [5.5, 0])
        XCTAssertEqual(dense.kernel.name, "dense.kernel")
        XCTAssertEqual(dense.parameterCount, 8)
    }

    func testAutomaticNamesFollowKeras() {
        XCTAssertEqual(Dense(1).name, "dense")
        XCTAssertEqual(Dense(1).name, "dense_1")
        XCTAssertEqual(Flatten().name, "flatten")
        XCTAssertEqual(LayerNames.snakeCase("Conv2DTranspose"), "conv2d_transpose")
        XCTAssertEqual(LayerNames.snakeCase("BatchNormalization"), "batch_normalization")
        XCTAssertEqual(LayerNames.snakeCase("GlobalAveragePooling2D"), "global_average_pooling2d")
    }

    /// Gradient check of a layer with respect to its input and every weight.
    private func checkLayerGradients(_ layer: Layer, inputShape: [Int], file: StaticString = #filePath, line: UInt = #line) {
        let x = randomTensor(inputShape, seed: 3)
        _ = layer(x)
        let variables = layer.trainableVariables
        assertGradientsMatchFiniteDifferences([x] + variables.map(\.value), file: file, line: line) { values in
            for (variable, value) in zip(variables, values.dropFirst()) { variable.value = value }
            return layer(values[0], training: false)
        }
    }

    func testDenseGradients() {
        checkLayerGradients(Dense(4, activation: .tanh), inputShape: [3, 5])
        checkLayerGradients(Dense(3, activation: .softmax), inputShape: [2, 4, 5])
        checkLayerGradients(Dense(2, useBias: false), inputShape: [3, 3])
    }

    func testShapeLayersForwardAndGradients() {
        let x = Tensor.arange(0, 24).reshaped(to: [2, 3, 4])
        XCTAssertEqual(Flatten()(x).shape, [2, 12])
        XCTAssertEqual(Reshape([4, 3])(x).shape, [2, 4, 3])
        XCTAssertEqual(Reshape([-1, 2])(x).shape, [2, 6, 2])
        let permuted = Permute([2, 1])(x)
        XCTAssertEqual(permuted.shape, [2, 4, 3])
        XCTAssertEqual(permuted[index: [1, 3, 2]], x[index: [1, 2, 3]])
        let repeated = RepeatVector(3)(Tensor([[1, 2], [3, 4]]))
        XCTAssertEqual(repeated.shape, [2, 3, 2])
        XCTAssertEqual(repeated.scalars, [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4])
        XCTAssertEqual(Lambda { $0 * 2 }(Tensor([[1, 2]])).scalars, [2, 4])
        checkLayerGradients(Permute([2, 1]), inputShape: [2, 3, 4])
        checkLayerGradients(RepeatVector(3), inputShape: [2, 5])
        checkLayerGradients(Activation(.gelu), inputShape: [2, 5])
    }

    func testDropoutScalesKeptUnitsAndIsIdentityInInference() {
        let dropout = Dropout(0.5)
        let x = Tensor.ones([100, 100])
        XCTAssertEqual(dropout(x, training: false), x)
        let dropped = dropout(x, training: true)
        let values = Set(dropped.scalars)
        XCTAssertEqual(values, [0, 2])
        XCTAssertEqual(dropped.mean().scalar, 1, accuracy: 0.05)
    }

    func testActivationsByName() {
        let x = Tensor([-1, 0, 2])
        XCTAssertEqual(ActivationFunction.relu(x).scalars, [0, 0, 2])
        XCTAssertEqual(ActivationFunction.linear(x).scalars, [-1, 0, 2])
        XCTAssertEqual(ActivationFunction.relu6(Tensor([7])).scalars, [6])
        assertTensorsClose(ActivationFunction.hardSigmoid(x), Tensor([1.0 / 3, 0.5, 5.0 / 6]))
        XCTAssertEqual(ActivationFunction(rawValue: "leaky_relu"), .leakyRelu)
    }

    func testRegularizersMatchKerasFormula() {
        let w = Tensor([[1, -2], [3, 0]])
        XCTAssertEqual(Regularizer.L1(0.1).penalty(w).scalar, 0.6, accuracy: 1e-6)
        XCTAssertEqual(Regularizer.L2(0.01).penalty(w).scalar, 0.14, accuracy: 1e-6)
        XCTAssertEqual(Regularizer.L1L2(l1: 0.1, l2: 0.01).penalty(w).scalar, 0.74, accuracy: 1e-6)
    }

    func testInitializersHaveKerasVariances() {
        // glorot uniform: limit sqrt(6 / (fanIn + fanOut)) → variance 2 / (fanIn + fanOut).
        let glorot = Initializer.glorotUniform.make([400, 600])
        XCTAssertEqual(glorot.variance().scalar, 2.0 / 1000, accuracy: 1e-4)
        XCTAssertLessThanOrEqual(glorot.abs().max().scalar, (6.0 / 1000).squareRoot())
        let he = Initializer.heNormal.make([3, 3, 64, 128])
        XCTAssertEqual(he.variance().scalar, 2.0 / (9 * 64), accuracy: 3e-4)
        let orthogonal = Initializer.orthogonal().make([6, 4])
        assertTensorsClose(orthogonal.matmul(orthogonal, transposeSelf: true), Tensor.eye(4), tolerance: 1e-5)
        XCTAssertEqual(Initializer.constant(3).make([2]).scalars, [3, 3])
    }
}
