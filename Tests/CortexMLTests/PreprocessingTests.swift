import Cortex
import XCTest
@testable import CortexML

final class PreprocessingTests: XCTestCase {
    let x = Tensor([[1, 10, 5], [3, 20, 5], [5, 60, 5]])

    func testStandardScalerCentresAndScalesAndInverts() throws {
        let scaler = try StandardScaler().fit(x)
        XCTAssertEqual(scaler.mean, [3, 30, 5])
        XCTAssertEqual(try XCTUnwrap(scaler.variance)[1], 1400 / 3, accuracy: 1e-9)
        XCTAssertEqual(scaler.scale?[2], 1, "a constant feature keeps divisor 1")
        let scaled = try scaler.transform(x)
        let s0 = Float((8.0 / 3).squareRoot())
        XCTAssertTrue(scaled.isAlmostEqual(to: Tensor([[-2 / s0, -20 / Float((1400.0 / 3).squareRoot()), 0],
                                                       [0, -10 / Float((1400.0 / 3).squareRoot()), 0],
                                                       [2 / s0, 30 / Float((1400.0 / 3).squareRoot()), 0]]), absoluteTolerance: 1e-5))
        XCTAssertTrue(try scaler.inverseTransform(scaled).isAlmostEqual(to: x, absoluteTolerance: 1e-4))
        XCTAssertThrowsError(try scaler.transform(Tensor([[1, 2]]))) { error in
            XCTAssertEqual("\(error)", "x: expected 3 features as during fit, got 2")
        }
        XCTAssertThrowsError(try StandardScaler().transform(x)) { error in
            XCTAssertEqual(error as? MLError, .notFitted(model: "StandardScaler"))
        }
    }

    func testMinMaxScalerMapsOntoTheRangeAndClips() throws {
        let scaler = try MinMaxScaler(featureRange: -1...1).fit(x)
        XCTAssertEqual(scaler.dataMin, [1, 10, 5])
        XCTAssertEqual(scaler.dataMax, [5, 60, 5])
        XCTAssertEqual(try scaler.transform(x).scalars, [-1, -1, -1, 0, -0.6, -1, 1, 1, -1])
        XCTAssertEqual(try scaler.inverseTransform(try scaler.transform(x)).scalars, x.scalars)
        scaler.clip = true
        XCTAssertEqual(try scaler.transform(Tensor([[9, 0, 5]])).scalars, [1, -1, -1])
        XCTAssertThrowsError(try MinMaxScaler().fit(Tensor([[1, .infinity]]))) { error in
            XCTAssertEqual("\(error)", "x: contains NaN or infinity at row 0, column 1")
        }
    }

    func testLabelEncoderRoundTripsNumbersAndText() throws {
        let encoder = try LabelEncoder().fit(Tensor([7, 3, 7, 9]))
        XCTAssertEqual(encoder.classes, [3, 7, 9])
        XCTAssertEqual(try encoder.transform(Tensor([9, 3, 7])).scalars, [2, 0, 1])
        XCTAssertEqual(try encoder.inverseTransform(Tensor([1, 2])).scalars, [7, 9])
        XCTAssertThrowsError(try encoder.transform(Tensor([4]))) { error in
            XCTAssertEqual("\(error)", "y: contains label 4.0 not seen during fit")
        }
        try encoder.fit(labels: ["paris", "amsterdam", "tokyo", "paris"])
        XCTAssertEqual(try encoder.transform(labels: ["tokyo", "amsterdam"]).scalars, [2, 0])
        XCTAssertEqual(try encoder.inverseTransform(labels: Tensor([1, 0])), ["paris", "amsterdam"])
    }

    func testOneHotEncoderExpandsEachColumn() throws {
        let encoder = try OneHotEncoder().fit(Tensor([[0, 5], [2, 5], [1, 7]]))
        XCTAssertEqual(encoder.categories, [[0, 1, 2], [5, 7]])
        let encoded = try encoder.transform(Tensor([[2, 7], [0, 5]]))
        XCTAssertEqual(encoded.shape, [2, 5])
        XCTAssertEqual(encoded.scalars, [0, 0, 1, 0, 1, 1, 0, 0, 1, 0])
        XCTAssertEqual(try encoder.inverseTransform(encoded).scalars, [2, 7, 0, 5])
        XCTAssertThrowsError(try encoder.transform(Tensor([[3, 5]]))) { error in
            XCTAssertEqual("\(error)", "x: unknown category 3.0 in column 0 at row 0")
        }
        encoder.handleUnknown = .ignore
        XCTAssertEqual(try encoder.transform(Tensor([[3, 5]])).scalars, [0, 0, 0, 1, 0])
    }
}
