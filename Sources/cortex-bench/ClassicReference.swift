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
    let script: PythonScript
    let threads: Int

    /// The reference under `root`, or nil with the reason and the fix printed.
    static func locate(root: URL, threads: Int) -> ClassicReference? {
        PythonScript.locate("classic.py", root: root, label: "scikit-learn reference").map {
            ClassicReference(script: $0, threads: threads)
        }
    }

    /// Writes the synthetic data set into `directory` unless it is there already.
    func prepare(dataDirectory directory: URL) throws {
        _ = try script.run(["prepare", "--data-dir", directory.path])
    }

    func measure(model: ClassicModel, dataset: String, dataDirectory: URL, repetitions: Int,
                 trainRows: Int?) throws -> ClassicMeasurement {
        var arguments = ["run", "--data-dir", dataDirectory.path, "--dataset", dataset, "--model", model.rawValue,
                         "--repetitions", "\(repetitions)", "--threads", "\(threads)"]
        if let trainRows { arguments += ["--train-rows", "\(trainRows)"] }
        // Every native thread pool of the child gets `threads` threads.
        let environment = Dictionary(uniqueKeysWithValues: ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]
            .map { ($0, "\(threads)") })
        return try script.runDecoding(ClassicMeasurement.self, arguments, environment: environment)
    }
}
