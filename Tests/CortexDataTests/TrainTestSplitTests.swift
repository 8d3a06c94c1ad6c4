import Cortex
import XCTest
@testable import CortexData

/// Expected indices come from scikit-learn 1.9's `train_test_split` on `np.arange(n)` with the
/// same arguments (see scripts/split_reference.py).
final class TrainTestSplitTests: XCTestCase {
    private func indexSplit(_ n: Int, testSize: SplitSize, randomState: UInt32, stratify: Tensor? = nil) throws -> ([Int], [Int]) {
        let indices = Tensor.arange(0, Float(n))
        let split = try trainTestSplit(indices.reshaped(to: [n, 1]), indices, testSize: testSize,
                                       randomState: randomState, stratify: stratify)
        XCTAssertEqual(split.xTrain.scalars, split.yTrain.scalars)
        return (split.yTrain.scalars.map { Int($0) }, split.yTest.scalars.map { Int($0) })
    }

    func testMatchesNumPyGenerator() {
        var generator = LegacyMersenneTwister(seed: 42)
        XCTAssertEqual(generator.permutation(10), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
        var other = LegacyMersenneTwister(seed: 7)
        XCTAssertEqual(Array(other.permutation(1797).prefix(8)), [58, 1039, 1550, 813, 372, 1152, 1642, 410])
    }

    func testPlainSplitMatchesScikitLearn() throws {
        let (train, test) = try indexSplit(150, testSize: 0.2, randomState: 42)
        XCTAssertEqual(train.count, 120)
        XCTAssertEqual(Array(train.prefix(8)), [22, 15, 65, 11, 42, 146, 51, 27])
        XCTAssertEqual(Array(test.prefix(8)), [73, 18, 118, 78, 76, 31, 64, 141])
    }

    func testStratifiedSplitMatchesScikitLearn() throws {
        let iris = try Datasets.iris()
        let (train, test) = try indexSplit(150, testSize: 0.2, randomState: 42, stratify: iris.target)
        XCTAssertEqual(Array(train.prefix(8)), [8, 106, 76, 9, 89, 146, 94, 133])
        XCTAssertEqual(Array(test.prefix(8)), [38, 127, 57, 93, 42, 56, 22, 20])
        let digits = try Datasets.digits()
        let (digitTrain, digitTest) = try indexSplit(1797, testSize: 0.25, randomState: 7, stratify: digits.target)
        XCTAssertEqual([digitTrain.count, digitTest.count], [1347, 450])
        XCTAssertEqual(Array(digitTrain.prefix(6)), [439, 648, 1032, 1225, 342, 1625])
        XCTAssertEqual(Array(digitTest.prefix(6)), [1097, 678, 420, 577, 1460, 1438])
    }

    func testInvalidSizesThrow() {
        let x = Tensor.zeros([10, 2]), y = Tensor.zeros([10])
        XCTAssertThrowsError(try trainTestSplit(x, y, testSize: 1.5)) { error in
            XCTAssertEqual("\(error)", "testSize: a fraction must be in (0, 1), got 1.5")
        }
        XCTAssertThrowsError(try trainTestSplit(x, Tensor.zeros([9]))) { error in
            XCTAssertEqual("\(error)", "y: expected 10 samples like x, got shape [9]")
        }
        XCTAssertEqual(try trainTestSplit(x, y, testSize: 3, shuffle: false).xTest.shape, [3, 2])
    }
}
