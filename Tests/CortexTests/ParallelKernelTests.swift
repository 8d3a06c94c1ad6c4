import XCTest
@testable import Cortex
import CortexTestSupport

/// The kernels split over threads must give exactly what one thread gives: each output element
/// is computed by one thread in the same order either way (banded sums of a long axis excepted).
final class ParallelKernelTests: XCTestCase {
    private var savedThreads = 1
    private var savedMinimum = 0

    override func setUp() {
        savedThreads = Parallelism.threadCount
        savedMinimum = Parallelism.minimumParallelElements
        Parallelism.threadCount = 4
    }

    override func tearDown() {
        Parallelism.threadCount = savedThreads
        Parallelism.minimumParallelElements = savedMinimum
    }

    /// `body` computed on one thread and split into many small chunks.
    private func serialAndParallel(_ body: () -> [Tensor]) -> (serial: [Tensor], parallel: [Tensor]) {
        Parallelism.minimumParallelElements = Int.max
        let serial = body()
        Parallelism.minimumParallelElements = 8
        return (serial, body())
    }

    func testElementwiseAndBroadcastingMatchSerial() {
        let x = randomTensor([37, 23], seed: 1), y = randomTensor([37, 23], seed: 2)
        let row = randomTensor([23], seed: 3), column = randomTensor([37, 1], seed: 4)
        let flat = randomTensor([1001], seed: 5)
        let (serial, parallel) = serialAndParallel {
            [x + y, x * row, x - column, column / row, x.exp(), flat + Tensor(2), Tensor(3) * flat,
             Tensor.where(x .> 0, x, y), pow(x, 2)]
        }
        for (index, (s, p)) in zip(serial, parallel).enumerated() {
            XCTAssertEqual(s.shape, p.shape, "result \(index)")
            XCTAssertEqual(s.scalars, p.scalars, "result \(index)")
        }
        XCTAssertEqual(parallel[0].scalars[40], x.scalars[40] + y.scalars[40])
        XCTAssertEqual(parallel[2][index: [5, 7]], x[index: [5, 7]] - column[index: [5, 0]])
    }

    func testReductionsMatchSerial() {
        let x = randomTensor([29, 31, 3], seed: 6)
        let (serial, parallel) = serialAndParallel {
            [x.sum(axis: 0), x.sum(axis: 1), x.sum(axis: 2), x.max(axis: 1), x.min(axis: 2), x.softmax(axis: 1)]
        }
        for (index, (s, p)) in zip(serial, parallel).enumerated() {
            if index == 0 {
                // Axis 0 (long, into few outputs) is summed in per-thread bands: the same sums,
                // rounded in another order.
                assertTensorsClose(p, s, tolerance: 1e-5)
            } else {
                XCTAssertEqual(s.scalars, p.scalars, "result \(index)")
            }
        }
        let expected = (0..<31).reduce(Float(0)) { $0 + x[index: [2, $1, 1]] }
        XCTAssertEqual(parallel[1][index: [2, 1]], expected, accuracy: 1e-4)
    }

    /// Every index is visited exactly once, also by a loop nested in another (it runs on the
    /// calling thread) and next to a matrix product inside a parallel loop (the same thread pool).
    func testChunksCoverEveryIndexOnceEvenNested() {
        let outer = 7, inner = 1000
        let visits = UnsafeMutableBufferPointer<Int32>.allocate(capacity: outer * inner)
        defer { visits.deallocate() }
        visits.initialize(repeating: 0)
        let a = randomTensor([3, 4], seed: 7), b = randomTensor([4, 5], seed: 8)
        let products = UnsafeMutableBufferPointer<Float>.allocate(capacity: outer * 15)
        defer { products.deallocate() }
        Parallelism.forEachChunk(outer, minimumChunk: 1) { range in
            for o in range {
                Parallelism.forEachChunk(inner, minimumChunk: 10) { innerRange in
                    for i in innerRange { visits[o * inner + i] += 1 }
                }
                let product = a.matmul(b).scalars
                for (index, value) in product.enumerated() { products[o * 15 + index] = value }
            }
        }
        XCTAssertEqual(visits.filter { $0 != 1 }.count, 0)
        let expected = a.matmul(b).scalars
        for o in 0..<outer { XCTAssertEqual(Array(products[(o * 15)..<(o * 15 + 15)]), expected, "row \(o)") }
    }

    #if os(Linux)
    /// OpenMP loads on first use, after Cortex has chosen its short wait, unless the
    /// environment chose a wait policy itself.
    func testOpenMPWaitsBrieflyUnlessTheEnvironmentChose() throws {
        _ = OneDNN.functions
        // getenv, not ProcessInfo: Foundation keeps the environment the process started with.
        let variable = { (name: String) in getenv(name).map { String(cString: $0) } }
        try XCTSkipIf(variable("OMP_WAIT_POLICY") != nil, "the environment chose OpenMP's wait policy")
        if let spinCount = variable("GOMP_SPINCOUNT"), spinCount != OneDNN.defaultSpinCount {
            throw XCTSkip("the environment set GOMP_SPINCOUNT=\(spinCount)")
        }
        XCTAssertEqual(variable("GOMP_SPINCOUNT"), OneDNN.defaultSpinCount)
        XCTAssertEqual(OneDNN.functions.inParallel(), 0)
    }
    #endif
}
