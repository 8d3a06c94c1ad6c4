import XCTest
@testable import Cortex
import CortexTestSupport

/// The shape kernels split their work across threads only on large tensors; forcing the split
/// on small ones checks that every chunking gives the single-threaded answer.
final class ShapeKernelThreadingTests: XCTestCase {
    func testShapeOpsAgreeWhenSplitAcrossThreads() {
        let x = randomTensor([5, 7, 6], seed: 61)
        let indices = Tensor([[6, 0, 3], [3, 3, 1]])
        let cases: [(name: String, op: (Tensor) -> Tensor)] = [
            ("slice", { $0[.range(1, nil, step: 2), .range(nil, nil, step: -1), .range(1, 5)] }),
            ("gather axis 0", { $0.gathering(indices: indices - 2, axis: 0) }),
            ("gather axis 1", { $0.gathering(indices: indices, axis: 1) }),
            ("gather axis 2", { $0.gathering(indices: indices - 1, axis: 2) }),
            ("take along axis", { $0.takeAlongAxis(indices: Tensor(shape: [1, 7, 2], scalars: (0..<14).map { Float($0 * 5 % 6) }), axis: 2) }),
            ("concatenate", { Tensor.concatenate([$0, $0[.all, .range(1, 3)]], axis: 1) }),
            ("pad", { $0.padded([(1, 2), (0, 3), (2, 2)], mode: .reflect) + $0.padded([(1, 2), (0, 3), (2, 2)]) }),
            ("tile", { $0.tiled(multiples: [2, 1, 3]) }),
        ]
        for (name, op) in cases {
            let weights = randomTensor(op(x).shape, seed: 62)
            func run() -> (Tensor, Tensor) {
                let (value, gradients) = valueWithGradient(at: [x]) { xs in (op(xs[0]) * weights).sum() }
                return (value, gradients[0])
            }
            let (serialValue, serialGradient) = run()
            let saved = Parallelism.minimumParallelElements
            Parallelism.minimumParallelElements = 4
            let (splitValue, splitGradient) = run()
            let splitForward = op(x)
            Parallelism.minimumParallelElements = saved
            XCTAssertEqual(splitForward, op(x), name)
            assertTensorsClose(splitValue, serialValue, tolerance: 1e-4)
            XCTAssertEqual(splitGradient, serialGradient, name)
            XCTAssertGreaterThan(serialGradient.abs().sum().scalar, 0, name)
        }
    }
}
