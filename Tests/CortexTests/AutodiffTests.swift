import XCTest
@testable import Cortex
import CortexTestSupport

final class AutodiffTests: XCTestCase {
    func testValueWithGradientAtVariablesRestoresPlainValues() {
        let w = Variable(Tensor([[1, 2], [3, 4]]), name: "w")
        let b = Variable(Tensor([0.5, -0.5]), name: "b")
        let x = Tensor([[1, 1]])
        let (value, gradients) = valueWithGradient(at: [w, b]) { (x.matmul(w.value) + b.value).square().sum() }
        // y = [4.5, 5.5]; loss = 4.5² + 5.5²; dL/dy = [9, 11]; dL/dW = xᵀ·dy; dL/db = dy.
        XCTAssertEqual(value.scalar, 50.5)
        XCTAssertEqual(gradients[0].scalars, [9, 11, 9, 11])
        XCTAssertEqual(gradients[1].scalars, [9, 11])
        XCTAssertFalse(w.value.requiresGradient)
        XCTAssertFalse(value.requiresGradient)
    }

    func testGradientOfPlainTensors() {
        let x = Tensor([1, 2, 3]).requiringGradient()
        let y = Tensor([4, 5, 6]).requiringGradient()
        let z = (x * y + x.exp()).sum()
        let gradients = gradient(of: z, wrt: [x, y])
        assertTensorsClose(gradients[0], Tensor([4 + 2.7182817, 5 + 7.389056, 6 + 20.085537]), tolerance: 1e-5)
        XCTAssertEqual(gradients[1].scalars, [1, 2, 3])
    }

    func testNonScalarOutputIsDifferentiatedAsSumOrWithSeed() {
        let x = Tensor([1, 2]).requiringGradient()
        XCTAssertEqual(gradient(of: x * x, wrt: [x])[0].scalars, [2, 4])
        let x2 = Tensor([1, 2]).requiringGradient()
        XCTAssertEqual(gradient(of: x2 * x2, wrt: [x2], seed: Tensor([10, 100]))[0].scalars, [20, 400])
    }

    func testUnrelatedInputGetsZeros() {
        let x = Tensor([1, 2]).requiringGradient()
        let unrelated = Tensor([[3, 4]]).requiringGradient()
        let gradients = gradient(of: (x * 2).sum(), wrt: [x, unrelated])
        XCTAssertEqual(gradients[1], Tensor.zeros([1, 2]))
    }

    func testDiamondGraphAccumulatesOnce() {
        // f = (a·b)·(a + b) with a shared intermediate; df/da = b(a+b) + ab.
        let g = valueWithGradient(at: [Tensor(2), Tensor(3)]) { v in
            let product = v[0] * v[1]
            return product * (v[0] + v[1])
        }.gradients
        XCTAssertEqual(g[0].scalar, 3 * 5 + 6)
        XCTAssertEqual(g[1].scalar, 2 * 5 + 6)
    }

    func testWithoutGradientsRecordsNothing() {
        let x = Tensor([1, 2]).requiringGradient()
        let y = withoutGradients { (x * 3).exp().sum() }
        XCTAssertFalse(y.requiresGradient)
        let z = (x * 3).sum()
        XCTAssertTrue(z.requiresGradient)
    }

    func testUntrackedInputsRecordNothing() {
        let y = (Tensor([1, 2]) * 3).exp().sum()
        XCTAssertFalse(y.requiresGradient)
    }

    func testBroadcastGradientIsReducedToInputShape() {
        let bias = Tensor([1, 2, 3])
        let g = gradient(at: bias) { b in (Tensor.ones([4, 3]) * b).sum() }
        XCTAssertEqual(g.scalars, [4, 4, 4])
    }

    func testRecordingIsPerThread() {
        final class Outcome: @unchecked Sendable { var recorded = false }
        let x = Tensor([1, 2]).requiringGradient()
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        withoutGradients {
            Thread {
                outcome.recorded = (x * 2).requiresGradient
                done.signal()
            }.start()
            done.wait()
        }
        XCTAssertTrue(outcome.recorded, "withoutGradients on one thread must not pause recording on another")
    }
}

final class GraphLifetimeTests: XCTestCase {
    func testBackwardPassConsumesTheGraph() {
        let x = Tensor([1, 2]).requiringGradient()
        let y = (x.exp() * 2).sum()
        _ = gradient(of: y, wrt: [x])
        XCTAssertTrue(y.node!.isConsumed, "a second backward pass through this graph must be refused")
        XCTAssertTrue(y.node!.inputs.allSatisfy { $0?.isConsumed ?? true || $0!.isLeaf })
    }
}
