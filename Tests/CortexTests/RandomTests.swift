import XCTest
@testable import Cortex

final class RandomTests: XCTestCase {
    func testSameSeedSameNumbers() {
        Random.seed(42)
        let a = Tensor.randomNormal([5])
        Random.seed(42)
        let b = Tensor.randomNormal([5])
        XCTAssertEqual(a, b)
        // xoshiro256** seeded by SplitMix64: the sequence is the same on every run and platform.
        var generator = RandomGenerator(seed: 42)
        XCTAssertEqual((0..<3).map { _ in generator.next() }, RandomTests.firstOutputsForSeed42)
    }

    /// Computed independently from the xoshiro256** and SplitMix64 reference algorithms.
    static let firstOutputsForSeed42: [UInt64] = [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009]

    func testDistributionsHaveTheirMoments() {
        var generator = RandomGenerator(seed: 7)
        let n = 200_000
        let uniform = Tensor.randomUniform([n], lower: -2, upper: 4, generator: &generator)
        XCTAssertEqual(uniform.mean().scalar, 1, accuracy: 0.02)
        XCTAssertGreaterThanOrEqual(uniform.min().scalar, -2)
        XCTAssertLessThan(uniform.max().scalar, 4)
        let normal = Tensor.randomNormal([n], mean: 3, standardDeviation: 2, generator: &generator)
        XCTAssertEqual(normal.mean().scalar, 3, accuracy: 0.02)
        XCTAssertEqual(normal.standardDeviation().scalar, 2, accuracy: 0.02)
        let truncated = Tensor.truncatedNormal([n], standardDeviation: 1, generator: &generator)
        XCTAssertLessThanOrEqual(truncated.abs().max().scalar, 2)
        // A standard normal truncated to ±2σ has standard deviation 0.8796.
        XCTAssertEqual(truncated.standardDeviation().scalar, 0.8796, accuracy: 0.01)
        let coin = Tensor.bernoulli([n], probability: 0.3, generator: &generator)
        XCTAssertEqual(coin.mean().scalar, 0.3, accuracy: 0.01)
        XCTAssertEqual(Set(coin.scalars), [0, 1])
    }
}
