import Foundation

/// A caching allocator for tensor blocks.
///
/// Training and inference repeat the same shapes every step. Without a cache, each large block is
/// a fresh `mmap` whose pages fault in (and are zeroed by the kernel) on first touch, which costs
/// as much as the arithmetic on them; and each small one an aligned `malloc`, which glibc serves
/// from its slow path (splitting and coalescing chunks, a tenth of a single-sample dense layer's
/// time). Blocks are rounded up to a size class (powers of two split into quarters, so at most
/// 25% slack; 64 bytes at least) and kept on a free list when released, up to `capacityBytes`
/// in all.
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    /// The most memory the pool keeps idle; set to 0 to disable caching.
    public var capacityBytes: Int {
        get { lock.lock(); defer { lock.unlock() }; return _capacityBytes }
        set { lock.lock(); _capacityBytes = newValue; trimLocked(to: newValue); lock.unlock() }
    }

    private var _capacityBytes = 1 << 30
    /// Idle blocks by size class (`listIndex`): an array rather than a dictionary keyed by size,
    /// whose hashing showed in the profile of a single-sample inference.
    private var freeLists = [[UnsafeMutableRawPointer]](repeating: [], count: 4 * Int.bitWidth)
    private var cachedBytes = 0
    private let lock = NSLock()
    private static let alignment = 64

    /// Bytes currently held idle by the pool.
    public var idleBytes: Int { lock.lock(); defer { lock.unlock() }; return cachedBytes }

    struct Block {
        let pointer: UnsafeMutableRawPointer
        let bytes: Int
    }

    func allocate(bytes requested: Int) -> Block {
        let bytes = Self.sizeClass(for: requested)
        lock.lock()
        if let pointer = freeLists[Self.listIndex(bytes)].popLast() {
            cachedBytes -= bytes
            lock.unlock()
            return Block(pointer: pointer, bytes: bytes)
        }
        lock.unlock()
        var raw: UnsafeMutableRawPointer?
        let status = posix_memalign(&raw, Self.alignment, bytes)
        guard status == 0, let pointer = raw else {
            fatalError("Cortex could not allocate \(bytes) bytes for a tensor (posix_memalign returned \(status))")
        }
        return Block(pointer: pointer, bytes: bytes)
    }

    func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        lock.lock()
        if cachedBytes + bytes <= _capacityBytes {
            freeLists[Self.listIndex(bytes)].append(pointer)
            cachedBytes += bytes
            lock.unlock()
            return
        }
        lock.unlock()
        free(pointer)
    }

    /// Frees every idle block.
    public func drain() {
        lock.lock()
        trimLocked(to: 0)
        lock.unlock()
    }

    private func trimLocked(to limit: Int) {
        guard cachedBytes > limit else { return }
        for index in freeLists.indices.reversed() {
            while cachedBytes > limit, let pointer = freeLists[index].popLast() {
                free(pointer)
                cachedBytes -= Self.classSize(atListIndex: index)
            }
        }
    }

    /// Rounds a request up to its size class: the next quarter step between powers of two, in
    /// steps of at least 64 bytes.
    static func sizeClass(for bytes: Int) -> Int {
        if bytes <= alignment { return alignment }
        let high = Int.bitWidth - 1 - bytes.leadingZeroBitCount
        let step = max(1 << (high - 2), alignment)
        return (bytes + step - 1) / step * step
    }

    /// The free list of a size class: 4 per power of two, by the class's top three bits.
    static func listIndex(_ classSize: Int) -> Int {
        let high = Int.bitWidth - 1 - classSize.leadingZeroBitCount
        return high * 4 + ((classSize >> (high - 2)) & 3)
    }

    /// The size class whose free list is at `index`.
    static func classSize(atListIndex index: Int) -> Int {
        let high = index / 4
        return (4 + index % 4) << (high - 2)
    }
}
