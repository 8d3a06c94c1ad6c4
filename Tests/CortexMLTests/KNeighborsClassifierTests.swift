import Cortex
import XCTest
@testable import CortexML

final class KNeighborsClassifierTests: XCTestCase {
    let x = Tensor([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]])
    let y = Tensor([0, 0, 0, 1, 1, 1])

    func testNeighboursAreTheNearestInOrder() throws {
        let model = try KNeighborsClassifier(nNeighbors: 3).fit(x, y)
        let (distances, indices) = try model.kneighbors(Tensor([[0.9, 0.1], [5, 5]]))
        XCTAssertEqual(indices, [[1, 0, 2], [3, 4, 5]])
        XCTAssertEqual(distances[index: [0, 0]], Float((0.01 + 0.01 as Double).squareRoot()), accuracy: 1e-6)
        XCTAssertEqual(distances[index: [1, 0]], 0)
        XCTAssertEqual(try model.predict(Tensor([[0.9, 0.1], [4, 4]])).scalars, [0, 1])
    }

    func testUniformAndDistanceWeights() throws {
        let query = Tensor([[2, 2]])
        let uniform = try KNeighborsClassifier(nNeighbors: 4).fit(x, y)
        XCTAssertEqual(try uniform.predictProba(query).scalars, [0.75, 0.25])
        let weighted = try KNeighborsClassifier(nNeighbors: 4, weights: .distance).fit(x, y)
        let near = [1 / Float(8).squareRoot(), 1 / Float(5).squareRoot(), 1 / Float(5).squareRoot()], far = 1 / Float(18).squareRoot()
        let total = near.reduce(0, +) + far
        let probabilities = try weighted.predictProba(query).scalars
        XCTAssertEqual(probabilities[0], near.reduce(0, +) / total, accuracy: 1e-5)
        XCTAssertEqual(probabilities[1], far / total, accuracy: 1e-5)
        XCTAssertEqual(try weighted.predictProba(Tensor([[5, 5]])).scalars, [0, 1], "an exact match takes the whole vote")
    }
}
