import XCTest
@testable import Cortex

final class BufferPoolTests: XCTestCase {
    func testSizeClassesRoundUpByAtMostAQuarter() {
        XCTAssertEqual(BufferPool.sizeClass(for: 1), 64)
        XCTAssertEqual(BufferPool.sizeClass(for: 64), 64)
        XCTAssertEqual(BufferPool.sizeClass(for: 65), 128)
        XCTAssertEqual(BufferPool.sizeClass(for: 1000), 1024)
        XCTAssertEqual(BufferPool.sizeClass(for: 1025), 1280)
        XCTAssertEqual(BufferPool.sizeClass(for: 86_528), 98_304)  // 26 × 26 × 32 floats
        for bytes in stride(from: 1, through: 1 << 22, by: 997) {
            let size = BufferPool.sizeClass(for: bytes)
            XCTAssertGreaterThanOrEqual(size, bytes)
            XCTAssertLessThanOrEqual(size, max(64, bytes + bytes / 4 + 63), "\(bytes)")
            XCTAssertEqual(size % 64, 0)
            XCTAssertEqual(BufferPool.classSize(atListIndex: BufferPool.listIndex(size)), size, "\(bytes)")
        }
        // Distinct classes have distinct free lists.
        let classes = Set((1...100_000).map { BufferPool.sizeClass(for: $0) })
        XCTAssertEqual(Set(classes.map(BufferPool.listIndex)).count, classes.count)
    }

    func testReleasedBlocksOfTheSameClassAreHandedOutAgain() {
        let pool = BufferPool()
        let small = pool.allocate(bytes: 100), large = pool.allocate(bytes: 300_000)
        XCTAssertEqual(Int(bitPattern: small.pointer) % 64, 0)
        pool.release(small.pointer, bytes: small.bytes)
        pool.release(large.pointer, bytes: large.bytes)
        XCTAssertEqual(pool.idleBytes, small.bytes + large.bytes)
        XCTAssertEqual(pool.allocate(bytes: 120).pointer, small.pointer)
        XCTAssertEqual(pool.allocate(bytes: large.bytes).pointer, large.pointer)
        XCTAssertEqual(pool.idleBytes, 0)
    }

    func testCapacityBoundsTheIdleMemory() {
        let pool = BufferPool()
        pool.capacityBytes = 1024
        let blocks = (0..<3).map { _ in pool.allocate(bytes: 512) }
        for block in blocks { pool.release(block.pointer, bytes: block.bytes) }
        XCTAssertEqual(pool.idleBytes, 1024)
        pool.capacityBytes = 512
        XCTAssertEqual(pool.idleBytes, 512)
        pool.drain()
        XCTAssertEqual(pool.idleBytes, 0)
    }
}
