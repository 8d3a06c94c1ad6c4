import Foundation

/// One reference contender of `cortex-bench models`: PyTorch or Keras (TensorFlow backend), with
/// glibc's default allocator or with it tuned, run as benchmarks/reference/models.py, one
/// subprocess per workload and round.
struct ModelReference {
    let framework: String
    let tunedMalloc: Bool
    let script: PythonScript
    let threads: Int

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

    struct Measurement: Decodable {
        let version: String
        /// Seconds per step (training) or per call (inference) of each timed sample.
        let seconds: [Double]
    }

    /// Every framework that imports, each with both allocator settings; a missing framework is
    /// reported and skipped.
    static func locate(root: URL, threads: Int) -> (references: [ModelReference], versions: [String: String]) {
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
            versions[framework] = version
            references += [false, true].map {
                ModelReference(framework: framework, tunedMalloc: $0, script: script, threads: threads)
            }
        }
        return (references, versions)
    }

    /// Seconds per step or call of `steps` timed samples of `workload`, after `warmup` untimed ones.
    func measure(_ workload: ModelWorkload, steps: Int, warmup: Int) throws -> [Double] {
        let arguments = ["run", "--framework", framework, "--workload", workload.name, "--steps", "\(steps)",
                         "--warmup", "\(warmup)", "--threads", "\(threads)"]
        var environment = tunedMalloc ? Self.tunedMallocEnvironment : [:]
        for variable in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[variable] = "\(threads)" }
        environment["KERAS_BACKEND"] = "tensorflow"
        environment["TF_CPP_MIN_LOG_LEVEL"] = "2"
        return try script.runDecoding(Measurement.self, arguments, environment: environment).seconds
    }
}
