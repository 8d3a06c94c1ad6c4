import ArgumentParser
import Cortex
import CortexData

/// One shuffled epoch of MNIST-shaped batches through the `Dataset` pipeline: the gathered-rows
/// path, the per-sample stacking path it avoids, and with prefetching, against copying the same
/// rows in the same order with raw pointers.
struct DataBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Time one shuffled epoch of batches from in-memory arrays, against a raw row copy."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Option(help: "Timed runs per measurement; the median is reported.")
    var repetitions = 5

    @Option(help: "Samples per batch.")
    var batchSize = 64

    struct Row: Encodable {
        let path: String
        let millisecondsPerEpoch: Double
        let batchesPerSecond: Double
        let gbPerS: Double
        let timesRawCopy: Double
    }

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
    }

    func run() throws {
        Random.seed(1)
        let samples = 60_000, features = 784
        let x = Tensor.randomUniform([samples, 28, 28, 1])
        let y = Tensor(shape: [samples], scalars: (0..<samples).map { Float($0 % 10) })
        let source = try Dataset(x: x, y: y)
        let order = Array(Dataset(Array(0..<samples)).shuffled(seed: 3))
        let sourceRows = FloatBuffer(copying: x.reshaped(to: [samples, features]))
        let destination = FloatBuffer(count: batchSize * features)
        let batchSize = self.batchSize

        func epoch(_ data: Dataset<Example>) -> Double {
            Timing.seconds { for batch in data { blackHole(batch) } }
        }
        let contenders: [(String, () -> Double)] = [
            ("raw row copy", {
                Timing.seconds {
                    for start in stride(from: 0, to: samples, by: batchSize) {
                        for (slot, row) in order[start..<min(samples, start + batchSize)].enumerated() {
                            (destination.pointer + slot * features).update(from: sourceRows.pointer + row * features, count: features)
                        }
                        blackHole(destination)
                    }
                }
            }),
            ("gathered rows", { epoch(source.shuffled(seed: 3).batched(batchSize)) }),
            ("gathered rows, prefetched", { epoch(source.shuffled(seed: 3).batched(batchSize).prefetched()) }),
            ("stacked samples", { epoch(source.shuffled(seed: 3).filter { _ in true }.batched(batchSize)) }),
        ]
        let sampling = Sampling(warmup: 1, repetitions: repetitions)
        print("cortex-bench data: \(samples) samples of \(features) floats, batches of \(batchSize), median of \(repetitions) runs\n")
        let seconds = sampling.medians(contenders.map(\.1))
        let batches = Double((samples + batchSize - 1) / batchSize)
        let bytes = 2 * Double(samples * (features + 1) * MemoryLayout<Float>.stride)
        let rows = zip(contenders, seconds).map { contender, time in
            Row(path: contender.0, millisecondsPerEpoch: rounded(time * 1e3, digits: 1), batchesPerSecond: rounded(batches / time, digits: 0),
                gbPerS: rounded(bytes / time / 1e9, digits: 2), timesRawCopy: rounded(time / seconds[0], digits: 2))
        }
        var table = ResultTable("one shuffled epoch (median)", columns: ["path", "ms/epoch", "batches/s", "GB/s", "× raw copy"])
        for row in rows {
            table.add([row.path, formatted(row.millisecondsPerEpoch), formatted(row.batchesPerSecond, digits: 0),
                       formatted(row.gbPerS, digits: 2), formatted(row.timesRawCopy, digits: 2)])
        }
        print(table.rendered)
        if json { print(try jsonLine(rows)) }
    }
}
