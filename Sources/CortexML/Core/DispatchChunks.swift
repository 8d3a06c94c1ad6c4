import Cortex
import Dispatch

/// CortexML's parallel loops run on Dispatch's threads, not on the OpenMP pool behind Cortex's
/// kernels: tree growing and SVM solving open thousands of small regions, some from inside other
/// parallel loops, and Dispatch's work-stealing pool degrades gently when the cores are shared,
/// where a spinning fork-join pool stalls on every descheduled thread. Double-precision BLAS
/// (OpenBLAS) keeps its own threads.
enum DispatchChunks {
    /// `Parallelism.forEachChunk(_:minimumChunk:_:)` on Dispatch's threads: the same ranges.
    static func forEach(_ count: Int, minimumChunk: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Parallelism.chunkCount(count, minimumChunk: minimumChunk)
        guard chunks > 1 else {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }
}
