import Foundation

/// libsvm's least-recently-used cache of Q-matrix columns, kept in `Float` as libsvm does.
///
/// Column `i` may be cached for its first `length` entries only (the active set when it was
/// computed); `fetch` says from where the caller must fill it. Shrinking permutes the samples,
/// so `swapIndex` swaps two positions in every cached column.
final class KernelCache {
    private let count: Int
    /// Floats still free under the size limit.
    private var available: Int
    private let columns: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    private let lengths: UnsafeMutablePointer<Int>
    /// Doubly linked LRU list over column indices; `count` is the sentinel.
    private let previous: UnsafeMutablePointer<Int>
    private let next: UnsafeMutablePointer<Int>

    init(count: Int, bytes: Int) {
        self.count = count
        available = max(bytes / MemoryLayout<Float>.size, 2 * count)
        columns = .allocate(capacity: count)
        columns.initialize(repeating: nil, count: count)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        previous = .allocate(capacity: count + 1)
        previous.initialize(repeating: count, count: count + 1)
        next = .allocate(capacity: count + 1)
        next.initialize(repeating: count, count: count + 1)
    }

    deinit {
        for i in 0..<count { free(columns[i]) }
        columns.deallocate()
        lengths.deallocate()
        previous.deallocate()
        next.deallocate()
    }

    private func unlink(_ i: Int) {
        next[previous[i]] = next[i]
        previous[next[i]] = previous[i]
    }

    private func append(_ i: Int) {
        next[i] = count
        previous[i] = previous[count]
        next[previous[i]] = i
        previous[count] = i
    }

    /// Column `index` with room for `length` entries, and the first position not yet filled
    /// (`length` or more when nothing needs computing).
    func fetch(_ index: Int, length: Int) -> (column: UnsafeMutablePointer<Float>, filledUpTo: Int) {
        if lengths[index] > 0 { unlink(index) }
        let filled = lengths[index]
        let more = length - filled
        if more > 0 {
            while available < more {
                let oldest = next[count]
                unlink(oldest)
                free(columns[oldest])
                available += lengths[oldest]
                columns[oldest] = nil
                lengths[oldest] = 0
            }
            let raw = realloc(columns[index], length * MemoryLayout<Float>.size)!
            columns[index] = raw.bindMemory(to: Float.self, capacity: length)
            available -= more
            lengths[index] = length
        }
        append(index)
        return (columns[index]!, more > 0 ? filled : length)
    }

    /// Exchanges samples `i` and `j`: their columns, and their entries in every cached column.
    func swapIndex(_ i: Int, _ j: Int) {
        guard i != j else { return }
        if lengths[i] > 0 { unlink(i) }
        if lengths[j] > 0 { unlink(j) }
        (columns[i], columns[j]) = (columns[j], columns[i])
        (lengths[i], lengths[j]) = (lengths[j], lengths[i])
        if lengths[i] > 0 { append(i) }
        if lengths[j] > 0 { append(j) }
        let (low, high) = (min(i, j), max(i, j))
        var h = next[count]
        while h != count {
            let following = next[h]
            if lengths[h] > low {
                if lengths[h] > high {
                    let column = columns[h]!
                    (column[low], column[high]) = (column[high], column[low])
                } else {
                    unlink(h)
                    free(columns[h])
                    available += lengths[h]
                    columns[h] = nil
                    lengths[h] = 0
                }
            }
            h = following
        }
    }
}
