import ArgumentParser
import Foundation
import Cortex

/// Times elementwise add at growing sizes on one thread and on several, to find the size from
/// which splitting the work pays: the value for `Parallelism.minimumParallelElements`.
struct ParallelThresholdBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallel-threshold",
        abstract: "Find the elementwise size from which several threads beat one."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Option(help: "Timed runs per size; the median is reported.")
    var repetitions = 15

    @Option(help: "Threads to compare against one (default: every core).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    struct Row: Encodable {
        let count: Int
        let oneThreadMicroseconds: Double
        let parallelMicroseconds: Double
        let speedup: Double
    }

    struct Report: Encodable {
        let threads: Int
        let add: [Row]
        /// The smallest size from which the parallel run wins at every larger size.
        let suggestedMinimumParallelElements: Int?
    }

    static let sizes = (12...22).map { 1 << $0 }

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard threads >= 2 else { throw ValidationError("--threads must be at least 2, got \(threads)") }
    }

    func run() throws {
        Random.seed(1)
        let savedThreads = Parallelism.threadCount, savedMinimum = Parallelism.minimumParallelElements
        defer {
            Parallelism.threadCount = savedThreads
            Parallelism.minimumParallelElements = savedMinimum
        }
        Parallelism.threadCount = threads
        let sampling = Sampling(warmup: 3, repetitions: repetitions)
        let rows = Self.sizes.map { count in
            let a = Tensor.randomUniform([count]), b = Tensor.randomUniform([count])
            let iterations = Timing.iterations(estimatedSeconds: Double(count) * 1e-9, targetSeconds: 0.01)
            // One thread: a threshold above the size. Parallel: the threshold at the size, so
            // the work is split exactly as the kernels would split it with that setting.
            let seconds = sampling.medians([Int.max, count].map { threshold in
                {
                    Parallelism.minimumParallelElements = threshold
                    return Timing.seconds(iterations: iterations) { blackHole(a + b) }
                }
            })
            return Row(count: count, oneThreadMicroseconds: rounded(seconds[0] * 1e6, digits: 2),
                       parallelMicroseconds: rounded(seconds[1] * 1e6, digits: 2),
                       speedup: rounded(seconds[0] / seconds[1]))
        }
        let losing = rows.lastIndex { $0.speedup <= 1 }
        let suggestion = losing.map { $0 + 1 < rows.count ? rows[$0 + 1].count : nil } ?? rows.first?.count

        var table = ResultTable("elementwise add, 1 thread vs \(threads) (µs per call, median of \(repetitions))",
                                columns: ["floats", "1 thread", "\(threads) threads", "speedup"])
        for row in rows {
            table.add(["\(row.count)", formatted(row.oneThreadMicroseconds, digits: 2),
                       formatted(row.parallelMicroseconds, digits: 2), formatted(row.speedup, digits: 2) + "×"])
        }
        print(table.rendered)
        print("\nsuggested Parallelism.minimumParallelElements: " +
              (suggestion.map(String.init) ?? "none (\(threads) threads never won up to \(Self.sizes.last!))") +
              " (current: \(savedMinimum))")
        if json {
            print(try jsonLine(Report(threads: threads, add: rows, suggestedMinimumParallelElements: suggestion)))
        }
    }
}
