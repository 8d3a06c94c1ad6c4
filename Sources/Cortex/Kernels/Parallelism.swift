import Foundation
#if canImport(CDNNL)
import CDNNL
#endif

/// How many threads Cortex's kernels and BLAS use: one setting for both.
///
/// Defaults to the number of cores, or `CORTEX_NUM_THREADS` when set. On Linux the kernels run
/// on the OpenMP runtime's thread pool, the one oneDNN's products use, so that one set of
/// threads serves both (a second pool's threads would spin for milliseconds after each product
/// while the other pool's work waited for a core); elsewhere on Dispatch's.
public enum Parallelism {
    nonisolated(unsafe) private static var _threadCount: Int = {
        let fromEnvironment = ProcessInfo.processInfo.environment["CORTEX_NUM_THREADS"].flatMap(Int.init)
        let count = max(1, fromEnvironment ?? ProcessInfo.processInfo.activeProcessorCount)
        BLAS.setThreadCount(count)
        return count
    }()

    /// Work of fewer scalar operations than this (`count * costPerItem` in `forEachChunk`) runs
    /// on the calling thread: below it, waking other threads costs more than they save.
    ///
    /// Measured with `cortex-bench parallel-threshold` (elementwise add, median of 25 timed runs) on a
    /// 2-core x86-64 VM: splitting costs about 2–3 µs, so 2 threads lose up to 128 K floats
    /// (0.83–0.88× at 128 K), break even at 256 K (1.04–1.16×) and win from 1 M on (1.16–1.5×).
    /// Kernels whose per-element work is heavier than an add say so with `costPerItem`.
    nonisolated(unsafe) public static var minimumParallelElements = 1 << 18

    /// The number of threads for Cortex kernels and BLAS.
    public static var threadCount: Int {
        get { _threadCount }
        set {
            precondition(newValue >= 1, "Parallelism.threadCount: needs at least 1 thread, got \(newValue)")
            _threadCount = newValue
            BLAS.setThreadCount(newValue)
        }
    }

    /// Calls `body` on disjoint ranges that together cover `0..<count`, on several threads when
    /// the work (`count * costPerItem` scalar operations) is large enough to pay for them.
    @inline(__always)
    static func forEachChunk(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        forEachChunk(count, costPerItem: costPerItem, context: ()) { range, _ in body(range) }
    }

    /// Calls `body` on contiguous ranges covering `0..<count`, on the kernel threads when there are
    /// at least two chunks of `minimumChunk` items: the splitting other modules' numeric loops share
    /// (optimizer updates, augmentation).
    public static func forEachChunk(_ count: Int, minimumChunk: Int, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(count, minimumChunk: minimumChunk)
        guard chunks > 1 else {
            body(0..<count)
            return
        }
        run(chunks) { chunk in body((count * chunk / chunks)..<(count * (chunk + 1) / chunks)) }
    }

    /// How many ranges `forEachChunk(_:minimumChunk:_:)` splits `count` items into: up to four per
    /// thread, each of at least `minimumChunk` items; 1 on one thread.
    public static func chunkCount(_ count: Int, minimumChunk: Int) -> Int {
        threadCount > 1 ? min(threadCount * 4, max(1, count / max(1, minimumChunk))) : 1
    }

    /// Calls `body` on one contiguous part of `0..<count` per thread, all at once, each part's
    /// products on its own thread alone; one part when a part would get fewer than `minimumPart`
    /// items.
    ///
    /// For work that is a long chain of small products per part, like the steps of a recurrent
    /// layer over a slice of the batch: splitting every product over the threads would make them
    /// meet once per product, and such products are too small to gain from it; parts meet once.
    static func forEachPart(_ count: Int, minimumPart: Int, _ body: (Range<Int>) -> Void) {
        let parts = min(threadCount, count / max(1, minimumPart))
        guard parts > 1 else {
            body(0..<count)
            return
        }
        run(parts) { part in
            BLAS.onCallingThreadOnly { body((count * part / parts)..<(count * (part + 1) / parts)) }
        }
    }

    /// `forEachChunk` that hands `context` (the pointers a kernel reads and writes) to `body`.
    ///
    /// A kernel whose body calls a scalar op it was given must pass its pointers this way, so
    /// that the body captures nothing but the op. The compiler then specialises the body for
    /// each op (inlined and vectorised), even on the worker threads; a body that also captured
    /// the pointers would call the op through a function pointer for every element there,
    /// several times slower than one thread.
    @inline(__always)
    static func forEachChunk<Context>(_ count: Int, costPerItem: Int = 1, context: Context,
                                      _ body: (Range<Int>, Context) -> Void) {
        let threads = threadCount
        let work = count * costPerItem
        guard threads > 1, work >= minimumParallelElements, count > 1 else {
            body(0..<count, context)
            return
        }
        let chunks = min(count, threads * 4, max(1, work / max(1, minimumParallelElements / 4)))
        guard chunks > 1 else {
            body(0..<count, context)
            return
        }
        run(chunks) { chunk in body((count * chunk / chunks)..<(count * (chunk + 1) / chunks), context) }
    }

    /// Calls `body` once for every chunk in `0..<chunks`, spread over the threads; a thread that
    /// finishes a chunk takes the next one not yet started. Inside another parallel loop, on the
    /// calling thread alone.
    ///
    /// On Linux the threads are OpenMP's, the ones oneDNN's sgemm runs on: they spin for a while
    /// after each product, and a second pool woken in that time (Dispatch's) had to fight them
    /// for the cores (benchmarks/NOTES.md, change 7).
    @inline(__always)
    static func run(_ chunks: Int, _ body: (Int) -> Void) {
        #if canImport(CDNNL)
        let openMP = OneDNN.functions
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: body) { pointer in
                cortex_parallel_chunks(openMP.parallel, openMP.inParallel() != 0, chunks, Int32(threadCount),
                                       UnsafeMutableRawPointer(mutating: pointer)) { context, chunk in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(chunk)
                }
            }
        }
        #else
        DispatchQueue.concurrentPerform(iterations: chunks, execute: body)
        #endif
    }
}
