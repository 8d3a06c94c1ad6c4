import ArgumentParser
import Cortex
import CortexML
import Foundation

/// CortexML's classifiers against scikit-learn: fit and predict times on the digits and on a
/// synthetic 20,000 × 50 set, both sides on the same split and the same thread count, each
/// workload run on the Cortex side and then on the reference before the next one starts.
struct ClassicBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classic",
        abstract: "Time fit and predict of trees, forests, boosting and SVMs against scikit-learn."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Flag(help: "Run only the Cortex side; reference figures are null.")
    var cortexOnly = false

    @Option(help: "Timed fits and predictions per workload and side, after one untimed warm-up; the median is reported.")
    var repetitions = 3

    @Option(help: "Threads for Cortex and for scikit-learn's thread pools.")
    var threads = 2

    struct Workload: Encodable {
        let name: String
        let unit = "s"
        let cortex: Double
        let reference: Double?
        var ratio: Double? { reference.map { rounded(cortex / $0) } }

        enum CodingKeys: String, CodingKey { case name, unit, cortex, reference, ratio }

        // Written by hand so a missing reference appears as null rather than as a missing key.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(unit, forKey: .unit)
            try container.encode(cortex, forKey: .cortex)
            try container.encode(reference, forKey: .reference)
            try container.encode(ratio, forKey: .ratio)
        }
    }

    struct Report: Encodable {
        let workloads: [Workload]
    }

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        Parallelism.threadCount = threads
        let root = repositoryRoot(containing: "benchmarks/reference/classic.py")
        let dataDirectory = root.appendingPathComponent("benchmarks/.data")
        let reference = cortexOnly ? nil : ClassicReference.locate(root: root, threads: threads)
        print("cortex-bench classic: \(threads) threads on both sides, median of \(repetitions) runs after 1 warm-up run\n")
        fflush(stdout)

        var workloads: [Workload] = []
        var table = ResultTable("fit and predict seconds (median), cortex/reference < 1 means Cortex is faster",
                                columns: ["workload", "unit", "cortex", "reference", "cortex/ref",
                                          "acc cortex", "acc reference", "note"])
        for dataset in try datasets(dataDirectory: dataDirectory, reference: reference) {
            if reference != nil { try dataset.write(to: dataDirectory) }
            for model in ClassicModel.allCases {
                let trainRows = model.trainRows(on: dataset.name)
                let name = "\(model.rawValue)_\(dataset.name)"
                progress("\(name): Cortex")
                let cortex = try measureCortex(model, on: dataset, trainRows: trainRows)
                var note = trainRows.map { "fit on the first \($0) of \(dataset.split.yTrain.count) training rows" } ?? ""
                var measured: ClassicMeasurement?
                if let reference {
                    progress("\(name): scikit-learn")
                    do {
                        measured = try reference.measure(model: model, dataset: dataset.name, dataDirectory: dataDirectory,
                                                         repetitions: repetitions, trainRows: trainRows)
                    } catch {
                        note = "reference failed: \(error)"
                    }
                }
                let fit = Workload(name: "\(name)_fit", cortex: cortex.fit, reference: measured?.fit)
                let predict = Workload(name: "\(name)_predict", cortex: cortex.predict, reference: measured?.predict)
                table.add(Self.cells(fit, accuracy: (cortex.accuracy, measured?.accuracy), note: note))
                table.add(Self.cells(predict, accuracy: nil, note: ""))
                workloads += [fit, predict]
            }
        }
        print(table.rendered)
        if json { print(try jsonLine(Report(workloads: workloads))) }
    }

    /// The digits, and the synthetic set when its file exists or the reference can write it.
    private func datasets(dataDirectory: URL, reference: ClassicReference?) throws -> [ClassicDataset] {
        let synthetic = dataDirectory.appendingPathComponent("\(ClassicDataset.syntheticName).csv")
        if !FileManager.default.fileExists(atPath: synthetic.path), let reference {
            try reference.prepare(dataDirectory: dataDirectory)
        }
        guard FileManager.default.fileExists(atPath: synthetic.path) else {
            print("\(ClassicDataset.syntheticName) skipped: \(synthetic.path) is written by scripts/bench-env.sh, which needs Python.\n")
            return [try .digits()]
        }
        return [try .digits(), try .synthetic(file: synthetic)]
    }

    /// One untimed fit (whose model gives the accuracy and the predict timings), then
    /// `repetitions` timed fits of fresh models.
    private func measureCortex(_ model: ClassicModel, on dataset: ClassicDataset, trainRows: Int?) throws -> ClassicMeasurement {
        let (x, y) = dataset.training(rows: trainRows)
        let (xTest, yTest) = (dataset.split.xTest, dataset.split.yTest)
        let fitted = try model.make(threads: threads).fit(x, y)
        let start = DispatchTime.now().uptimeNanoseconds
        let accuracy = try fitted.score(xTest, yTest)
        let once = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let sampling = Sampling(warmup: 0, repetitions: repetitions)
        let fit = sampling.medians([{ Timing.seconds { blackHole(try? model.make(threads: threads).fit(x, y)) } }])[0]
        let iterations = Timing.iterations(estimatedSeconds: once)
        let predict = sampling.medians([{ Timing.seconds(iterations: iterations) { blackHole(try? fitted.predict(xTest)) } }])[0]
        return ClassicMeasurement(fit: fit, predict: predict, accuracy: accuracy)
    }

    private static func cells(_ workload: Workload, accuracy: (cortex: Double, reference: Double?)?, note: String) -> [String] {
        func seconds(_ value: Double?) -> String { value.map { String(format: "%.3g", $0) } ?? "-" }
        func percent(_ value: Double?) -> String { value.map { formatted(100 * $0, digits: 2) + "%" } ?? "-" }
        return [workload.name, workload.unit, seconds(workload.cortex), seconds(workload.reference),
                workload.ratio.map { formatted($0, digits: 2) } ?? "-",
                accuracy.map { percent($0.cortex) } ?? "", accuracy.map { percent($0.reference) } ?? "", note]
    }
}
