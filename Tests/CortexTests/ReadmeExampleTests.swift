import XCTest
@testable import Cortex

/// The README's first example, kept working.
final class ReadmeExampleTests: XCTestCase {
    func testLinearRegressionRecoversWeights() {
        Random.seed(42)
        let x = Tensor.randomNormal([256, 3])
        let trueWeights = Tensor([[2], [-1], [0.5]])
        let y = x.matmul(trueWeights) + 0.3

        let w = Variable(Tensor.zeros([3, 1]), name: "w")
        let b = Variable(Tensor.zeros([1]), name: "b")
        for _ in 0..<200 {
            let (_, grads) = valueWithGradient(at: [w, b]) {
                (x.matmul(w.value) + b.value - y).square().mean()
            }
            w.assign(w.value - 0.1 * grads[0])
            b.assign(b.value - 0.1 * grads[1])
        }
        XCTAssertTrue(w.value.isAlmostEqual(to: trueWeights, absoluteTolerance: 1e-3), "\(w.value)")
        XCTAssertEqual(b.value.scalar, 0.3, accuracy: 1e-3)
    }
}
