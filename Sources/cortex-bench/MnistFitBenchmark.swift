import ArgumentParser
import Cortex
import CortexData
import CortexNN
import Foundation

/// MNIST end to end: the `cnn` model of `cortex-bench models` trained for a few epochs through
/// `fit` on a shuffled, batched, prefetched `Dataset`, then evaluated on the test set, against the
/// same run in PyTorch and Keras (`models.py fit`, reading the same bundled IDX files). It takes
/// minutes per contender, so it is its own command and each contender runs once: its figures are
/// single runs, not medians, and move with the machine's load.
struct MnistFitBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mnist-fit",
        abstract: "Train the MNIST CNN end to end with Cortex, PyTorch and Keras/TensorFlow (one run each): wall time and test accuracy."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Flag(help: "Run only the Cortex side.")
    var cortexOnly = false

    @Option(help: "Training epochs.")
    var epochs = 3

    @Option(help: "Batch size on every side.")
    var batchSize = 128

    @Option(help: "Threads for Cortex (kernels and BLAS) and for each reference's thread pools.")
    var threads = 2

    struct Row: Encodable {
        let name: String
        /// Wall time of the training epochs (data loading and evaluation left out).
        let seconds: Double
        let accuracy: Double
        let version: String?
    }

    struct Report: Encodable {
        let threads: Int
        let epochs: Int
        let batchSize: Int
        let contenders: [Row]
    }

    private struct Measurement: Decodable {
        let seconds: Double
        let accuracy: Double
        let version: String
    }

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        Parallelism.threadCount = threads
        let root = repositoryRoot(containing: "benchmarks/reference/models.py")
        print("cortex-bench mnist-fit: \(epochs) epochs, batch \(batchSize), \(threads) threads on every side; " +
              "one run per contender (not a median), wall time of the training epochs only\n")
        fflush(stdout)
        var rows = [try cortexRun()]
        if !cortexOnly, let script = PythonScript.locate("models.py", root: root, label: "PyTorch and Keras references") {
            let data = root.appendingPathComponent("Sources/CortexData/Resources").path
            for framework in ["torch", "keras"] {
                progress("mnist-fit: \(framework)")
                do {
                    let measured = try script.runDecoding(Measurement.self, [
                        "fit", "--framework", framework, "--data", data, "--epochs", "\(epochs)",
                        "--batch-size", "\(batchSize)", "--threads", "\(threads)",
                    ])
                    rows.append(Row(name: framework, seconds: rounded(measured.seconds), accuracy: rounded(measured.accuracy, digits: 4),
                                    version: measured.version))
                } catch {
                    print("\(framework) reference skipped: \(error)")
                }
            }
        }
        var table = ResultTable("single runs; seconds: training epochs only", columns: ["contender", "seconds", "samples/s", "test accuracy"])
        let samples = Double(60_000 * epochs)
        for row in rows {
            table.add([row.name, formatted(row.seconds), formatted(samples / row.seconds, digits: 0), formatted(row.accuracy, digits: 4)])
        }
        print(table.rendered)
        if json {
            print(try jsonLine(Report(threads: threads, epochs: epochs, batchSize: batchSize, contenders: rows)))
        }
    }

    /// Cortex's run: the bundled MNIST scaled to [0, 1], shuffled each epoch, batched and
    /// prefetched, through `fit`; accuracy from `evaluate` on the test set.
    private func cortexRun() throws -> Row {
        progress("mnist-fit: Cortex")
        Random.seed(1)
        let (train, test) = try Datasets.mnist()
        func images(_ x: Tensor) -> Tensor { (x / 255).reshaped(to: [-1, 28, 28, 1]) }
        let batches = try Dataset(x: images(train.x), y: train.y).shuffled(seed: 1).batched(batchSize).prefetched()
        let model = ModelFamily.cnn.make()
        model.compile(optimizer: Adam(learningRate: 1e-3), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let start = DispatchTime.now().uptimeNanoseconds
        try model.fit(batches, epochs: epochs, verbose: .silent)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let logs = try model.evaluate(Dataset(x: images(test.x), y: test.y).batched(1000))
        guard let accuracy = logs["accuracy"] else { throw ReferenceError("evaluate gave no accuracy: \(logs)") }
        return Row(name: "cortex", seconds: rounded(seconds), accuracy: rounded(Double(accuracy), digits: 4), version: nil)
    }
}
