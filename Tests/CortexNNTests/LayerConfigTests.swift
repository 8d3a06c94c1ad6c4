import Cortex
import Foundation
import XCTest
@testable import CortexNN

/// A recurrent cell outside the library, saved once registered: `h = tanh(x·W + h·U) + offset`.
final class OffsetCell: RNNCell, SerializableLayer {
    let units: Int
    let offset: Float
    private var kernel: Variable!, recurrentKernel: Variable!

    init(units: Int, offset: Float, name: String? = nil) {
        self.units = units
        self.offset = offset
        super.init(name: name)
    }

    convenience init(config: ConfigReader) throws {
        self.init(units: try config.int("units", atLeast: 1), offset: try config.float("offset"), name: try config.name)
    }

    override var stateSize: [Int] { [units] }

    override func build(inputShape: [Int]) throws {
        kernel = addWeight(name: "kernel", shape: [inputShape[0], units])
        recurrentKernel = addWeight(name: "recurrent_kernel", shape: [units, units])
    }

    override func call(_ input: Tensor, states: [Tensor], training: Bool) -> (output: Tensor, states: [Tensor]) {
        let h = (input.matmul(kernel.value) + states[0].matmul(recurrentKernel.value)).tanh() + offset
        return (h, [h])
    }

    override var config: [String: ConfigValue] { ["units": .int(units), "offset": .double(Double(offset))] }
}

final class LayerConfigTests: XCTestCase {
    override func setUp() {
        LayerNames.reset()
        Random.seed(17)
        LayerRegistry.register(OffsetCell.self)
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
            (Embedding(inputDim: 7, outputDim: 3, embeddingsInitializer: .randomNormal(mean: 0, standardDeviation: 0.3),
                       embeddingsRegularizer: .L2(0.1), maskZero: true, inputLength: 5), [[5]]),
            (Masking(maskValue: 0.5), sequence),
            (SimpleRNN(3, activation: .relu, useBias: false, kernelInitializer: .heNormal, recurrentRegularizer: .L1(0.2),
                       dropout: 0.1, returnSequences: true, goBackwards: true), sequence),
            (LSTM(3, recurrentActivation: .hardSigmoid, recurrentInitializer: .glorotNormal, biasInitializer: .constant(0.2),
                  unitForgetBias: false, kernelRegularizer: .L2(0.1), biasRegularizer: .L1(0.3), recurrentDropout: 0.2,
                  returnState: true, stateful: true), sequence),
            (GRU(2, activation: .linear, returnSequences: true, resetAfter: false), sequence),
            (Bidirectional(LSTM(2, returnSequences: true), mergeMode: .ave), sequence),
            (Bidirectional(GRU(2, activation: .relu), backwardLayer: GRU(2, activation: .sigmoid, goBackwards: true)), sequence),
            (RNN(cell: OffsetCell(units: 2, offset: 0.5), returnSequences: true, goBackwards: true), sequence),
            (TimeDistributed(Dense(2, activation: .relu)), sequence),
            (TimeDistributed(Conv1D(2, kernelSize: 2)), [[3, 4, 2]]),
            (Attention(useScale: true, scoreMode: .concat, dropout: 0.2), [[5, 4], [6, 4]]),
            (AdditiveAttention(useScale: false, dropout: 0.1), [[5, 4], [6, 4], [6, 4]]),
            (MultiHeadAttention(numHeads: 2, keyDim: 3, valueDim: 2, dropout: 0.1, outputShape: [5],
                                kernelInitializer: .heUniform, biasInitializer: .ones, kernelRegularizer: .L2(0.1),
                                biasRegularizer: .L1(0.1)), [[5, 4], [6, 3]]),
            (MultiHeadAttention(numHeads: 1, keyDim: 2, useBias: false), [[5, 4], [6, 3], [6, 2]]),
            (PositionEmbedding(sequenceLength: 12, initializer: .randomUniform(lower: -1, upper: 1)), sequence),
            (SinePositionEncoding(maxWavelength: 100), sequence),
            (TransformerEncoder(intermediateDim: 6, numHeads: 2, dropout: 0.1, activation: .gelu, layerNormEpsilon: 1e-3,
                                kernelInitializer: .heNormal, biasInitializer: .constant(0.1), normalizeFirst: true), sequence),
        ] + augmentationLayers().map { ($0, image) } + [
            (Rescaling(scale: 1 / 255, offset: -0.5), image),
            (Resizing(height: 4, width: 5, interpolation: .nearest, cropToAspectRatio: true), image),
        ]
    }

    /// The random image layers, seeded so that rebuilt copies draw the same transformations.
    private func augmentationLayers() -> [Layer] {
        [
            RandomFlip(mode: .vertical, seed: 3),
            RandomRotation(factor: PreprocessingFactor(lower: -0.2, upper: 0.1), fillMode: .constant, interpolation: .nearest,
                           seed: 4, fillValue: 0.5),
            RandomTranslation(heightFactor: 0.2, widthFactor: PreprocessingFactor(lower: 0, upper: 0.3), fillMode: .wrap, seed: 5),
            RandomZoom(heightFactor: 0.3, widthFactor: PreprocessingFactor(lower: -0.1, upper: 0.2), fillMode: .nearest, seed: 6),
            RandomContrast(factor: 0.4, valueRange: (-3, 3), seed: 7),
        ]
    }

    /// Augmentation layers rebuilt from their configuration draw the same transformations in training.
    func testSeededAugmentationLayersRebuildToTheSameDraws() throws {
        let images = Tensor.randomNormal([3, 7, 6, 2])
        for layer in augmentationLayers() {
            let rebuilt = try LayerSerialization.deserialize(try LayerSerialization.serialize(layer))
            let expected = layer(images, training: true)
            XCTAssertNotEqual(expected, images, "\(layer.name)")
            XCTAssertEqual(rebuilt(images, training: true), expected, "\(layer.name)")
        }
    }

    /// Inputs for a layer: token ids for an `Embedding`, normal values otherwise.
    private func sampleInputs(for layer: Layer, shapes: [[Int]]) -> [Tensor] {
        guard let embedding = layer as? Embedding else { return shapes.map { Tensor.randomNormal([2] + $0) } }
        return shapes.map { shape in Tensor(shape: [2] + shape, scalars: (0..<(2 * shape[0])).map { Float($0 % embedding.inputDim) }) }
    }

    /// The public layer classes declared in CortexNN's sources (subclasses of `Layer`, however
    /// deep), so that a new layer without a factory fails the test below.
    private func publicLayerClasses() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/CortexNN")
        let declaration = try NSRegularExpression(pattern: #"^(?:public|open) (?:final )?class (\w+): (\w+)"#, options: .anchorsMatchLines)
        var superclasses: [String: String] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                superclasses[name] = String(text[Range(match.range(at: 2), in: text)!])
            }
        }
        func isLayer(_ name: String) -> Bool {
            name == "Layer" || superclasses[name].map(isLayer) ?? false
        }
        return Set(superclasses.keys.filter(isLayer))
    }

    /// Every public layer class is saved and loaded, except the abstract bases, the models (saved
    /// by their own path) and `Lambda` (a closure).
    func testEveryPublicLayerClassHasAFactory() throws {
        let notLayers: Set = ["ConvolutionLayer", "GlobalPooling", "Merge", "Pooling1D", "Pooling2D", "RecurrentLayer",
                              "FusedRecurrentLayer", "RNNCell", "Model", "Sequential", "Lambda"]
        let classes = try publicLayerClasses()
        XCTAssertTrue(classes.isSuperset(of: ["Dense", "LSTM", "AdditiveAttention", "InputLayer"]), "\(classes.sorted())")
        XCTAssertEqual(classes.subtracting(notLayers), Set(BuiltinLayers.factories.keys))
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
            XCTAssertEqual(rebuilt.variables.map(\.name), layer.variables.map(\.name), "\(layer.name)")
            for (target, source) in zip(rebuilt.variables, layer.variables) { target.assign(source.value) }
            let inputs = sampleInputs(for: layer, shapes: shapes)
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
        let lstm = try! LayerSerialization.serialize(LSTM(2, name: "lstm"))
        let json = String(decoding: try! JSONEncoder().encode(lstm), as: UTF8.self)
        XCTAssertThrowsError(try rebuild(json.replacingOccurrences(of: #""activation":"tanh""#, with: #""activation":"softmax""#))) { error in
            XCTAssertEqual("\(error)", #"lstm: activation expected one of ["tanh", "sigmoid", "relu", "linear", "hard_sigmoid"], got "softmax""#)
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "TimeDistributed", "config": {"name": "t", "layer": 3}}"#)) { error in
            XCTAssertEqual("\(error)", "t: layer expected a layer's {class_name, config}, got 3")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "Bidirectional", "config": {"name": "b", "merge_mode": "concat", "#
                                         + #""layer": \#(json), "backward_layer": \#(json)}}"#)) { error in
            XCTAssertEqual("\(error)", "b: backward_layer must read the sequence the other way than layer, with the same return_sequences")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "Bidirectional", "config": {"name": "b", "merge_mode": "concat", "#
                                         + #""layer": {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "linear", "#
                                         + #""use_bias": false, "kernel_initializer": {"class_name": "Zeros"}, "#
                                         + #""bias_initializer": {"class_name": "Zeros"}}}}}"#)) { error in
            XCTAssertEqual("\(error)", "b: layer expected a RecurrentLayer, got Dense d")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "RandomRotation", "config": {"name": "r", "factor": [0.5, 2]}}"#)) { error in
            XCTAssertEqual("\(error)", "r: factor must lie in [-1.0, 1.0], got [0.5, 2.0]")
        }
        XCTAssertThrowsError(try rebuild(#"{"class_name": "RandomZoom", "config": {"name": "z", "height_factor": 1, "#
                                         + #""fill_mode": "reflect", "interpolation": "bilinear", "fill_value": 0}}"#)) { error in
            XCTAssertEqual("\(error)", "z: height_factor must lie in (-1, 1]")
        }
    }
}
