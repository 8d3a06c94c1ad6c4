import Foundation

/// Fit and predict seconds (medians) and the test accuracy of one model on one data set.
struct ClassicMeasurement: Decodable {
    let fit: Double
    let predict: Double
    let accuracy: Double
}

/// scikit-learn, run as benchmarks/reference/classic.py in the virtual environment that
/// scripts/bench-env.sh creates, one subprocess per workload.
struct ClassicReference {
    let python: URL
    let script: URL
    let threads: Int

    /// The reference under `root`, or nil with the reason and the fix printed.
    static func locate(root: URL, threads: Int) -> ClassicReference? {
        let python = root.appendingPathComponent("benchmarks/.venv/bin/python")
        let script = root.appendingPathComponent("benchmarks/reference/classic.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            print("scikit-learn reference skipped: \(script.path) not found (run from the repository root).")
            return nil
        }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            print("scikit-learn reference skipped: no virtual environment at \(python.deletingLastPathComponent().deletingLastPathComponent().path).")
            print("Create it with scripts/bench-env.sh (or run make bench-classic).")
            return nil
        }
        return ClassicReference(python: python, script: script, threads: threads)
    }

    /// Writes the synthetic data set into `directory` unless it is there already.
    func prepare(dataDirectory directory: URL) throws {
        _ = try run(["prepare", "--data-dir", directory.path])
    }

    func measure(model: ClassicModel, dataset: String, dataDirectory: URL, repetitions: Int,
                 trainRows: Int?) throws -> ClassicMeasurement {
        var arguments = ["run", "--data-dir", dataDirectory.path, "--dataset", dataset, "--model", model.rawValue,
                         "--repetitions", "\(repetitions)", "--threads", "\(threads)"]
        if let trainRows { arguments += ["--train-rows", "\(trainRows)"] }
        let output = try run(arguments)
        guard let line = output.split(separator: "\n").last else {
            throw ClassicReferenceError("classic.py printed nothing for \(model.rawValue) on \(dataset)")
        }
        return try JSONDecoder().decode(ClassicMeasurement.self, from: Data(line.utf8))
    }

    /// Runs the script with `arguments` and returns what it printed; its warnings go straight to
    /// standard error. Every native thread pool of the child gets `threads` threads.
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        for variable in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[variable] = "\(threads)" }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ClassicReferenceError("classic.py \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct ClassicReferenceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
