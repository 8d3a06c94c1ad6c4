import Foundation

/// A caching allocator for large tensor blocks.
///
/// Training repeats the same shapes every step. Without a cache, each large block is a fresh
/// `mmap` whose pages fault in (and are zeroed by the kernel) on first touch, which costs as much
/// as the arithmetic on them. Blocks of at least `minimumCachedBytes` are rounded up to a size
/// class (powers of two split into quarters, so at most 25% slack) and kept on a free list when
/// released, up to `capacityBytes` in all; smaller blocks go straight to `malloc`, which already
/// caches them well.
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    /// Blocks below this size are not cached.
    public let minimumCachedBytes = 64 * 1024
    /// The most memory the pool keeps idle; set to 0 to disable caching.
    public var capacityBytes: Int {
        get { lock.lock(); defer { lock.unlock() }; return _capacityBytes }
        set { lock.lock(); _capacityBytes = newValue; trimLocked(to: newValue); lock.unlock() }
    }

    private var _capacityBytes = 1 << 30
    private var freeLists: [Int: [UnsafeMutableRawPointer]] = [:]
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
        let bytes = Self.sizeClass(for: requested, minimum: minimumCachedBytes)
        if bytes >= minimumCachedBytes {
            lock.lock()
            if var list = freeLists[bytes], let pointer = list.popLast() {
                freeLists[bytes] = list
                cachedBytes -= bytes
                lock.unlock()
                return Block(pointer: pointer, bytes: bytes)
            }
            lock.unlock()
        }
        var raw: UnsafeMutableRawPointer?
        let status = posix_memalign(&raw, Self.alignment, bytes)
        guard status == 0, let pointer = raw else {
            fatalError("Cortex could not allocate \(bytes) bytes for a tensor (posix_memalign returned \(status))")
        }
        return Block(pointer: pointer, bytes: bytes)
    }

    func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        if bytes >= minimumCachedBytes {
            lock.lock()
            if cachedBytes + bytes <= _capacityBytes {
                freeLists[bytes, default: []].append(pointer)
                cachedBytes += bytes
                lock.unlock()
                return
            }
            lock.unlock()
        }
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
        for (size, list) in freeLists {
            var remaining = list
            while cachedBytes > limit, let pointer = remaining.popLast() {
                free(pointer)
                cachedBytes -= size
            }
            freeLists[size] = remaining.isEmpty ? nil : remaining
            if cachedBytes <= limit { break }
        }
    }

    /// Rounds a request up to its size class: below `minimum`, to 64 bytes; above, to the next
    /// quarter step between powers of two.
    static func sizeClass(for bytes: Int, minimum: Int) -> Int {
        if bytes < minimum { return (bytes + alignment - 1) / alignment * alignment }
        let high = Int.bitWidth - 1 - bytes.leadingZeroBitCount
        let step = max(1 << (high - 2), alignment)
        return (bytes + step - 1) / step * step
    }
}
