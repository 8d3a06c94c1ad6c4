import Cortex
import Foundation
import XCTest
@testable import CortexNN

final class LayerConfigTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(17)
    }

    /// Every built-in layer, with arguments away from their defaults, and an input shape.
    private func everyLayer() -> [(Layer, [[Int]])] {
        let image = [[7, 6, 3]], sequence = [[9, 4]], flat = [[6]]
        return [
            (Dense(5, activation: .elu, useBias: false, kernelInitializer: .lecunNormal, kernelRegularizer: .L1L2(l1: 0.1, l2: 0.2)), flat),
            (Dense(3, biasInitializer: .constant(0.5), biasRegularizer: .L2(0.3)), flat),
            (Activation(.gelu), flat),
            (Dropout(0.4, noiseShape: [1, 6]), [[4, 6]]),
            (Flatten(), image),
            (Permute([2, 1]), sequence),
            (RepeatVector(3), flat),
            (Reshape([3, -1]), flat),
            (Concatenate(axis: 1), [[2, 3], [4, 3]]),
            (Add(), [[3], [3]]), (Subtract(), [[3], [3]]), (Multiply(), [[3], [3]]),
            (Maximum(), [[3], [3]]), (Minimum(), [[3], [3]]), (Average(), [[3], [3]]),
            (Conv1D(4, kernelSize: 3, strides: 2, padding: .same, dilationRate: 1, activation: .relu,
                    kernelInitializer: .randomNormal(mean: 0.1, standardDeviation: 0.2)), sequence),
            (Conv2D(2, kernelSize: [3, 2], strides: [1, 2], padding: .valid, dilationRate: [2, 1], activation: .tanh,
                    biasInitializer: .ones), image),
            (Conv2DTranspose(3, kernelSize: 3, strides: 2, padding: .same, outputPadding: [1, 0]), image),
            (DepthwiseConv2D(kernelSize: 2, strides: 2, padding: .same, depthMultiplier: 2, depthwiseInitializer: .heUniform,
                             depthwiseRegularizer: .L1(0.5)), image),
            (SeparableConv2D(4, kernelSize: [2, 3], depthMultiplier: 2, kernelInitializer: .orthogonal(gain: 2)), image),
            (BatchNormalization(momentum: 0.8, epsilon: 0.01, center: false), image),
            (LayerNormalization(epsilon: 0.1, scale: false), sequence),
            (MaxPooling1D(poolSize: 3, strides: 2, padding: .same), sequence),
            (AveragePooling1D(poolSize: 2), sequence),
            (MaxPooling2D(poolSize: [2, 3], strides: 1), image),
            (AveragePooling2D(poolSize: 2, padding: .same), image),
            (GlobalAveragePooling1D(keepDims: true), sequence), (GlobalMaxPooling1D(), sequence),
            (GlobalAveragePooling2D(), image), (GlobalMaxPooling2D(keepDims: true), image),
            (UpSampling2D(size: [2, 3]), image),
            (ZeroPadding2D(padding: (1, 2, 3, 0)), image),
            (Cropping2D(cropping: (1, 0, 2, 1)), image),
        ]
    }

    /// A layer rebuilt from its configuration has the same configuration and, given the same
    /// weights, computes the same outputs: no constructor argument is lost.
    func testEveryBuiltInLayerRebuildsFromItsConfig() throws {
        let layers = everyLayer()
        let covered = Set(layers.map { String(describing: type(of: $0.0)) })
        XCTAssertEqual(covered.union(["InputLayer"]), Set(BuiltinLayers.factories.keys))
        for (layer, shapes) in layers {
            layer.activityRegularizer = .L2(0.25)
            layer.trainable = false
            try layer.ensureBuilt(inputShapes: shapes)
            let saved = try LayerSerialization.serialize(layer)
            let rebuilt = try LayerSerialization.deserialize(saved)
            XCTAssertTrue(type(of: rebuilt) == type(of: layer), "\(layer.name)")
            XCTAssertEqual(try LayerSerialization.serialize(rebuilt), saved, "\(layer.name)")
            XCTAssertEqual(rebuilt.activityRegularizer, .L2(0.25))
            XCTAssertFalse(rebuilt.trainable)
            try rebuilt.ensureBuilt(inputShapes: shapes)
            XCTAssertEqual(rebuilt.weights.map(\.name), layer.weights.map(\.name), "\(layer.name)")
            for (target, source) in zip(rebuilt.weights, layer.weights) { target.assign(source.value) }
            let inputs = shapes.map { Tensor.randomNormal([2] + $0) }
            XCTAssertEqual(rebuilt(inputs, training: false), layer(inputs, training: false), "\(layer.name)")
        }
    }

    func testDamagedLayerConfigurationsNameTheLayerAndKey() {
        func rebuild(_ json: String) throws -> Layer {
            try LayerSerialization.deserialize(try ModelArchive.decodeJSON(Data(json.utf8)))
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "Dense", "config": {"name": "d", "units": -2}}"#)) { error in
            XCTAssertEqual("\(error)", "d: units expected at least 1, got -2")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "Conv2D", "config": {"name": "c", "filters": 2, "kernel_size": [3]}}"#)) { error in
            XCTAssertEqual("\(error)", "c: kernel_size expected 2 integers, got 1")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "Dropout", "config": {"name": "x", "rate": 1.5}}"#)) { error in
            XCTAssertEqual("\(error)", "x: rate must be in [0, 1), got 1.5")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "Dense", "config": {"units": 2}}"#)) { error in
            XCTAssertEqual("\(error)", "Dense: name is missing")
        }
    }
}
