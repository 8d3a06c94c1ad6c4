import XCTest
@testable import Cortex
import CortexTestSupport

final class ReductionTests: XCTestCase {
    // [[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]
    private let x = Tensor.arange(0, 12).reshaped(to: [2, 2, 3])

    func testSumOverAxesSetsMatchesHandComputed() {
        XCTAssertEqual(x.sum().scalar, 66)
        XCTAssertEqual(x.sum(axis: 0).scalars, [6, 8, 10, 12, 14, 16])
        XCTAssertEqual(x.sum(axis: -1).scalars, [3, 12, 21, 30])
        XCTAssertEqual(x.sum(axes: [0, 2]).scalars, [24, 42])
        XCTAssertEqual(x.sum(axes: [0, 2], keepDims: true).shape, [1, 2, 1])
        XCTAssertEqual(x.sum(axes: [1, 2]).scalars, [15, 51])
        XCTAssertEqual(x.mean(axis: 1).scalars, [1.5, 2.5, 3.5, 7.5, 8.5, 9.5])
    }

    func testExtremesProductsAndArgIndices() {
        XCTAssertEqual(x.max(axis: 1).scalars, [3, 4, 5, 9, 10, 11])
        XCTAssertEqual(x.min(axes: [0, 1]).scalars, [0, 1, 2])
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).prod(axis: 1).scalars, [2, 12])
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).prod().scalar, 24)
        let y = Tensor([[3, 9, 9], [7, 1, 2]])
        XCTAssertEqual(y.argmax(axis: 1).scalars, [1, 0])
        XCTAssertEqual(y.argmin(axis: 0).scalars, [0, 1, 1])
        XCTAssertEqual(y.argmax(axis: 1, keepDims: true).shape, [2, 1])
        XCTAssertEqual(y.argmax(), 1)
        XCTAssertEqual(y.argmin(), 4)
    }

    func testVarianceStdAndLogSumExp() {
        let y = Tensor([[1, 2, 3, 4], [2, 2, 2, 2]])
        assertTensorsClose(y.variance(axis: 1), Tensor([1.25, 0]))
        assertTensorsClose(y.standardDeviation(axis: 1), Tensor([1.118034, 0]))
        assertTensorsClose(Tensor([1000, 1000]).logSumExp(), Tensor(1000.6931472))
        assertTensorsClose(Tensor([[0, 0], [1, 2]]).logSumExp(axis: 1), Tensor([0.6931472, 2.3132617]))
    }

    func testReductionGradients() {
        let a = randomTensor([3, 4, 5], seed: 21)
        assertGradientsMatchFiniteDifferences([a]) { $0[0].sum(axes: [0, 2]) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].sum(axis: 1, keepDims: true) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].mean(axes: [1, 2]) }
        // Small ε: a near-tie within ±ε would make the finite difference meaningless.
        assertGradientsMatchFiniteDifferences([a], epsilon: 1e-3) { $0[0].max(axis: 2) }
        assertGradientsMatchFiniteDifferences([a], epsilon: 1e-3) { $0[0].min(axes: [0, 1]) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].prod(axis: 1) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].variance(axes: [0, 2]) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].standardDeviation(axis: -1) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].logSumExp(axis: 1) }
    }

    func testProductGradientWithZeroFactor() {
        let g = gradient(at: Tensor([2, 0, 3])) { $0.prod() }
        XCTAssertEqual(g.scalars, [0, 6, 0])
    }

    func testMaxGradientIsSharedAmongTies() {
        let g = gradient(at: Tensor([1, 5, 5])) { $0.max() }
        XCTAssertEqual(g.scalars, [0, 0.5, 0.5])
    }

    func testSoftmaxMatchesHandComputedAndIsStable() {
        let logits = Tensor([[1, 2, 3], [1000, 1000, 1000]])
        assertTensorsClose(logits.softmax(), Tensor([[0.09003057, 0.24472847, 0.66524096], [1 / 3, 1 / 3, 1 / 3]]))
        assertTensorsClose(logits.logSoftmax(), Tensor([[-2.40760596, -1.40760596, -0.40760596],
                                                        [-1.09861229, -1.09861229, -1.09861229]]))
        assertTensorsClose(Tensor([[1, 3], [2, 5]]).softmax(axis: 0).sum(axis: 0), Tensor([1, 1]))
    }

    func testSoftmaxGradients() {
        let a = randomTensor([2, 3, 5], seed: 22, lower: -3, upper: 3)
        assertGradientsMatchFiniteDifferences([a]) { $0[0].softmax() }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].softmax(axis: 1) }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].logSoftmax() }
        assertGradientsMatchFiniteDifferences([a]) { $0[0].logSoftmax(axis: 0) }
    }

    func testLargeReductionsSplitOverThreadsAgreeWithSerial() {
        let big = randomTensor([300, 1000], seed: 23)
        let rowSums = big.sum(axis: 1).scalars
        let columnSums = big.sum(axis: 0).scalars
        let values = big.scalars
        for row in [0, 150, 299] {
            let expected = values[(row * 1000)..<(row * 1000 + 1000)].reduce(0, +)
            XCTAssertEqual(rowSums[row], expected, accuracy: 1e-3)
        }
        for column in [0, 500, 999] {
            let expected = stride(from: column, to: values.count, by: 1000).reduce(Float(0)) { $0 + values[$1] }
            XCTAssertEqual(columnSums[column], expected, accuracy: 1e-3)
        }
    }
}

final class BandedReductionTests: XCTestCase {
    /// A long axis with few outputs (a bias gradient's shape) is folded in per-thread bands.
    func testBandedReductionAgreesWithSerialSums() {
        let x = randomTensor([100_000, 3], seed: 77)
        let values = x.scalars
        let sums = x.sum(axis: 0).scalars
        let maxima = x.max(axis: 0).scalars
        for column in 0..<3 {
            let columnValues = stride(from: column, to: values.count, by: 3).map { values[$0] }
            XCTAssertEqual(sums[column], columnValues.reduce(0, +), accuracy: 5e-2)
            XCTAssertEqual(maxima[column], columnValues.max()!)
        }
    }
}
