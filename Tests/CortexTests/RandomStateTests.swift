import Foundation
import XCTest
@testable import Cortex

final class RandomStateTests: XCTestCase {
    func testSavedStateContinuesTheExactSequence() throws {
        Random.seed(9)
        _ = Tensor.randomNormal([3])   // an odd count leaves the second normal of a pair pending
        let saved = Random.state
        XCTAssertNotNil(saved.spareNormal)
        let expected = (Tensor.randomNormal([4]), Tensor.randomUniform([5]), Tensor.bernoulli([6], probability: 0.3))
        let encoded = try JSONEncoder().encode(saved)
        Random.seed(123)
        Random.state = try JSONDecoder().decode(RandomGenerator.State.self, from: encoded)
        XCTAssertEqual(Random.state, saved)
        XCTAssertEqual(Tensor.randomNormal([4]), expected.0)
        XCTAssertEqual(Tensor.randomUniform([5]), expected.1)
        XCTAssertEqual(Tensor.bernoulli([6], probability: 0.3), expected.2)
    }

    func testLargeWordsSurviveJSONAndInvalidStatesAreRefused() throws {
        let state = RandomGenerator.State(words: [.max, 1 << 63 + 1, 0, 12_544_586_762_248_559_009], spareNormal: nil)
        XCTAssertEqual(try JSONDecoder().decode(RandomGenerator.State.self, from: JSONEncoder().encode(state)), state)
        XCTAssertNil(RandomGenerator(state: .init(words: [0, 0, 0, 0], spareNormal: nil)))
        XCTAssertNil(RandomGenerator(state: .init(words: [1, 2, 3], spareNormal: nil)))
        var generator = try XCTUnwrap(RandomGenerator(state: RandomGenerator(seed: 42).state))
        XCTAssertEqual((0..<3).map { _ in generator.next() }, RandomTests.firstOutputsForSeed42)
    }
}
