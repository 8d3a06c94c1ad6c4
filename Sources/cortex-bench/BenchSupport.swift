import Foundation
import Cortex

/// Wall-clock timing. Benchmarks report the median of repeated runs (see `Sampling`), so a single
/// slow run (a page fault, another process on the machine) does not move the number.
enum Timing {
    /// Seconds taken by `iterations` calls of `body`, divided by `iterations`.
    static func seconds(iterations: Int = 1, _ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(iterations)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// How many calls of an operation taking about `estimatedSeconds` make one sample last
    /// `targetSeconds`, so that fast operations are not timed below the clock's resolution.
    static func iterations(estimatedSeconds: Double, targetSeconds: Double = 0.02) -> Int {
        max(1, Int(targetSeconds / max(estimatedSeconds, 1e-9)))
    }
}

/// How many times to run each contender, and the medians of those runs.
struct Sampling {
    /// Untimed rounds first: they fault pages in, fill the buffer pool and wake the threads.
    var warmup = 2
    var repetitions = 9

    /// The median seconds of each contender. Contenders run round-robin, `warmup` untimed
    /// rounds and then `repetitions` timed ones, so drifting machine load hits all of them
    /// alike. Each contender returns the seconds it measured, which lets it keep its own set-up
    /// (say, recording a forward pass before timing the backward one) out of the number.
    func medians(_ contenders: [() -> Double]) -> [Double] {
        for _ in 0..<warmup { for contender in contenders { _ = contender() } }
        var samples = [[Double]](repeating: [], count: contenders.count)
        for _ in 0..<max(1, repetitions) {
            for (index, contender) in contenders.enumerated() { samples[index].append(contender()) }
        }
        return samples.map(Timing.median)
    }
}

/// A raw, 64-byte-aligned block of floats outside any tensor, for the reference side of a
/// comparison (raw BLAS, memcpy). Its pages are written once at creation so that timing never
/// includes first-touch page faults.
final class FloatBuffer {
    let count: Int
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: count)
        pointer.initialize(repeating: 0, count: count)
    }

    convenience init(copying tensor: Tensor) {
        self.init(count: tensor.count)
        tensor.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }

    deinit { pointer.deallocate() }
}

/// Keeps a computed value alive as far as the optimiser can tell, so a benchmarked call is not
/// removed as dead code.
@_optimize(none)
func blackHole<T>(_ value: T) {}

/// A plain-text table with a title, right-aligned columns and a rule under the header.
struct ResultTable {
    let title: String
    let columns: [String]
    private(set) var rows: [[String]] = []

    init(_ title: String, columns: [String]) {
        self.title = title
        self.columns = columns
    }

    mutating func add(_ cells: [String]) {
        precondition(cells.count == columns.count, "ResultTable: \(columns.count) columns, got \(cells.count) cells")
        rows.append(cells)
    }

    var rendered: String {
        let widths = columns.indices.map { column in
            ([columns[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        let header = line(columns)
        return ([title, header, String(repeating: "-", count: header.count)] + rows.map(line)).joined(separator: "\n")
    }
}

/// `value` with `digits` decimals, for table cells.
func formatted(_ value: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value)
}

/// `value` rounded to `digits` decimals, so JSON output stays readable.
func rounded(_ value: Double, digits: Int = 3) -> Double {
    let scale = pow(10, Double(digits))
    return (value * scale).rounded() / scale
}

/// One compact JSON object with snake_case keys in sorted order: the machine-readable last line
/// of a benchmark run.
func jsonLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// The nearest directory at or above the working directory that holds `marker` (a path relative
/// to the repository root), or the working directory when none does.
func repositoryRoot(containing marker: String) -> URL {
    let start = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    var directory = start
    while directory.path != "/" {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(marker).path) { return directory }
        directory.deleteLastPathComponent()
    }
    return start
}

/// Which workload is running, on standard error so the table and JSON on standard output stay clean.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("… \(message)\n".utf8))
}

/// A reference script run by the benchmark environment's Python (benchmarks/.venv, made by
/// scripts/bench-env.sh), one subprocess per measurement.
struct PythonScript {
    let python: URL
    let script: URL

    /// The script `benchmarks/reference/<name>` under `root` with the environment's Python, or nil
    /// with the reason and the fix printed under `label`.
    static func locate(_ name: String, root: URL, label: String) -> PythonScript? {
        let python = root.appendingPathComponent("benchmarks/.venv/bin/python")
        let script = root.appendingPathComponent("benchmarks/reference/\(name)")
        guard FileManager.default.fileExists(atPath: script.path) else {
            print("\(label) skipped: \(script.path) not found (run from the repository root).")
            return nil
        }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            print("\(label) skipped: no virtual environment at \(python.deletingLastPathComponent().deletingLastPathComponent().path).")
            print("Create it with scripts/bench-env.sh.")
            return nil
        }
        return PythonScript(python: python, script: script)
    }

    /// A process running the script with `arguments`, not started yet; `environment` is added to
    /// this process's environment.
    func process(_ arguments: [String], environment extra: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        return process
    }

    /// Runs the script with `arguments` and returns what it printed; its warnings go straight to
    /// standard error. `environment` is added to this process's environment.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let process = process(arguments, environment: extra)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReferenceError("\(script.lastPathComponent) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The last line the script printed, decoded as JSON.
    func runDecoding<T: Decodable>(_ type: T.Type, _ arguments: [String], environment: [String: String] = [:]) throws -> T {
        let output = try run(arguments, environment: environment)
        guard let line = output.split(separator: "\n").last else {
            throw ReferenceError("\(script.lastPathComponent) \(arguments.joined(separator: " ")) printed nothing")
        }
        return try JSONDecoder().decode(T.self, from: Data(line.utf8))
    }
}

struct ReferenceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
