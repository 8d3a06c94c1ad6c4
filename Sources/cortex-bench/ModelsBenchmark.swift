import ArgumentParser
import Cortex
import Foundation

/// Cortex's models against PyTorch and Keras (TensorFlow backend) on the same workloads:
/// training throughput of an MLP, a small CNN and two recurrent models (stacked LSTMs, an
/// embedding into a SimpleRNN), and the MLP's and CNN's inference latency and throughput. The
/// minutes-long end-to-end MNIST run is the separate `mnist-fit` command.
/// For each workload the contenders run in rounds (Cortex, then every reference, then Cortex
/// again...), so a drift of the machine's load hits them alike; each figure is the median of
/// every timed sample of every round.
struct ModelsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Train and run MLP, CNN and recurrent models with Cortex, PyTorch and Keras/TensorFlow, interleaved."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Flag(help: "Run only the Cortex side; reference figures are null.")
    var cortexOnly = false

    @Option(help: "Rounds of all contenders per workload.")
    var rounds = 3

    @Option(help: "Timed samples per contender and round, after untimed warm-up steps.")
    var steps = 30

    @Option(help: "Threads for Cortex (kernels and BLAS) and for each reference's thread pools.")
    var threads = 2

    @Option(name: .customLong("workload"), help: "Run only this workload (repeatable); default: all.")
    var selected: [String] = []

    struct Row: Encodable {
        let name: String
        let unit: String
        let cortex: Double
        /// The best reference figure, and which contender gave it.
        let reference: Double?
        let referenceName: String?
        /// Cortex's figure over the best reference's, in the workload's unit: above 1 is faster for
        /// samples/s, below 1 is faster for µs.
        let ratio: Double?
        /// Cortex's achieved GFLOP/s in a training step (nil for inference).
        let gflops: Double?
        /// Every reference contender's figure by name.
        let references: [String: Double]

        enum CodingKeys: String, CodingKey { case name, unit, cortex, reference, referenceName, ratio, gflops, references }

        // Written by hand so missing figures appear as null rather than as missing keys.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(unit, forKey: .unit)
            try container.encode(cortex, forKey: .cortex)
            try container.encode(reference, forKey: .reference)
            try container.encode(referenceName, forKey: .referenceName)
            try container.encode(ratio, forKey: .ratio)
            try container.encode(gflops, forKey: .gflops)
            try container.encode(references, forKey: .references)
        }
    }

    struct Report: Encodable {
        let threads: Int
        let sgemmGflops: Double
        let versions: [String: String]
        let workloads: [Row]
    }

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds)") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        let known = Set(ModelWorkload.all.map(\.name))
        if let unknown = selected.first(where: { !known.contains($0) }) {
            throw ValidationError("unknown workload \(unknown); known: \(ModelWorkload.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        Parallelism.threadCount = threads
        Random.seed(1)
        // A reference process that died must fail its request, not end this process.
        signal(SIGPIPE, SIG_IGN)
        let root = repositoryRoot(containing: "benchmarks/reference/models.py")
        let (references, versions) = cortexOnly ? ([], [:]) : ModelReference.start(root: root, threads: threads)
        let sgemm = CoreMatmulWorkload.measure(Sampling(warmup: 2, repetitions: 9), sizes: [1024])[0].rawSgemmGflops
        print("cortex-bench models: \(threads) threads on every side, \(rounds) rounds of \(steps) timed samples " +
              "per contender; raw sgemm n = 1024: \(formatted(sgemm)) GFLOP/s\n")
        fflush(stdout)

        let workloads = ModelWorkload.all.filter { selected.isEmpty || selected.contains($0.name) }
        var rows: [Row] = []
        for workload in workloads {
            rows.append(try measure(workload, references: references))
        }
        print(Self.table(rows, referenceNames: references.map(\.name), sgemm: sgemm).rendered)
        if json {
            print(try jsonLine(Report(threads: threads, sgemmGflops: sgemm, versions: versions, workloads: rows)))
        }
    }

    /// Every contender's samples for `workload`, round after round, reduced to medians.
    private func measure(_ workload: ModelWorkload, references: [ModelReference]) throws -> Row {
        progress("\(workload.name): building the Cortex model")
        let step = try workload.makeCortexStep()
        let sample = Self.sampler(for: workload, step: step)
        var cortexSeconds: [Double] = []
        var referenceSeconds: [String: [Double]] = [:]
        var failed: Set<String> = []
        for round in 1...rounds {
            progress("\(workload.name) round \(round)/\(rounds): Cortex")
            for _ in 0..<2 { _ = sample() }
            cortexSeconds += (0..<steps).map { _ in sample() }
            for reference in references where !failed.contains(reference.name) {
                progress("\(workload.name) round \(round)/\(rounds): \(reference.name)")
                do {
                    referenceSeconds[reference.name, default: []] += try reference.measure(workload, steps: steps, warmup: 5)
                } catch {
                    print("\(reference.name) on \(workload.name) failed and is left out: \(error)")
                    failed.insert(reference.name)
                    referenceSeconds[reference.name] = nil
                }
            }
        }
        let cortex = workload.value(seconds: Timing.median(cortexSeconds))
        let figures = referenceSeconds.mapValues { workload.value(seconds: Timing.median($0)) }
        let best = figures.min { workload.isBetter($0.value, than: $1.value) }
        return Row(name: workload.name, unit: workload.unit, cortex: rounded(cortex), reference: best.map { rounded($0.value) },
                   referenceName: best?.key, ratio: best.map { rounded(cortex / $0.value) },
                   gflops: workload.flopsPerStep.map { rounded($0 / Timing.median(cortexSeconds) / 1e9) },
                   references: figures.mapValues { rounded($0) })
    }

    /// One timed sample of Cortex's step: a training step, or enough inference calls to last
    /// about 5 ms (as the reference script does), in seconds per step or call.
    private static func sampler(for workload: ModelWorkload, step: @escaping () -> Void) -> () -> Double {
        guard workload.kind == .inference else { return { Timing.seconds(step) } }
        step()
        let iterations = Timing.iterations(estimatedSeconds: Timing.seconds(step), targetSeconds: 0.005)
        return { Timing.seconds(iterations: iterations, step) }
    }

    private static func table(_ rows: [Row], referenceNames: [String], sgemm: Double) -> ResultTable {
        var table = ResultTable("medians; cortex/ref is Cortex over the best reference (samples/s: above 1 is faster; µs: below 1 is faster)",
                                columns: ["workload", "unit", "cortex", "best reference", "cortex/ref"] + referenceNames
                                    + ["GFLOP/s", "sgemm GFLOP/s"])
        func figure(_ value: Double?, _ unit: String) -> String {
            value.map { unit == "µs" ? formatted($0, digits: 1) : formatted($0, digits: 0) } ?? "-"
        }
        for row in rows {
            let best = row.referenceName.map { "\(figure(row.reference, row.unit)) (\($0))" } ?? "-"
            let ratio = row.ratio.map { formatted($0, digits: 2) } ?? "-"
            let perReference: [String] = referenceNames.map { figure(row.references[$0], row.unit) }
            let flops: [String] = row.gflops.map { [formatted($0), formatted(sgemm)] } ?? ["", ""]
            let leading: [String] = [row.name, row.unit, figure(row.cortex, row.unit), best, ratio]
            table.add(leading + perReference + flops)
        }
        return table
    }
}
