import XCTest
@testable import Cortex
import CortexTestSupport

final class SlicingTests: XCTestCase {
    /// 0, 1, ..., 23 as [2, 3, 4].
    private let cube = Tensor.arange(0, 24).reshaped(to: [2, 3, 4])
    /// 0, 1, ..., 11 as [3, 4].
    private let matrix = Tensor.arange(0, 12).reshaped(to: [3, 4])
    private let vector = Tensor.arange(0, 10)

    func testIntegerIndicesDropAxes() {
        XCTAssertEqual(cube[1].shape, [3, 4])
        XCTAssertEqual(cube[1].scalars, (12..<24).map(Float.init))
        XCTAssertEqual(cube[-2].scalars, (0..<12).map(Float.init))
        XCTAssertEqual(cube[1, -1], Tensor([20, 21, 22, 23]))
        let corner = cube[1, 2, -1]
        XCTAssertEqual(corner.shape, [])
        XCTAssertEqual(corner.scalar, 23)
        let i = 2
        XCTAssertEqual(matrix[.index(i), .index(i - 1)].scalar, 9)
    }

    func testSwiftRangesOnTheFirstAxis() {
        XCTAssertEqual(matrix[1..<3], Tensor([[4, 5, 6, 7], [8, 9, 10, 11]]))
        XCTAssertEqual(matrix[0...1].scalars, (0..<8).map(Float.init))
        XCTAssertEqual(matrix[2...], Tensor([[8, 9, 10, 11]]))
        XCTAssertEqual(matrix[..<1], Tensor([[0, 1, 2, 3]]))
        XCTAssertEqual(matrix[...0], Tensor([[0, 1, 2, 3]]))
        XCTAssertEqual(vector[(-3)...(-1)], Tensor([7, 8, 9]))
        XCTAssertEqual(vector[...(-8)], Tensor([0, 1, 2]))
        XCTAssertEqual(vector[(-2)...], Tensor([8, 9]))
        XCTAssertEqual(vector[.range(0..<10, step: 4)], Tensor([0, 4, 8]))
        XCTAssertEqual(vector[.range(1...7, step: 3)], Tensor([1, 4, 7]))
    }

    func testPythonSliceRulesWithNegativeSteps() {
        XCTAssertEqual(vector[.range(8, 1, step: -3)], Tensor([8, 5, 2]))
        XCTAssertEqual(vector[.range(-2, nil, step: -4)], Tensor([8, 4, 0]))
        XCTAssertEqual(vector[.range(nil, -12, step: -1)], Tensor((0..<10).reversed().map(Float.init)))
        XCTAssertEqual(vector[.range(-3, nil)], Tensor([7, 8, 9]))
        XCTAssertEqual(vector[.range(nil, 100, step: 4)], Tensor([0, 4, 8]))
        XCTAssertEqual(vector[.range(20, 30)].shape, [0])
        XCTAssertEqual(vector[.range(2, 5, step: -1)].shape, [0])
    }

    func testMixedEntriesEllipsisAndNewAxis() {
        XCTAssertEqual(matrix[.all, .range(nil, nil, step: -2)], Tensor([[3, 1], [7, 5], [11, 9]]))
        XCTAssertEqual(matrix[.ellipsis, 1], Tensor([1, 5, 9]))
        let column = matrix[.newAxis, .all, 0]
        XCTAssertEqual(column.shape, [1, 3])
        XCTAssertEqual(column.scalars, [0, 4, 8])
        XCTAssertEqual(matrix[1, .newAxis].shape, [1, 4])
        let corners = cube[.all, .range(1, nil), .range(nil, nil, step: -3)]
        XCTAssertEqual(corners, Tensor([[[7, 4], [11, 8]], [[19, 16], [23, 20]]]))
        XCTAssertEqual(cube[.ellipsis, 0, .newAxis].shape, [2, 3, 1])
        XCTAssertEqual(cube[.ellipsis, 0, .newAxis].scalars, [0, 4, 8, 12, 16, 20])
    }

    func testSliceAlongAVariableAxis() {
        XCTAssertEqual(matrix.slice(axis: 1, start: 1, end: 3), Tensor([[1, 2], [5, 6], [9, 10]]))
        XCTAssertEqual(matrix.slice(axis: -2, start: -1), Tensor([[8, 9, 10, 11]]))
        XCTAssertEqual(matrix.slice(axis: 1, step: 3), Tensor([[0, 3], [4, 7], [8, 11]]))
        XCTAssertEqual(matrix.slice(axis: 0, start: nil, end: nil, step: -1).scalars,
                       [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3])
    }

    func testFlipped() {
        XCTAssertEqual(matrix.flipped(axes: [1]), Tensor([[3, 2, 1, 0], [7, 6, 5, 4], [11, 10, 9, 8]]))
        XCTAssertEqual(matrix.flipped(axes: [-2]).scalars, [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3])
        XCTAssertEqual(matrix.flipped().scalars, (0..<12).reversed().map(Float.init))
    }

    func testAssignmentWritesInPlaceAndLeavesCopiesAlone() {
        var m = matrix
        m[1] = Tensor([100, 101, 102, 103])
        m[.all, 0] = Tensor(-1)
        m[.range(nil, nil, step: 2), .range(2, nil)] = Tensor([[50, 60]])
        XCTAssertEqual(m, Tensor([[-1, 1, 50, 60], [-1, 101, 102, 103], [-1, 9, 50, 60]]))
        XCTAssertEqual(matrix, Tensor.arange(0, 12).reshaped(to: [3, 4]), "the original must not change")

        var filled = matrix
        filled[1...] = Tensor(7)
        filled[.all, .range(1, 3)] = Tensor([[-5], [-6], [-8]])
        XCTAssertEqual(filled, Tensor([[0, -5, -5, 3], [7, -6, -6, 7], [7, -8, -8, 7]]))

        var shifted = vector
        shifted[1...] = shifted[..<9]
        XCTAssertEqual(shifted, Tensor([0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))
        var reversed = vector
        reversed[.range(nil, nil, step: -1)] = vector
        XCTAssertEqual(reversed, vector.flipped())
    }

    func testGradientScattersIntoPickedPositions() {
        let x = Tensor([1, 2, 3, 4, 5])
        let g = gradient(at: x) { x in (x[.range(nil, nil, step: 2)] * Tensor([1, 2, 3])).sum() + x[1..<3].sum() }
        XCTAssertEqual(g.scalars, [1, 1, 3, 0, 3])
    }

    func testSlicingGradientsMatchFiniteDifferences() {
        let x = randomTensor([3, 5, 4], seed: 11)
        assertGradientsMatchFiniteDifferences([x]) { $0[0][.range(1, nil, step: 2), .range(nil, nil, step: -1), 2] }
        assertGradientsMatchFiniteDifferences([x]) { $0[0][1] }
        assertGradientsMatchFiniteDifferences([x]) { $0[0][.newAxis, .ellipsis, .range(3, 0, step: -2)] }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].slice(axis: 1, start: -4, end: -1) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].flipped(axes: [0, 2]) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0][0..<2] * $0[0][1...] }
    }
}
