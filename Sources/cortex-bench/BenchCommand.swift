import ArgumentParser

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cortex-bench",
        abstract: "Cortex benchmarks: each group prints a table, and with --json one JSON object as its last line.",
        subcommands: [CoreBenchmark.self, ClassicBenchmark.self, ModelsBenchmark.self, MnistFitBenchmark.self, DataBenchmark.self,
                      ImageBenchmark.self, ParallelThresholdBenchmark.self]
    )
}
