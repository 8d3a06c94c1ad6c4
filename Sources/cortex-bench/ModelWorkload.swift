import Cortex
import CortexNN

/// One model workload of `cortex-bench models`: what is timed, on which model, and how Cortex
/// runs it. The reference side of every workload lives in benchmarks/reference/models.py under
/// the same name.
///
/// Adding a workload is one entry in `all`; a workload whose model family is new also needs
/// its builder (a static function below, and its twin in models.py).
struct ModelWorkload {
    enum Kind {
        /// One optimizer step (forward, backward, Adam) on one batch, reported in samples/s.
        case training
        /// One forward pass without gradients, reported in µs per call for a single sample and in
        /// samples/s for a batch.
        case inference
    }

    let name: String
    let kind: Kind
    let batch: Int
    /// The shape of one sample (channels last) and the number of classes of the softmax output.
    let sampleShape: [Int]
    let classes: Int
    /// For models that start with an embedding: inputs are token ids in `0..<vocabulary`.
    let vocabulary: Int?
    /// Floating-point operations of one forward pass over one sample, counting the matrix
    /// products and convolutions (2 per multiply-add); a training step is counted as 3 forward
    /// passes (forward, input gradients, weight gradients).
    let forwardFlopsPerSample: Double
    let makeModel: () -> Sequential

    var reportsLatency: Bool { kind == .inference && batch == 1 }
    var unit: String { reportsLatency ? "µs" : "samples/s" }
    /// FLOPs of one timed step or call, for training workloads (nil for inference).
    var flopsPerStep: Double? { kind == .training ? 3 * forwardFlopsPerSample * Double(batch) : nil }

    /// The reported figure for a median of `seconds` per step or call.
    func value(seconds: Double) -> Double {
        reportsLatency ? seconds * 1e6 : Double(batch) / seconds
    }

    /// Whether `a` is a better figure than `b` in this workload's unit.
    func isBetter(_ a: Double, than b: Double) -> Bool { reportsLatency ? a < b : a > b }

    static let all: [ModelWorkload] = [
        ModelWorkload(name: "mlp_train", kind: .training, batch: 128, family: .mlp),
        ModelWorkload(name: "cnn_train", kind: .training, batch: 64, family: .cnn),
        ModelWorkload(name: "mlp_infer1", kind: .inference, batch: 1, family: .mlp),
        ModelWorkload(name: "cnn_infer1", kind: .inference, batch: 1, family: .cnn),
        ModelWorkload(name: "mlp_infer256", kind: .inference, batch: 256, family: .mlp),
        ModelWorkload(name: "cnn_infer256", kind: .inference, batch: 256, family: .cnn),
        ModelWorkload(name: "lstm_train", kind: .training, batch: 64, family: .lstm),
        ModelWorkload(name: "embrnn_train", kind: .training, batch: 64, family: .embeddingRNN),
    ]

    /// The step Cortex runs for this workload, on a freshly built model and synthetic data from
    /// a seeded generator: `trainOnBatch` for training, the model called as a function under
    /// `withoutGradients` for inference (the path a server takes for one request).
    func makeCortexStep() throws -> () -> Void {
        Random.seed(1)
        let model = makeModel()
        let x = makeInputs()
        switch kind {
        case .training:
            let labels = Random.withGenerator { generator in
                Tensor((0..<batch).map { _ in Float(Int.random(in: 0..<classes, using: &generator)) })
            }
            model.compile(optimizer: Adam(learningRate: 1e-3), loss: .sparseCategoricalCrossentropy)
            _ = try model.trainOnBatch(x, labels)
            return { blackHole(try? model.trainOnBatch(x, labels)) }
        case .inference:
            return { blackHole(withoutGradients { model(x) }) }
        }
    }

    /// One batch of uniform values in [-1, 1], or of uniform token ids for an embedding.
    private func makeInputs() -> Tensor {
        guard let vocabulary else { return Tensor.randomUniform([batch] + sampleShape, lower: -1, upper: 1) }
        let count = batch * sampleShape.reduce(1, *)
        return Random.withGenerator { generator in
            Tensor(shape: [batch] + sampleShape,
                   scalars: (0..<count).map { _ in Float(Int.random(in: 0..<vocabulary, using: &generator)) })
        }
    }
}

/// A model family shared by several workloads: its sample shape, classes, forward FLOPs and
/// builder.
struct ModelFamily {
    let sampleShape: [Int]
    let classes: Int
    var vocabulary: Int? = nil
    let forwardFlopsPerSample: Double
    let make: () -> Sequential

    /// Dense 784 → 512 → 256 → 10, relu, softmax.
    static let mlp = ModelFamily(sampleShape: [784], classes: 10,
                                 forwardFlopsPerSample: 2 * Double(784 * 512 + 512 * 256 + 256 * 10)) {
        Sequential {
            Input(shape: [784])
            Dense(512, activation: .relu)
            Dense(256, activation: .relu)
            Dense(10, activation: .softmax)
        }
    }

    /// Conv2D(32, 3) → MaxPool 2 → Conv2D(64, 3) → MaxPool 2 → Flatten → Dense 128 → Dense 10 on
    /// 28 × 28 × 1 images (LeNet-sized), relu, softmax.
    static let cnn = ModelFamily(sampleShape: [28, 28, 1], classes: 10,
                                 forwardFlopsPerSample: 2 * Double(26 * 26 * 32 * 9 + 11 * 11 * 64 * 9 * 32
                                                                   + 1600 * 128 + 128 * 10)) {
        Sequential {
            Input(shape: [28, 28, 1])
            Conv2D(32, kernelSize: 3, activation: .relu)
            MaxPooling2D(poolSize: 2)
            Conv2D(64, kernelSize: 3, activation: .relu)
            MaxPooling2D(poolSize: 2)
            Flatten()
            Dense(128, activation: .relu)
            Dense(10, activation: .softmax)
        }
    }

    /// LSTM(64, returnSequences) → LSTM(64) → Dense 10 over 50 steps of 32 features. Per step an
    /// LSTM multiplies its input and its previous output by 4·units gate columns.
    static let lstm = ModelFamily(sampleShape: [50, 32], classes: 10,
                                  forwardFlopsPerSample: 2 * Double(50 * (32 + 64) * 256 + 50 * (64 + 64) * 256 + 64 * 10)) {
        Sequential {
            Input(shape: [50, 32])
            LSTM(64, returnSequences: true)
            LSTM(64)
            Dense(10, activation: .softmax)
        }
    }

    /// Embedding(10000, 64) → SimpleRNN(128) → Dense 2 over 100 token ids; the embedding is a
    /// lookup, so only the recurrence and the output layer count.
    static let embeddingRNN = ModelFamily(sampleShape: [100], classes: 2, vocabulary: 10000,
                                          forwardFlopsPerSample: 2 * Double(100 * (64 + 128) * 128 + 128 * 2)) {
        Sequential {
            Input(shape: [100])
            Embedding(inputDim: 10000, outputDim: 64)
            SimpleRNN(128)
            Dense(2, activation: .softmax)
        }
    }
}

extension ModelWorkload {
    init(name: String, kind: Kind, batch: Int, family: ModelFamily) {
        self.init(name: name, kind: kind, batch: batch, sampleShape: family.sampleShape, classes: family.classes,
                  vocabulary: family.vocabulary, forwardFlopsPerSample: family.forwardFlopsPerSample, makeModel: family.make)
    }
}
