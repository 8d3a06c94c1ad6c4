import XCTest
@testable import Cortex
import CortexTestSupport

/// Counts live graph nodes to check when a computation records a graph and when it does not.
/// XCTest runs these one at a time, so no other test creates nodes while one is counting.
final class GraphRecordingTests: XCTestCase {
    private let x = randomTensor([8, 5], seed: 1)
    private let bias = randomTensor([3], seed: 3)

    private func layer(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        (x.matmul(w) + b).relu().sum()
    }

    func testInferenceWithoutGradientsRecordsNoNodes() {
        let w = randomTensor([5, 3], seed: 2).requiringGradient()
        let b = bias.requiringGradient()
        let baseline = Autodiff.liveNodeCount
        let output = withoutGradients { layer(x, w, b) }
        XCTAssertEqual(Autodiff.liveNodeCount, baseline)
        XCTAssertFalse(output.requiresGradient)
    }

    func testUntrackedInputsRecordNoNodes() {
        let baseline = Autodiff.liveNodeCount
        let output = layer(x, randomTensor([5, 3], seed: 2), bias)
        XCTAssertEqual(Autodiff.liveNodeCount, baseline)
        XCTAssertFalse(output.requiresGradient)
    }

    func testRecordingCountsOneNodePerOpAndBackwardFreesThem() {
        let baseline = Autodiff.liveNodeCount
        let w = randomTensor([5, 3], seed: 2).requiringGradient()
        let b = bias.requiringGradient()
        XCTAssertEqual(Autodiff.liveNodeCount, baseline + 2, "one leaf per tracked tensor")
        do {
            let output = layer(x, w, b)
            XCTAssertEqual(Autodiff.liveNodeCount, baseline + 6, "leaves plus matmul, add, relu and sum")
            let gradients = gradient(of: output, wrt: [w, b])
            XCTAssertEqual(gradients.map(\.shape), [[5, 3], [3]])
        }
        XCTAssertEqual(Autodiff.liveNodeCount, baseline + 2, "the graph goes free with its output")
    }
}
