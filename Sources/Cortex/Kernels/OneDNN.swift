#if canImport(CDNNL)
import CDNNL
import Foundation

/// oneDNN's sgemm and the OpenMP runtime it runs on (GNU libgomp), loaded on first use.
///
/// libgomp reads its settings from the environment once, as it loads. Its default wait after a
/// parallel region, 300,000 polls of `pause` (about 9 ms on Zen 3), keeps each thread busy long
/// after its work: on a machine whose cores are busy with other programs, a spinning thread
/// holds a core that the next region's other thread needs, and single-sample inference took
/// 24 ms instead of 0.2 ms (benchmarks/NOTES.md, change 7). A program's own code runs only after
/// the libraries it links have started, so the two are loaded here, after the setting is made.
enum OneDNN {
    /// The polls OpenMP's threads wait before they sleep unless `GOMP_SPINCOUNT` or
    /// `OMP_WAIT_POLICY` says otherwise: 1,000 (about 30 µs) still bridges the gaps between the
    /// products and kernels of a training step.
    static let defaultSpinCount = "1000"

    struct Functions {
        let sgemm: cortex_sgemm_function
        let parallel: cortex_parallel_function
        let setThreadCount: @convention(c) (Int32) -> Void
        /// The calling thread's OpenMP thread count (1 inside a part that runs on its own thread).
        let threadCount: @convention(c) () -> Int32
        let inParallel: @convention(c) () -> Int32
    }

    static let functions: Functions = {
        if getenv("GOMP_SPINCOUNT") == nil && getenv("OMP_WAIT_POLICY") == nil {
            setenv("GOMP_SPINCOUNT", defaultSpinCount, 0)
        }
        let openMP = load("libgomp.so.1"), oneDNN = load("libdnnl.so.2")
        return Functions(sgemm: symbol("dnnl_sgemm", in: oneDNN), parallel: symbol("GOMP_parallel", in: openMP),
                         setThreadCount: symbol("omp_set_num_threads", in: openMP),
                         threadCount: symbol("omp_get_max_threads", in: openMP),
                         inParallel: symbol("omp_in_parallel", in: openMP))
    }()

    private static func load(_ library: String) -> UnsafeMutableRawPointer {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL) else {
            preconditionFailure("Cortex: cannot load \(library) (oneDNN's sgemm and its OpenMP runtime): " +
                                String(cString: dlerror()))
        }
        return handle
    }

    private static func symbol<Function>(_ name: String, in library: UnsafeMutableRawPointer) -> Function {
        guard let address = dlsym(library, name) else {
            preconditionFailure("Cortex: \(name) is missing from the loaded oneDNN or OpenMP library")
        }
        return unsafeBitCast(address, to: Function.self)
    }
}
#endif
