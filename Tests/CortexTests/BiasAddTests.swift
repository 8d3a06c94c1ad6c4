import XCTest
@testable import Cortex
import CortexTestSupport

final class BiasAddTests: XCTestCase {
    // Sums x + b kept at least 0.1 away from 0, so relu's kink is not straddled by ±ε.
    private let x = Tensor(shape: [2, 3], scalars: [0.5, -0.7, 0.3, -0.2, 0.9, -1.1])
    private let bias = Tensor([0.1, 0.25, -0.4])

    func testAddingBiasMatchesHandComputedValues() {
        assertTensorsClose(x.addingBias(bias), Tensor(shape: [2, 3], scalars: [0.6, -0.45, -0.1, -0.1, 1.15, -1.5]))
        assertTensorsClose(x.addingBias(bias, relu: true), Tensor(shape: [2, 3], scalars: [0.6, 0, 0, 0, 1.15, 0]))
    }

    func testAddingBiasEqualsBroadcastAddOnImagesAboveTheParallelThreshold() {
        // [8, 32, 32, 32] is 256 K elements: the kernel splits its rows over threads.
        let images = randomTensor([8, 32, 32, 32], seed: 51), channelBias = randomTensor([32], seed: 52)
        XCTAssertEqual(images.addingBias(channelBias), images + channelBias)
        XCTAssertEqual(images.addingBias(channelBias, relu: true), (images + channelBias).relu())
    }

    func testAddingBiasGradients() {
        for relu in [false, true] {
            assertGradientsMatchFiniteDifferences([x, bias]) { $0[0].addingBias($0[1], relu: relu) }
        }
        let sequence = Tensor(shape: [2, 2, 3], scalars: [0.5, -0.7, 0.3, -0.2, 0.9, -1.1, 1.2, 0.4, 0.8, -0.6, -0.3, 0.2])
        assertGradientsMatchFiniteDifferences([sequence, bias]) { $0[0].addingBias($0[1], relu: true) }
    }

    func testAddingBiasRecordsOneNodeAndNoneWithoutGradients() {
        let tracked = x.requiringGradient()
        let before = Autodiff.liveNodeCount
        let output = tracked.addingBias(bias, relu: true)
        XCTAssertEqual(Autodiff.liveNodeCount, before + 1)
        XCTAssertFalse(withoutGradients { tracked.addingBias(bias, relu: true) }.requiresGradient)
        withExtendedLifetime(output) {}
    }
}
