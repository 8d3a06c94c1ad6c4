import Cortex
import CortexData
import XCTest
@testable import CortexML

/// Reference folds and scores from scripts/svm_reference.py (scikit-learn 1.9.1).
final class ModelSelectionTests: XCTestCase {
    let x10 = Tensor(repeating: 0, shape: [10, 1])
    let y10 = Tensor([0, 0, 1, 1, 1, 2, 2, 0, 1, 2])

    func testKFoldMatchesScikitLearn() throws {
        XCTAssertEqual(try KFold(nSplits: 3).split(x10).map(\.test), [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]])
        let shuffled = try KFold(nSplits: 3, shuffle: true, randomState: 0).split(x10)
        XCTAssertEqual(shuffled.map(\.test), [[2, 4, 8, 9], [1, 6, 7], [0, 3, 5]])
        XCTAssertEqual(shuffled[0].train, [0, 1, 3, 5, 6, 7])
        XCTAssertThrowsError(try KFold(nSplits: 11).split(x10)) { error in
            XCTAssertEqual("\(error)", "parameter nSplits: cannot be greater than the number of samples: 11 > 10")
        }
    }

    func testStratifiedKFoldMatchesScikitLearn() throws {
        XCTAssertEqual(try StratifiedKFold(nSplits: 3).split(x10, y10).map(\.test), [[0, 2, 3, 5], [1, 4, 6], [7, 8, 9]])
        XCTAssertEqual(try StratifiedKFold(nSplits: 3, shuffle: true, randomState: 1).split(x10, y10).map(\.test),
                       [[0, 3, 5, 8], [2, 7, 9], [1, 4, 6]])
        XCTAssertThrowsError(try StratifiedKFold(nSplits: 5).split(x10, y10)) { error in
            XCTAssertEqual("\(error)", "parameter nSplits: 5 is greater than the number of members in every class")
        }
    }

    func testCrossValScoreMatchesScikitLearnOnIris() throws {
        let iris = try Datasets.iris()
        let scores = try crossValScore({ SVC() }, iris.data, iris.target)
        for (actual, expected) in zip(scores, [0.9666666667, 0.9666666667, 0.9666666667, 0.9333333333, 1]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-9)
        }
    }

    func testPipelineScalesInsideEachFold() throws {
        let wine = try Datasets.wine()
        let scaled = try crossValScore({ Pipeline([StandardScaler()], SVC()) }, wine.data, wine.target)
        for (actual, expected) in zip(scaled, [1, 0.9722222222, 0.9444444444, 1, 1]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-9)
        }
        let raw = try crossValScore({ SVC() }, wine.data, wine.target)
        XCTAssertEqual(raw.reduce(0, +) / 5, 0.6634920634920635, accuracy: 1e-9)
        let pipeline = try Pipeline([StandardScaler()], SVC(probability: true, randomState: 0)).fit(wine.data, wine.target)
        XCTAssertEqual(pipeline.classes, [0, 1, 2])
        let probabilities = try pipeline.predictProba(wine.data)
        XCTAssertEqual(probabilities.shape, [178, 3])
        XCTAssertGreaterThan(try pipeline.score(wine.data, wine.target), 0.98)
    }

    func testGridSearchFindsScikitLearnsBestParameters() throws {
        let iris = try Datasets.iris()
        let search = GridSearchCV(grid: ["C": [0.1, 1, 10], "kernel": ["linear", "rbf"]]) { p in
            SVC(C: try p.double("C"), kernel: try p.option("kernel", as: SVMKernel.self))
        }
        try search.fit(iris.data, iris.target)
        XCTAssertEqual(search.bestParams, Parameters(["C": 1, "kernel": "linear"]))
        XCTAssertEqual(try XCTUnwrap(search.bestScore), 0.98, accuracy: 1e-9)
        XCTAssertEqual(search.results.map(\.rank), [3, 6, 1, 5, 3, 1])
        XCTAssertEqual(search.bestEstimator?.kernel, .linear)
        XCTAssertGreaterThan(try search.score(iris.data, iris.target), 0.98)
        XCTAssertEqual("\(search.bestParams!)", "C=1, kernel=linear")
    }

    func testGridSearchOverAPipelineWithShuffledStratifiedFolds() throws {
        let wine = try Datasets.wine()
        let search = GridSearchCV(grid: ["C": [0.1, 1, 10]], cv: StratifiedKFold(nSplits: 5, shuffle: true, randomState: 0)) { p in
            Pipeline([StandardScaler()], SVC(C: try p.double("C")))
        }
        try search.fit(wine.data, wine.target)
        for (result, expected) in zip(search.results, [0.9717460317460318, 0.9830158730158731, 0.9887301587301588]) {
            XCTAssertEqual(result.meanScore, expected, accuracy: 1e-9)
        }
        XCTAssertEqual(search.bestParams, Parameters(["C": 10]))
        XCTAssertEqual(search.bestEstimator?.estimator.C, 10)
    }

    func testGridParametersAreCheckedByType() {
        let grid = ParameterGrid([["a": [1, 2], "b": ["x"]], ["c": [true]]])
        XCTAssertEqual(grid.combinations.map(\.description), ["a=1, b=x", "a=2, b=x", "c=true"])
        let p = Parameters(["kernel": "cubic", "C": 2])
        XCTAssertEqual(try p.double("C"), 2)
        XCTAssertThrowsError(try p.option("kernel", as: SVMKernel.self)) { error in
            XCTAssertEqual("\(error)", "parameter kernel: expected one of the names of SVMKernel, got cubic")
        }
        XCTAssertThrowsError(try p.int("gamma")) { error in
            XCTAssertEqual("\(error)", "parameter gamma: not in the grid (has [\"C\", \"kernel\"])")
        }
    }
}
