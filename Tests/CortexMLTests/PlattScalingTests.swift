import Cortex
import CortexData
import XCTest
@testable import CortexML

final class PlattScalingTests: XCTestCase {
    /// scikit-learn's probabilities for iris rows 0, 60, 70, 120 with SVC(probability=True,
    /// random_state=0). The calibration folds come from a different generator, so the values
    /// agree to a few hundredths, not bit for bit.
    func testProbabilitiesAreCloseToScikitLearnsOnIris() throws {
        let iris = try Datasets.iris()
        let model = try SVC(probability: true, randomState: 0).fit(iris.data, iris.target)
        let rows = Tensor([0, 60, 70, 120].map { Array(iris.data.scalars[($0 * 4)..<($0 * 4 + 4)]) })
        let probabilities = try model.predictProba(rows)
        let expected: [Float] = [0.9774828812, 0.0143710316, 0.0081460871, 0.0194718246, 0.9743742954, 0.00615388,
                                 0.0096763093, 0.5071975002, 0.4831261905, 0.0071187001, 0.0031186146, 0.9897626854]
        for (actual, reference) in zip(probabilities.scalars, expected) { XCTAssertEqual(actual, reference, accuracy: 0.05) }
        for r in 0..<4 {
            XCTAssertEqual((0..<3).reduce(Float(0)) { $0 + probabilities[index: [r, $1]] }, 1, accuracy: 1e-5)
        }
        for (a, reference) in zip(try XCTUnwrap(model.probA), [-3.3744360839, -3.5859018313, -3.7467986065]) {
            XCTAssertEqual(a, reference, accuracy: 0.5)
        }
    }

    func testSigmoidFitSeparatesAndCouplingRecoversConsistentPairs() {
        let (a, b) = PlattScaling.fitSigmoid(decisions: [-2, -1.5, -1, -0.2, 0.3, 1, 1.4, 2.5],
                                              positive: [false, false, false, true, false, true, true, true])
        XCTAssertLessThan(a, 0, "a larger decision value must mean a more likely positive")
        XCTAssertGreaterThan(PlattScaling.sigmoid(2, a: a, b: b), 0.8)
        XCTAssertLessThan(PlattScaling.sigmoid(-2, a: a, b: b), 0.2)
        let p = [0.6, 0.3, 0.1]
        let pairwise = (0..<3).map { i in (0..<3).map { j in i == j ? 0 : p[i] / (p[i] + p[j]) } }
        // libsvm stops the fixed-point iteration at a 0.005 / k residual, hence the tolerance.
        for (actual, expected) in zip(PlattScaling.couple(pairwise), p) { XCTAssertEqual(actual, expected, accuracy: 5e-3) }
    }
}
