import Foundation
import XCTest
@testable import Cortex

/// The SIMD `exp`, `tanh` and `sigmoid` against double-precision libm, at the error bounds
/// their documentation states.
final class VectorMathTests: XCTestCase {
    private typealias Kernel = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

    private func evaluate(_ kernel: Kernel, _ inputs: [Float]) -> [Float] {
        var outputs = [Float](repeating: .nan, count: inputs.count)
        inputs.withUnsafeBufferPointer { source in
            outputs.withUnsafeMutableBufferPointer { kernel(source.baseAddress!, $0.baseAddress!, inputs.count) }
        }
        return outputs
    }

    /// The largest relative error over grids of width ±20, ±1, ±0.3 and ±0.01 (odd counts, so
    /// tails shorter than eight lanes are covered too).
    private func maximumRelativeError(_ kernel: Kernel, _ reference: (Double) -> Double) -> Double {
        var worst = 0.0
        for scale in [20.0, 1, 0.3, 0.01] {
            let inputs = (0..<4001).map { Float((Double($0) / 2000 - 1) * scale) }
            for (x, y) in zip(inputs, evaluate(kernel, inputs)) {
                let expected = reference(Double(x))
                let error = Swift.abs(Double(y) - expected)
                worst = Swift.max(worst, expected == 0 ? error : error / Swift.abs(expected))
            }
        }
        return worst
    }

    func testExpWithinItsBound() {
        XCTAssertLessThan(maximumRelativeError({ VectorMath.exp($0, $1, count: $2) }, Foundation.exp), 1e-7)
    }

    func testTanhWithinItsBound() {
        XCTAssertLessThan(maximumRelativeError({ VectorMath.tanh($0, $1, count: $2) }, Foundation.tanh), 2e-7)
    }

    func testSigmoidWithinItsBound() {
        XCTAssertLessThan(maximumRelativeError({ VectorMath.sigmoid($0, $1, count: $2) }, { 1 / (1 + Foundation.exp(-$0)) }), 3e-7)
    }

    func testSpecialValuesFollowFloatMath() {
        let inputs: [Float] = [0, -0, 88.7, 89, 1000, .infinity, -87.3, -88, -1000, -.infinity, .nan]
        let exps = evaluate({ VectorMath.exp($0, $1, count: $2) }, inputs)
        XCTAssertEqual(exps[0], 1)
        XCTAssertEqual(exps[1], 1)
        let nearTop = Foundation.exp(Double(inputs[2])), nearBottom = Foundation.exp(Double(inputs[6]))
        XCTAssertEqual(Double(exps[2]), nearTop, accuracy: 1e-7 * nearTop)
        XCTAssertEqual(Array(exps[3...5]), [.infinity, .infinity, .infinity])
        XCTAssertEqual(Double(exps[6]), nearBottom, accuracy: 1e-7 * nearBottom)
        XCTAssertEqual(Array(exps[7...9]), [0, 0, 0], "below the smallest normal float the result is 0")
        XCTAssertTrue(exps[10].isNaN)

        let tanhs = evaluate({ VectorMath.tanh($0, $1, count: $2) }, inputs)
        XCTAssertEqual(Array(tanhs[0...1]), [0, 0])
        XCTAssertEqual(Array(tanhs[3...5]), [1, 1, 1])
        XCTAssertEqual(Array(tanhs[7...9]), [-1, -1, -1])
        XCTAssertTrue(tanhs[10].isNaN)

        let sigmoids = evaluate({ VectorMath.sigmoid($0, $1, count: $2) }, inputs)
        XCTAssertEqual(sigmoids[0], 0.5)
        XCTAssertEqual(Array(sigmoids[3...5]), [1, 1, 1])
        XCTAssertEqual(Array(sigmoids[8...9]), [0, 0])
        XCTAssertTrue(sigmoids[10].isNaN)
    }

    /// A value's result does not depend on whether it sits in a full group of eight or in the tail.
    func testTailEqualsFullLanes() {
        let inputs = (0..<13).map { Float($0) * 0.37 - 2 }
        let whole = evaluate({ VectorMath.tanh($0, $1, count: $2) }, inputs)
        let shifted = evaluate({ VectorMath.tanh($0, $1, count: $2) }, Array(inputs[5...]))
        XCTAssertEqual(Array(whole[5...]), shifted)
    }
}
