import XCTest
@testable import Cortex
import CortexTestSupport

final class LinearAlgebraTests: XCTestCase {
    func testMatmulMatchesHandComputed() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        let b = Tensor([[7, 8], [9, 10], [11, 12]])
        XCTAssertEqual(a.matmul(b).scalars, [58, 64, 139, 154])
        XCTAssertEqual(a.matmul(a, transposeOther: true).scalars, [14, 32, 32, 77])
        XCTAssertEqual(a.matmul(a, transposeSelf: true).shape, [3, 3])
        XCTAssertEqual(a.matmul(a, transposeSelf: true).scalars, [17, 22, 27, 22, 29, 36, 27, 36, 45])
        XCTAssertEqual(Tensor([1, 2, 3]).dot(Tensor([4, 5, 6])).scalar, 32)
        XCTAssertEqual(Tensor([1, 2]).outer(Tensor([3, 4, 5])).scalars, [3, 4, 5, 6, 8, 10])
        XCTAssertEqual(a.matmul(Tensor([1, 1, 1])).scalars, [6, 15])
    }

    func testBatchedMatmulBroadcastsBatchAxes() {
        let a = randomTensor([2, 1, 3, 4], seed: 31)
        let b = randomTensor([3, 4, 5], seed: 32)
        let c = a.matmul(b)
        XCTAssertEqual(c.shape, [2, 3, 3, 5])
        // Each output matrix equals the 2-D product of the matching operands.
        let a1 = Tensor(shape: [3, 4], scalars: Array(a.scalars[12..<24]))
        let b2 = Tensor(shape: [4, 5], scalars: Array(b.scalars[40..<60]))
        let expected = a1.matmul(b2)
        let offset = (1 * 3 + 2) * 15
        assertTensorsClose(Tensor(shape: [3, 5], scalars: Array(c.scalars[offset..<offset + 15])), expected)
    }

    func testMatmulGradientsForEveryTransposeCombination() {
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 33)
            let b = randomTensor(tb ? [5, 4] : [4, 5], seed: 34)
            assertGradientsMatchFiniteDifferences([a, b]) { $0[0].matmul($0[1], transposeSelf: ta, transposeOther: tb) }
        }
    }

    func testBatchedAndVectorMatmulGradients() {
        let a = randomTensor([2, 3, 4], seed: 35), b = randomTensor([4, 5], seed: 36)
        assertGradientsMatchFiniteDifferences([a, b]) { $0[0].matmul($0[1]) }
        let c = randomTensor([2, 1, 3, 4], seed: 37), d = randomTensor([3, 4, 2], seed: 38)
        assertGradientsMatchFiniteDifferences([c, d]) { $0[0].matmul($0[1]) }
        let v = randomTensor([4], seed: 39)
        assertGradientsMatchFiniteDifferences([a, v]) { $0[0].matmul($0[1]) }
        assertGradientsMatchFiniteDifferences([v, randomTensor([4], seed: 40)]) { $0[0].dot($0[1]) }
        assertGradientsMatchFiniteDifferences([v, randomTensor([3], seed: 41)]) { $0[0].outer($0[1]) }
    }

    /// The product by a triple loop, for checking the BLAS paths.
    private func naiveProduct(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        let left = transposeA ? a.transposed() : a, right = transposeB ? b.transposed() : b
        let (m, k, n) = (left.shape[0], left.shape[1], right.shape[1])
        let x = left.scalars, y = right.scalars
        var out = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { out[i * n + j] += x[i * k + p] * y[p * n + j] } } }
        return Tensor(shape: [m, n], scalars: out)
    }

    func testSingleRowAndSingleColumnProductsMatchATripleLoop() {
        // One row or one column goes through sgemv instead of sgemm; every transpose layout
        // must read its vector with the right stride.
        for (m, n) in [(1, 5), (5, 1), (1, 1)] {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = randomTensor(ta ? [7, m] : [m, 7], seed: 42), b = randomTensor(tb ? [n, 7] : [7, n], seed: 43)
                assertTensorsClose(a.matmul(b, transposeSelf: ta, transposeOther: tb),
                                   naiveProduct(a, b, transposeA: ta, transposeB: tb), tolerance: 1e-5)
            }
        }
    }

    func testMatrixVectorPathIgnoresWhatTheDestinationHeldWhenBetaIsZero() {
        // A column of C inside a wider matrix (ldc = 3), first filled with NaN: beta = 0 must
        // overwrite it and leave the other columns alone.
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6]
        var c = [Float](repeating: .nan, count: 6)
        c[1] = 9; c[2] = 9; c[4] = 9; c[5] = 9
        BLAS.sgemm(transposeA: false, transposeB: false, m: 2, n: 1, k: 2, a: a, lda: 2, b: b, ldb: 1, c: &c, ldc: 3)
        XCTAssertEqual(c, [17, 9, 9, 39, 9, 9])
        var row = [Float](repeating: .nan, count: 2)
        BLAS.sgemm(transposeA: false, transposeB: false, m: 1, n: 2, k: 2, a: b, lda: 2, b: a, ldb: 2, c: &row, ldc: 2)
        XCTAssertEqual(row, [23, 34])
    }

    func testMismatchedInnerDimensionsAreReportedByTheValidator() {
        XCTAssertThrowsError(try Broadcasting.shape([2, 3], [4], op: "add")) { error in
            XCTAssertEqual("\(error)", "add: shapes [2, 3] and [4] cannot be broadcast together (axis 1: 3 vs 4)")
        }
    }
}

final class ShapeValidationTests: XCTestCase {
    func testMatmulValidatorNamesBothShapes() {
        XCTAssertEqual(try Tensor.matmulShape([2, 3], [3, 4]), [2, 4])
        XCTAssertEqual(try Tensor.matmulShape([5, 1, 2, 3], [7, 4, 3], transposeB: true), [5, 7, 2, 4])
        XCTAssertThrowsError(try Tensor.matmulShape([2, 3], [4, 5])) { error in
            XCTAssertEqual("\(error)", "matmul: inner dimensions differ: [2, 3] · [4, 5] needs 3 = 4")
        }
        XCTAssertThrowsError(try Tensor.matmulShape([2, 2, 3], [3, 3, 4])) { error in
            XCTAssertTrue("\(error)".hasPrefix("matmul (batch axes): shapes [2] and [3] cannot be broadcast"), "\(error)")
        }
    }

    func testReshapeValidatorInfersOneAxis() {
        XCTAssertEqual(try Tensor.resolvedShape([-1, 4], for: [2, 3, 4]), [6, 4])
        XCTAssertThrowsError(try Tensor.resolvedShape([5, -1], for: [2, 3])) { error in
            XCTAssertEqual("\(error)", "reshape: cannot reshape [2, 3] (6 elements) to [5, -1]")
        }
        XCTAssertThrowsError(try Tensor.resolvedShape([-1, -1], for: [2, 3]))
    }

    func testAxisValidator() {
        XCTAssertEqual(try checkedAxis(-1, rank: 3, op: "sum"), 2)
        XCTAssertThrowsError(try checkedAxis(3, rank: 3, op: "sum")) { error in
            XCTAssertEqual("\(error)", "sum: axis 3 is out of range for a tensor of rank 3")
        }
    }
}
