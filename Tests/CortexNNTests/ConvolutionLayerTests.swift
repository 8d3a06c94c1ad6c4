import Cortex
import CortexData
import CortexTestSupport
import XCTest
@testable import CortexNN

final class ConvolutionLayerTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(5)
    }

    /// Gradient check with respect to the input and every trainable weight.
    private func checkGradients(_ layer: Layer, inputShape: [Int], file: StaticString = #filePath, line: UInt = #line) {
        let x = randomTensor(inputShape, seed: 9)
        _ = layer(x)
        if let convolution = layer as? ConvolutionLayer, let bias = convolution.bias {
            bias.assign(randomTensor(bias.shape, seed: 10))
        }
        let variables = layer.trainableVariables
        assertGradientsMatchFiniteDifferences([x] + variables.map(\.value), epsilon: 1e-3, file: file, line: line) { values in
            for (variable, value) in zip(variables, values.dropFirst()) { variable.value = value }
            return layer(values[0])
        }
    }

    func testSeedCNNSummaryMatchesKeras() {
        let model = Sequential {
            Input(shape: [28, 28, 1])
            Conv2D(32, kernelSize: 3, activation: .relu)
            MaxPooling2D(poolSize: 2)
            Conv2D(64, kernelSize: 3, activation: .relu)
            MaxPooling2D(poolSize: 2)
            Flatten()
            Dense(128, activation: .relu)
            Dense(10, activation: .softmax)
        }
        let summary = model.summary()
        for expected in ["conv2d (Conv2D)", "(None, 26, 26, 32)", "320", "(None, 13, 13, 32)", "(None, 11, 11, 64)", "18,496",
                         "(None, 5, 5, 64)", "(None, 1600)", "204,928", "1,290", " Total params: 225,034 (879.04 KB)"] {
            XCTAssertTrue(summary.contains(expected), "missing \(expected) in\n\(summary)")
        }
    }

    func testConv2DAddsBiasAndActivation() {
        let layer = Conv2D(2, kernelSize: 2, activation: .relu)
        let x = Tensor.arange(0, 9).reshaped(to: [1, 3, 3, 1])
        _ = layer(x)
        layer.kernel.assign(Tensor(shape: [2, 2, 1, 2], scalars: [1, -1, 0, 0, 0, 0, 1, -1]))
        layer.bias!.assign(Tensor([0.5, 0]))
        // Channel 0: x[i,j] + x[i+1,j+1] + 0.5; channel 1: the negation (then relu → 0).
        let y = layer(x)
        XCTAssertEqual(y.shape, [1, 2, 2, 2])
        XCTAssertEqual(y.scalars, [4.5, 0, 6.5, 0, 10.5, 0, 12.5, 0])
    }

    func testOutputShapesAndParameterCountsMatchKeras() throws {
        func check(_ layer: Layer, _ input: [Int], _ output: [Int], parameters: Int, file: StaticString = #filePath, line: UInt = #line) throws {
            XCTAssertEqual(try layer.outputShape(for: input), output, file: file, line: line)
            _ = layer(Tensor.zeros([1] + input))
            XCTAssertEqual(layer.parameterCount, parameters, file: file, line: line)
        }
        try check(Conv2D(8, kernelSize: 3, strides: 2, padding: .same), [9, 9, 3], [5, 5, 8], parameters: 3 * 3 * 3 * 8 + 8)
        try check(Conv2D(4, kernelSize: [3, 1], dilationRate: 2), [9, 9, 2], [5, 9, 4], parameters: 3 * 2 * 4 + 4)
        try check(Conv1D(6, kernelSize: 3, padding: .same), [10, 4], [10, 6], parameters: 3 * 4 * 6 + 6)
        try check(Conv2DTranspose(5, kernelSize: 3, strides: 2, padding: .same), [4, 4, 2], [8, 8, 5], parameters: 3 * 3 * 5 * 2 + 5)
        try check(DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2), [6, 6, 3], [4, 4, 6], parameters: 3 * 3 * 3 * 2 + 6)
        try check(SeparableConv2D(8, kernelSize: 3, padding: .same), [6, 6, 3], [6, 6, 8], parameters: 27 + 3 * 8 + 8)
        try check(MaxPooling2D(poolSize: 2), [7, 7, 3], [3, 3, 3], parameters: 0)
        try check(AveragePooling2D(poolSize: 3, strides: 1, padding: .same), [5, 5, 2], [5, 5, 2], parameters: 0)
        try check(MaxPooling1D(), [9, 4], [4, 4], parameters: 0)
        try check(AveragePooling1D(poolSize: 3, padding: .same), [10, 2], [4, 2], parameters: 0)
        try check(UpSampling2D(size: [2, 3]), [2, 2, 1], [4, 6, 1], parameters: 0)
        XCTAssertEqual(try Conv2D(4, kernelSize: 3).outputShape(for: [-1, -1, 3]), [-1, -1, 4])
    }

    func testBadInputsAreReportedByLayerName() {
        XCTAssertThrowsError(try Conv2D(4, kernelSize: 5, name: "conv").outputShape(for: [3, 3, 1])) { error in
            XCTAssertTrue("\(error)".hasPrefix("conv "), "\(error)")
        }
        XCTAssertThrowsError(try MaxPooling2D().outputShape(for: [4, 4])) { error in
            XCTAssertEqual("\(error)", "max_pooling2d expects input (None, height, width, channels), got (None, 4, 4)")
        }
    }

    func testConvolutionLayerGradients() {
        checkGradients(Conv2D(3, kernelSize: 3, strides: 2, padding: .same, activation: .tanh), inputShape: [2, 5, 5, 2])
        checkGradients(Conv1D(2, kernelSize: 2, dilationRate: 2), inputShape: [2, 7, 3])
        checkGradients(Conv2DTranspose(2, kernelSize: 3, strides: 2), inputShape: [2, 3, 3, 2])
        checkGradients(DepthwiseConv2D(kernelSize: 2, depthMultiplier: 2), inputShape: [2, 4, 4, 2])
        checkGradients(SeparableConv2D(3, kernelSize: 2), inputShape: [2, 4, 4, 2])
        checkGradients(AveragePooling2D(poolSize: 2, padding: .same), inputShape: [2, 5, 5, 2])
        checkGradients(MaxPooling1D(poolSize: 2), inputShape: [2, 6, 3])
        checkGradients(UpSampling2D(size: 2), inputShape: [2, 2, 3, 2])
    }

    func testSmallCNNLearnsDigits() throws {
        let data = try Datasets.digits()
        let split = try trainTestSplit((data.data / 16).reshaped(to: [-1, 8, 8, 1]), data.target, testSize: 0.2,
                                       randomState: 42, stratify: data.target)
        let model = Sequential {
            Input(shape: [8, 8, 1])
            Conv2D(16, kernelSize: 3, padding: .same, activation: .relu)
            MaxPooling2D()
            Flatten()
            Dense(10, activation: .softmax)
        }
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.fit(split.xTrain, split.yTrain, batchSize: 32, epochs: 5, verbose: .silent)
        let accuracy = try model.evaluate(split.xTest, split.yTest)["accuracy"]!
        // This network reaches about 96–98% on the held-out digits; 93% leaves room for seeds.
        XCTAssertGreaterThan(accuracy, 0.93)
    }

    func testTwoBranchCNNFusedWithConcatenateTrains() throws {
        let data = try Datasets.digits()
        let images = (data.data / 16).reshaped(to: [-1, 8, 8, 1])
        let split = try trainTestSplit(images, data.target, testSize: 0.2, randomState: 42, stratify: data.target)
        let a = Input(shape: [8, 8, 1]), b = Input(shape: [8, 8, 1])
        let left = Flatten()(MaxPooling2D()(Conv2D(8, kernelSize: 3, padding: .same, activation: .relu)(a)))
        let right = Flatten()(MaxPooling2D()(Conv2D(8, kernelSize: 5, padding: .same, activation: .relu)(b)))
        let output = Dense(10, activation: .softmax)(Concatenate()([left, right]))
        let model = try Model(inputs: [a, b], outputs: [output])
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        // The second branch sees the image mirrored left to right.
        try model.fit([split.xTrain, split.xTrain.flipped(axes: [2])], [split.yTrain], batchSize: 32, epochs: 4, verbose: .silent)
        let result = try model.evaluate([split.xTest, split.xTest.flipped(axes: [2])], [split.yTest])
        XCTAssertGreaterThan(result["accuracy"]!, 0.93, "\(result)")
        XCTAssertTrue(model.summary().contains("concatenate (Concatenate)"))
    }
}
