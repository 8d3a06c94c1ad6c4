import Cortex
import XCTest

/// Compares reverse-mode gradients with central finite differences.
///
/// The scalar under test is `Σ f(inputs) · w` for fixed random weights `w` (so every output
/// element matters, with a different weight), accumulated in double precision. Each input
/// element (or a sample of `maxChecksPerInput` of them) is nudged by ±`epsilon`. An element
/// passes when |analytic − numeric| ≤ `absoluteTolerance` + `relativeTolerance`·|numeric|.
public func assertGradientsMatchFiniteDifferences(
    _ inputs: [Tensor],
    epsilon: Float = 1e-2,
    absoluteTolerance: Double = 2e-3,
    relativeTolerance: Double = 1e-2,
    maxChecksPerInput: Int = 60,
    file: StaticString = #filePath, line: UInt = #line,
    _ function: ([Tensor]) -> Tensor
) {
    var generator = RandomGenerator(seed: 1234)
    let probe = withoutGradients { function(inputs) }
    let weights = Tensor.randomUniform(probe.shape, lower: -1, upper: 1, generator: &generator)

    func weightedSum(_ values: [Tensor]) -> Double {
        let output = withoutGradients { function(values) }
        XCTAssertEqual(output.shape, weights.shape, "output shape changed under perturbation", file: file, line: line)
        return zip(output.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    let (_, analytic) = valueWithGradient(at: inputs) { tracked in (function(tracked) * weights).sum() }
    for (index, input) in inputs.enumerated() {
        XCTAssertEqual(analytic[index].shape, input.shape, "gradient \(index) has the wrong shape", file: file, line: line)
        let positions: [Int]
        if input.count <= maxChecksPerInput {
            positions = Array(0..<input.count)
        } else {
            positions = (0..<maxChecksPerInput).map { _ in generator.nextInt(below: input.count) }
        }
        let analyticScalars = analytic[index].scalars
        for position in positions {
            var plus = inputs, minus = inputs
            plus[index].withUnsafeMutableBufferPointer { $0[position] += epsilon }
            minus[index].withUnsafeMutableBufferPointer { $0[position] -= epsilon }
            let numeric = (weightedSum(plus) - weightedSum(minus)) / (2 * Double(epsilon))
            let difference = Swift.abs(Double(analyticScalars[position]) - numeric)
            if difference > absoluteTolerance + relativeTolerance * Swift.abs(numeric) {
                XCTFail("input \(index) element \(position): analytic \(analyticScalars[position]) vs numeric \(numeric)",
                        file: file, line: line)
                return
            }
        }
    }
}

/// A reproducible random tensor for tests.
public func randomTensor(_ shape: [Int], seed: UInt64, lower: Float = -1, upper: Float = 1) -> Tensor {
    var generator = RandomGenerator(seed: seed)
    return Tensor.randomUniform(shape, lower: lower, upper: upper, generator: &generator)
}

/// Asserts two tensors have the same shape and values within `tolerance`.
public func assertTensorsClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-5,
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, "shapes differ", file: file, line: line)
    guard actual.shape == expected.shape else { return }
    XCTAssertTrue(actual.isAlmostEqual(to: expected, absoluteTolerance: tolerance, relativeTolerance: tolerance),
                  "values differ:\n\(actual)\nvs expected\n\(expected)", file: file, line: line)
}
