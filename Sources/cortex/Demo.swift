import ArgumentParser
import Cortex
import CortexData
import CortexNN
import Foundation

/// Trains the classic MNIST CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10), MLP (784-512-256-10),
/// or a recurrent network reading the image as 28 rows of 28 pixels (LSTM(128) or
/// Bidirectional(LSTM(128)), then Dense10) with Adam 1e-3 and batch 64 on the bundled data, and
/// prints its test accuracy.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train a CNN (or MLP, LSTM, bidirectional LSTM) on MNIST and print its test accuracy.")

    enum Architecture: String, ExpressibleByArgument { case cnn, mlp, lstm, bilstm }

    @Option(help: "The network: cnn, mlp, lstm or bilstm.") var model: Architecture = .cnn
    @Option(help: "Training epochs.") var epochs = 3
    @Option(help: "Use only the first N training images (all when omitted).") var trainingSamples: Int?
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        Random.seed(seed)
        let (train, test) = try Datasets.mnist()
        let count = min(trainingSamples ?? train.x.shape[0], train.x.shape[0])
        let sampleShape: [Int]
        switch self.model {
        case .cnn: sampleShape = [28, 28, 1]
        case .mlp: sampleShape = [784]
        case .lstm, .bilstm: sampleShape = [28, 28]
        }
        let xTrain = (train.x[0..<count] / 255).reshaped(to: [-1] + sampleShape)
        let yTrain = train.y[0..<count]
        let xTest = (test.x / 255).reshaped(to: [-1] + sampleShape)

        let model: Sequential
        switch self.model {
        case .cnn:
            model = Sequential {
                Input(shape: sampleShape)
                Conv2D(32, kernelSize: 3, activation: .relu)
                MaxPooling2D(poolSize: 2)
                Conv2D(64, kernelSize: 3, activation: .relu)
                MaxPooling2D(poolSize: 2)
                Flatten()
                Dense(128, activation: .relu)
                Dense(10, activation: .softmax)
            }
        case .mlp:
            model = Sequential {
                Input(shape: sampleShape)
                Dense(512, activation: .relu)
                Dense(256, activation: .relu)
                Dense(10, activation: .softmax)
            }
        case .lstm:
            model = Sequential {
                Input(shape: sampleShape)
                LSTM(128)
                Dense(10, activation: .softmax)
            }
        case .bilstm:
            model = Sequential {
                Input(shape: sampleShape)
                Bidirectional(LSTM(128))
                Dense(10, activation: .softmax)
            }
        }
        print(model.summary())
        model.compile(optimizer: Adam(learningRate: 1e-3), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let start = Date()
        try model.fit(xTrain, yTrain, batchSize: 64, epochs: epochs, validationSplit: 0.1)
        let seconds = Date().timeIntervalSince(start)
        let result = try model.evaluate(xTest, test.y, batchSize: 256)
        print(String(format: "Test accuracy: %.2f%% (loss %.4f) after %d epochs in %.0f s",
                     result["accuracy"]! * 100, result["loss"]!, epochs, seconds))
    }
}
