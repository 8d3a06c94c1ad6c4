import ArgumentParser
import Cortex

/// The core kernels against their references: matmul against raw BLAS, elementwise ops against
/// memcpy, plus conv2d, softmax and a check that inference records no gradient graph.
struct CoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core",
        abstract: "Time matmul, elementwise ops, conv2d and softmax; matmul against raw BLAS, elementwise against memcpy."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Option(help: "Timed runs per measurement; the median is reported.")
    var repetitions = 9

    @Option(help: "Threads for Cortex kernels and BLAS (default: every core).")
    var threads: Int?

    struct Report: Encodable {
        let threads: Int
        let matmul: [CoreMatmulWorkload.Row]
        let elementwise: [CoreElementwiseWorkload.Row]
        let conv2d: [CoreConvWorkload.Row]
        let softmax: [CoreSoftmaxWorkload.Row]
        let inferenceGraph: CoreGraphCheck.Result
    }

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        // Setting the count also sets OpenBLAS's, so raw sgemm and Tensor.matmul use the same threads.
        Parallelism.threadCount = threads ?? Parallelism.threadCount
        Random.seed(1)
        let sampling = Sampling(warmup: 2, repetitions: repetitions)
        print("cortex-bench core: \(Parallelism.threadCount) threads, median of \(repetitions) runs after 2 warm-up runs\n")

        let matmul = CoreMatmulWorkload.measure(sampling)
        print(CoreMatmulWorkload.table(matmul).rendered, terminator: "\n\n")
        let elementwise = CoreElementwiseWorkload.measure(sampling)
        print(CoreElementwiseWorkload.table(elementwise).rendered, terminator: "\n\n")
        let conv2d = CoreConvWorkload.measure(sampling)
        print(CoreConvWorkload.table(conv2d).rendered, terminator: "\n\n")
        let softmax = CoreSoftmaxWorkload.measure(sampling)
        print(CoreSoftmaxWorkload.table(softmax).rendered, terminator: "\n\n")
        let graph = CoreGraphCheck.run()
        print(CoreGraphCheck.summary(graph))

        if json {
            print(try jsonLine(Report(threads: Parallelism.threadCount, matmul: matmul, elementwise: elementwise,
                                      conv2d: conv2d, softmax: softmax, inferenceGraph: graph)))
        }
    }
}
