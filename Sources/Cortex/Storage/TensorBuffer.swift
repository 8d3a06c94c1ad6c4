import Foundation

/// The heap block behind a `Tensor`: a 64-byte-aligned run of `Float`s.
///
/// A class so that tensors share one block until one of them writes (copy-on-write in `Tensor`).
/// Blocks come from and return to `BufferPool`, so a training loop that allocates the same
/// shapes every step reuses memory instead of paying for fresh pages each time.
public final class TensorBuffer: @unchecked Sendable {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>
    private let capacityBytes: Int

    /// A buffer of `count` uninitialised floats.
    init(uninitializedCount count: Int) {
        self.count = count
        let block = BufferPool.shared.allocate(bytes: max(count, 1) * MemoryLayout<Float>.stride)
        self.pointer = block.pointer.bindMemory(to: Float.self, capacity: max(count, 1))
        self.capacityBytes = block.bytes
    }

    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    convenience init(copying source: UnsafeBufferPointer<Float>) {
        self.init(uninitializedCount: source.count)
        if let base = source.baseAddress { pointer.update(from: base, count: source.count) }
    }

    deinit {
        BufferPool.shared.release(UnsafeMutableRawPointer(pointer), bytes: capacityBytes)
    }

    var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}
