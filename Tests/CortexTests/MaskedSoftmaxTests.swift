import Cortex
import CortexTestSupport
import Foundation
import XCTest

final class MaskedSoftmaxTests: XCTestCase {
    func testMaskedPositionsGetZeroAndTheRestRenormalise() {
        let x = Tensor([[1, 2, 3], [0, 0, 5]])
        let mask = Tensor([[1, 0, 1], [0, 0, 0]])
        let e1 = Foundation.exp(Float(1)), e3 = Foundation.exp(Float(3))
        assertTensorsClose(x.softmax(mask: mask), Tensor([[e1 / (e1 + e3), 0, e3 / (e1 + e3)], [0, 0, 0]]))
    }

    func testBroadcastMasksEqualTheFullMask() {
        let scores = randomTensor([2, 3, 4, 5], seed: 1)
        let keys = Tensor(shape: [2, 1, 1, 5], scalars: [1, 1, 0, 1, 0, 1, 1, 1, 1, 0])
        let causal = Tensor(shape: [1, 1, 4, 5], scalars: (0..<20).map { Float($0 % 5 <= $0 / 5 ? 1 : 0) })
        for mask in [keys, causal, keys * causal] {
            let full = mask.broadcast(to: scores.shape)
            let masked = Tensor.where(full, scores, Tensor(-1e9)).softmax(axis: -1) * full
            assertTensorsClose(scores.softmax(mask: mask), masked)
            assertTensorsClose(scores.softmax(mask: full), masked)
        }
    }

    func testWithoutMaskedPositionsItIsTheSoftmax() {
        let scores = randomTensor([3, 7], seed: 2)
        assertTensorsClose(scores.softmax(mask: Tensor.ones([7])), scores.softmax(axis: -1))
    }

    func testGradientMatchesFiniteDifferences() {
        let scores = randomTensor([2, 3, 4], seed: 3, lower: -2, upper: 2)
        let mask = Tensor(shape: [2, 1, 4], scalars: [1, 0, 1, 1, 0, 0, 0, 0])
        assertGradientsMatchFiniteDifferences([scores]) { xs in xs[0].softmax(mask: mask) }
    }
}
