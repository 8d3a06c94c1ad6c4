import Foundation

/// One reference contender of `cortex-bench models`: PyTorch or Keras (TensorFlow backend), with
/// glibc's default allocator or with it tuned. Each is one long-lived
/// `benchmarks/reference/models.py serve` process, so a framework is imported once per run and
/// keeps its built models between rounds, like the Cortex side.
final class ModelReference {
    let framework: String
    let tunedMalloc: Bool
    private let process: Process
    private let requests: FileHandle
    private let answers: FileHandle
    private var pending = Data()

    var name: String { tunedMalloc ? "\(framework)+tuned-malloc" : framework }

    /// glibc's allocator told to keep freed memory instead of returning it to the kernel: big
    /// blocks stay on the heap (the mmap threshold at its 32 MiB maximum) and the heap is neither
    /// trimmed nor grown in small steps (1 GiB), so a training step's tensors reuse warm pages.
    /// This is the tuning that PyTorch and TensorFlow users apply by hand; Cortex's buffer pool
    /// does the same for its own tensors.
    static let tunedMallocEnvironment = [
        "MALLOC_MMAP_THRESHOLD_": "\(32 << 20)",
        "MALLOC_TRIM_THRESHOLD_": "\(1 << 30)",
        "MALLOC_TOP_PAD_": "\(1 << 30)",
    ]

    /// The frameworks that import in the environment, with their versions.
    struct Versions: Decodable {
        let torch: String?
        let keras: String?
    }

    private struct Request: Encodable {
        let workload: String
        let steps: Int
        let warmup: Int
    }

    private struct Measurement: Decodable {
        /// Seconds per step (training) or per call (inference) of each timed sample.
        let seconds: [Double]?
        let error: String?
    }

    private init(framework: String, tunedMalloc: Bool, script: PythonScript, threads: Int) throws {
        self.framework = framework
        self.tunedMalloc = tunedMalloc
        var environment = tunedMalloc ? Self.tunedMallocEnvironment : [:]
        for variable in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[variable] = "\(threads)" }
        environment["KERAS_BACKEND"] = "tensorflow"
        environment["TF_CPP_MIN_LOG_LEVEL"] = "2"
        process = script.process(["serve", "--framework", framework, "--threads", "\(threads)"], environment: environment)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        requests = input.fileHandleForWriting
        answers = output.fileHandleForReading
        try process.run()
    }

    deinit {
        try? requests.close()
        process.waitUntilExit()
    }

    /// Every framework that imports, each with both allocator settings; a missing framework is
    /// reported and skipped.
    static func start(root: URL, threads: Int) -> (references: [ModelReference], versions: [String: String]) {
        guard let script = PythonScript.locate("models.py", root: root, label: "PyTorch and Keras references") else {
            return ([], [:])
        }
        let found: Versions
        do {
            found = try script.runDecoding(Versions.self, ["versions"])
        } catch {
            print("PyTorch and Keras references skipped: \(error)")
            return ([], [:])
        }
        var references: [ModelReference] = []
        var versions: [String: String] = [:]
        for (framework, version) in [("torch", found.torch), ("keras", found.keras)] {
            guard let version else {
                print("\(framework) reference skipped: it does not import in benchmarks/.venv (run scripts/bench-env.sh).")
                continue
            }
            do {
                for tuned in [false, true] {
                    references.append(try ModelReference(framework: framework, tunedMalloc: tuned, script: script, threads: threads))
                }
                versions[framework] = version
            } catch {
                print("\(framework) reference skipped: \(error)")
            }
        }
        return (references, versions)
    }

    /// Seconds per step or call of `steps` timed samples of `workload`, after `warmup` untimed ones.
    func measure(_ workload: ModelWorkload, steps: Int, warmup: Int) throws -> [Double] {
        var line = try JSONEncoder().encode(Request(workload: workload.name, steps: steps, warmup: warmup))
        line.append(UInt8(ascii: "\n"))
        try requests.write(contentsOf: line)
        while !pending.contains(UInt8(ascii: "\n")) {
            let chunk = answers.availableData
            guard !chunk.isEmpty else {
                throw ReferenceError("models.py serve --framework \(framework) ended without answering for \(workload.name)")
            }
            pending.append(chunk)
        }
        let end = pending.firstIndex(of: UInt8(ascii: "\n"))!
        let answer = pending[pending.startIndex..<end]
        pending = Data(pending[(end + 1)...])
        let measurement = try JSONDecoder().decode(Measurement.self, from: answer)
        guard let seconds = measurement.seconds else {
            throw ReferenceError(measurement.error ?? "models.py gave no timings for \(workload.name)")
        }
        return seconds
    }
}
