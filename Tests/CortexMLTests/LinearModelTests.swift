import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Converged solutions against scikit-learn's (scripts/svm_reference.py): the objectives are
/// strictly convex, so the optimum is unique whichever solver reaches it.
final class LinearModelTests: XCTestCase {
    func testLinearSVCReachesScikitLearnsOptimumOnWine() throws {
        let wine = try Datasets.wine()
        let split = try trainTestSplit(wine.data, wine.target, testSize: 0.2, randomState: 42)
        let model = try LinearSVC(tol: 1e-8, maxIter: 100_000).fit(split.xTrain, split.yTrain)
        for (actual, expected) in zip(try XCTUnwrap(model.intercept), [-0.7688770828, 0.9561954789, -0.1009281339]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-3)
        }
        XCTAssertEqual(model.coef?.shape, [3, 13])
        XCTAssertEqual(try model.decisionFunction(split.xTest).shape, [36, 3])
    }

    func testDualAndPrimalLinearSVCAgree() throws {
        let iris = try Datasets.iris()
        let x = Tensor(shape: [100, 4], scalars: Array(iris.data.scalars[200...]))
        let y = Tensor(Array(iris.target.scalars[50...]))
        let primal = try LinearSVC(dual: false, tol: 1e-8).fit(x, y)
        let dual = try LinearSVC(dual: true, tol: 1e-6, maxIter: 100_000, randomState: 0).fit(x, y)
        XCTAssertEqual(primal.coef?.shape, [1, 4])
        for (a, b) in zip(try XCTUnwrap(primal.coef).scalars, try XCTUnwrap(dual.coef).scalars) { XCTAssertEqual(a, b, accuracy: 2e-3) }
        XCTAssertEqual(try XCTUnwrap(primal.intercept)[0], try XCTUnwrap(dual.intercept)[0], accuracy: 2e-3)
        let hinge = try LinearSVC(loss: .hinge, randomState: 0).fit(x, y)
        XCTAssertGreaterThan(try hinge.score(x, y), 0.9)
    }

    func testMultinomialLogisticRegressionMatchesScikitLearnOnIris() throws {
        let iris = try Datasets.iris()
        let model = try LogisticRegression(tol: 1e-8, maxIter: 5000).fit(iris.data, iris.target)
        for (actual, expected) in zip(try XCTUnwrap(model.intercept), [9.849590072, 2.2371990405, -12.0867891126]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-2)
        }
        for (actual, expected) in zip(try XCTUnwrap(model.coef).scalars[0..<4], [-0.4235130928, 0.9673506537, -2.5171542851, -1.0793345577] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-3)
        }
        let rows = Tensor([Array(iris.data.scalars[0..<4]), Array(iris.data.scalars[280..<284])])
        let probabilities = try model.predictProba(rows).scalars
        for (actual, expected) in zip(probabilities, [0.9815835036, 0.0184164819, 0.0000000145, 0.002309825, 0.4400808823, 0.5576092928] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-3)
        }
        XCTAssertEqual(try model.predict(rows).scalars, [0, 2])
    }

    func testBinomialLogisticRegressionMatchesScikitLearn() throws {
        let iris = try Datasets.iris()
        let x = Tensor(shape: [100, 4], scalars: Array(iris.data.scalars[200...]))
        let y = Tensor(Array(iris.target.scalars[50...]))
        let model = try LogisticRegression(C: 0.5, tol: 1e-8, maxIter: 5000).fit(x, y)
        XCTAssertEqual(try XCTUnwrap(model.intercept)[0], -12.8425140263, accuracy: 2e-2)
        for (actual, expected) in zip(try XCTUnwrap(model.coef).scalars, [-0.1020873103, -0.2625915113, 2.3040208946, 1.7748768765] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-3)
        }
        let probabilities = try model.predictProba(x)
        XCTAssertEqual(probabilities.shape, [100, 2])
        XCTAssertEqual(probabilities[index: [0, 0]] + probabilities[index: [0, 1]], 1, accuracy: 1e-6)
    }
}
