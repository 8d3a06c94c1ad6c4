import Foundation
import XCTest
@testable import Cortex
import CortexTestSupport

final class UnaryMathTests: XCTestCase {
    /// Inputs kept away from 0 so that kinks (relu, abs, leakyRelu, elu) are not straddled by ±ε.
    private let mixed = randomTensor([3, 7], seed: 11).mapScalars { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
    private let positive = randomTensor([2, 5, 3], seed: 12, lower: 0.3, upper: 2)

    func testForwardValuesMatchHandComputed() {
        let x = Tensor([-2, -0.5, 0, 0.5, 2])
        assertTensorsClose(x.relu(), Tensor([0, 0, 0, 0.5, 2]))
        assertTensorsClose(x.abs(), Tensor([2, 0.5, 0, 0.5, 2]))
        assertTensorsClose(x.sigmoid(), Tensor([0.11920292, 0.37754067, 0.5, 0.62245933, 0.88079708]))
        assertTensorsClose(x.tanh(), Tensor([-0.96402758, -0.46211716, 0, 0.46211716, 0.96402758]))
        assertTensorsClose(x.leakyRelu(alpha: 0.1), Tensor([-0.2, -0.05, 0, 0.5, 2]))
        assertTensorsClose(x.elu(), Tensor([-0.86466472, -0.39346934, 0, 0.5, 2]))
        assertTensorsClose(x.selu(), Tensor([-1.52016647, -0.69175440, 0, 0.52535050, 2.10140200]))
        assertTensorsClose(x.softplus(), Tensor([0.12692801, 0.47407698, 0.69314718, 0.97407698, 2.12692801]))
        assertTensorsClose(x.softsign(), Tensor([-0.66666667, -0.33333333, 0, 0.33333333, 0.66666667]))
        assertTensorsClose(x.swish(), Tensor([-0.23840584, -0.18877033, 0, 0.31122967, 1.76159416]))
        // GELU exact: x·Φ(x); tanh form from Hendrycks & Gimpel.
        assertTensorsClose(x.gelu(), Tensor([-0.04550026, -0.15426877, 0, 0.34573123, 1.95449974]))
        assertTensorsClose(x.gelu(approximate: true), Tensor([-0.04540230, -0.15428599, 0, 0.34571401, 1.95459770]))
        assertTensorsClose(x.clipped(min: -1, max: 1), Tensor([-1, -0.5, 0, 0.5, 1]))
        assertTensorsClose(Tensor([1, 4, 9]).sqrt(), Tensor([1, 2, 3]))
        assertTensorsClose(Tensor([1, 4, 16]).rsqrt(), Tensor([1, 0.5, 0.25]))
        assertTensorsClose(Tensor([0, 1]).exp(), Tensor([1, 2.7182817]))
        assertTensorsClose(Tensor([1, Float(M_E)]).log(), Tensor([0, 1]))
        assertTensorsClose(Tensor([1e-7]).log1p(), Tensor([1e-7]), tolerance: 1e-12)
    }

    func testSoftplusAndSigmoidStayFiniteForLargeInputs() {
        let x = Tensor([-1000, 1000])
        XCTAssertEqual(x.softplus().scalars, [0, 1000])
        XCTAssertEqual(x.sigmoid().scalars, [0, 1])
    }

    func testGradientsOfSmoothOps() {
        for op: (Tensor) -> Tensor in [
            { $0.exp() }, { $0.tanh() }, { $0.sigmoid() }, { $0.sin() }, { $0.cos() }, { $0.square() },
            { $0.gelu() }, { $0.gelu(approximate: true) }, { $0.softplus() }, { $0.swish() },
            { $0.softsign() }, { -$0 }, { pow($0, 2) },
        ] {
            assertGradientsMatchFiniteDifferences([mixed]) { op($0[0]) }
        }
    }

    func testGradientsOfPositiveDomainOps() {
        for op: (Tensor) -> Tensor in [{ $0.log() }, { $0.log1p() }, { $0.sqrt() }, { $0.rsqrt() }, { pow($0, 1.5) }] {
            assertGradientsMatchFiniteDifferences([positive]) { op($0[0]) }
        }
    }

    func testGradientsOfPiecewiseOps() {
        for op: (Tensor) -> Tensor in [
            { $0.relu() }, { $0.abs() }, { $0.leakyRelu(alpha: 0.3) }, { $0.elu(alpha: 0.7) }, { $0.selu() },
            { $0.clipped(min: -0.5, max: 0.5) },
        ] {
            assertGradientsMatchFiniteDifferences([mixed], epsilon: 1e-3) { op($0[0]) }
        }
    }

    func testComparisonsAndWhere() {
        let a = Tensor([1, 2, 3]), b = Tensor([3, 2, 1])
        XCTAssertEqual((a .< b).scalars, [1, 0, 0])
        XCTAssertEqual((a .>= b).scalars, [0, 1, 1])
        XCTAssertEqual((a .== 2).scalars, [0, 1, 0])
        let picked = Tensor.where(a .> 1.5, a, Tensor(-1))
        XCTAssertEqual(picked.scalars, [-1, 2, 3])
        let c = randomTensor([2, 3], seed: 5), d = randomTensor([3], seed: 6)
        let mask = c .> 0
        assertGradientsMatchFiniteDifferences([c, d]) { Tensor.where(mask, $0[0] * 2, $0[1].exp()) }
    }

    func testWhereSendsGradientOnlyToThePickedSide() {
        let a = Tensor([1, 2, 3])
        let b = Tensor([Float.nan, 5, Float.nan])
        let gradients = valueWithGradient(at: [a, b]) { Tensor.where(Tensor([1, 0, 1]), $0[0], $0[1]).sum() }.gradients
        XCTAssertEqual(gradients[0].scalars, [1, 0, 1])
        XCTAssertEqual(gradients[1].scalars, [0, 1, 0])
    }
}
