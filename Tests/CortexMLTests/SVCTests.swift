import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Reference values from scripts/svm_reference.py (scikit-learn 1.9.1).
final class SVCTests: XCTestCase {
    func testMatchesScikitLearnOnIris() throws {
        let iris = try Datasets.iris()
        let model = try SVC(C: 1, gamma: .value(0.5)).fit(iris.data, iris.target)
        XCTAssertEqual(model.nSupport, [6, 17, 18])
        // scikit-learn takes [34, 36, 40] steps on the double data, [34, 37, 40] on the Float32 values a Tensor holds.
        XCTAssertEqual(model.nIter, [34, 37, 40], "the same SMO steps as libsvm")
        XCTAssertEqual(model.support, [13, 14, 15, 22, 24, 41, 50, 52, 54, 56, 60, 62, 63, 66, 68, 70, 72, 76, 77, 83, 84, 85,
                                       98, 100, 106, 110, 117, 118, 119, 121, 123, 126, 127, 129, 131, 133, 134, 138, 141, 146, 149])
        let intercept = try XCTUnwrap(model.intercept)
        for (actual, expected) in zip(intercept, [-0.0747010074, -0.2240271592, -0.1237560481]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-3)
        }
        let dual = try XCTUnwrap(model.dualCoef)
        XCTAssertEqual(dual.shape, [2, 41])
        let expectedDual: [[Float]] = [[0, 0.1742481724, 0.6796316304, 0.0918414766, 0.5546474943, 0.89075734, -0.6022114832, 0],
                                       [0.005279688, 0.2006564643, 0.8010200715, 0.3260405744, 0.2441130194, 0.9212603251, 0, 1]]
        for r in 0..<2 {
            for c in 0..<8 { XCTAssertEqual(dual[index: [r, c]], expectedDual[r][c], accuracy: 5e-3) }
        }
        let rows = Tensor([iris.data.scalars[0..<4], iris.data.scalars[240..<244], iris.data.scalars[480..<484]].map(Array.init))
        assertClose(try model.decisionFunction(rows), [[2.2348398086, -0.1862500336, 0.8240457808],
                                                      [-0.196743739, 2.2222261231, 0.8803823373],
                                                      [-0.2076914398, 0.8281495049, 2.243661206]])
        model.decisionFunctionShape = .ovo
        assertClose(try model.decisionFunction(rows), [[1.1950026519, 1.1893145827, -0.0712868179],
                                                      [-0.9998160051, -0.4405846338, 1.0002893219],
                                                      [-0.5019079433, -1.1511349544, -1.5661107838]])
        XCTAssertEqual(try model.predict(rows).scalars, [0, 1, 2])
    }

    func testBinaryLinearKernelSignsFollowScikitLearn() throws {
        let iris = try Datasets.iris()
        let x = Tensor(shape: [100, 4], scalars: Array(iris.data.scalars[200...]))
        let y = Tensor(Array(iris.target.scalars[50...]))
        let model = try SVC(kernel: .linear).fit(x, y)
        XCTAssertEqual(model.nSupport, [11, 12])
        XCTAssertEqual(try XCTUnwrap(model.intercept)[0], -6.7809711851, accuracy: 2e-3)
        let coef = try XCTUnwrap(model.coef)
        for (actual, expected) in zip(coef.scalars, [-0.595497763, -0.9739002967, 2.0309995757, 2.0063026699] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-3)
        }
        let rows = Tensor([Array(x.scalars[0..<4]), Array(x.scalars[200..<204])])
        let decision = try model.decisionFunction(rows).scalars
        XCTAssertEqual(decision[0], -1.7114147321, accuracy: 2e-3)
        XCTAssertEqual(decision[1], 3.4552760577, accuracy: 2e-3)
        XCTAssertEqual(try model.predict(rows).scalars, [1, 2])
    }

    func testBalancedClassWeightsScaleCPerClass() throws {
        let iris = try Datasets.iris()
        let rows = Array(0..<50) + Array(50..<70) + Array(100..<110)
        let x = Tensor(shape: [rows.count, 4], scalars: rows.flatMap { iris.data.scalars[($0 * 4)..<($0 * 4 + 4)] })
        let y = Tensor(rows.map { iris.target.scalars[$0] })
        let model = try SVC(classWeight: .balanced).fit(x, y)
        XCTAssertEqual(model.nSupport, [9, 14, 6])
        for (actual, expected) in zip(try XCTUnwrap(model.intercept), [0.0328912894, -0.0909049101, -0.283734008]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-3)
        }
    }

    /// scikit-learn on breast_cancer rounded to Float32 (as a Tensor holds it): libsvm's 12.4
    /// million steps end on the same support vectors. Too slow unoptimised, so release only.
    func testLinearKernelFollowsLibsvmStepForStepOnBreastCancer() throws {
        #if DEBUG
        throw XCTSkip("run with swift test -c release -Xswiftc -enable-testing")
        #else
        let data = try Datasets.breastCancer()
        let split = try trainTestSplit(data.data, data.target, testSize: 0.2, randomState: 42)
        let model = try SVC(kernel: .linear).fit(split.xTrain, split.yTrain)
        XCTAssertEqual(model.nSupport, [25, 26])
        XCTAssertEqual(try model.score(split.xTest, split.yTest), 0.9649122807017544, accuracy: 1e-9)
        XCTAssertEqual(Double(try XCTUnwrap(model.nIter?.first)), 12_363_829, accuracy: 12_363_829 * 0.01)
        #endif
    }

    func assertClose(_ actual: Tensor, _ expected: [[Double]], tolerance: Float = 1e-3, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.shape, [expected.count, expected[0].count], file: file, line: line)
        for (a, e) in zip(actual.scalars, expected.flatMap { $0 }) {
            XCTAssertEqual(a, Float(e), accuracy: tolerance, file: file, line: line)
        }
    }
}
