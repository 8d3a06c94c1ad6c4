import Cortex
import CortexData
import Foundation
import XCTest
@testable import CortexML

final class ModelPersistenceTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortexml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    /// Saves, overwrites and reloads a fitted model; the copy must predict exactly the same.
    func assertRoundTrip<Model: Classifier & PersistentModel>(_ model: Model, _ x: Tensor, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = directory.appendingPathComponent("\(Model.self).json")
        try model.save(to: url)
        try model.save(to: url)
        let loaded = try Model.load(from: url)
        XCTAssertEqual(try loaded.predict(x).scalars, try model.predict(x).scalars, file: file, line: line)
        XCTAssertEqual(loaded.classes, model.classes, file: file, line: line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }, [],
                       file: file, line: line)
    }

    func testFittedModelsSurviveSaveAndLoad() throws {
        let iris = try Datasets.iris()
        let (x, y) = (iris.data, iris.target)
        try assertRoundTrip(try SVC(probability: true, randomState: 3).fit(x, y), x)
        try assertRoundTrip(try LinearSVC(randomState: 0).fit(x, y), x)
        try assertRoundTrip(try LogisticRegression().fit(x, y), x)
        try assertRoundTrip(try KNeighborsClassifier(weights: .distance).fit(x, y), x)
        let svc = try SVC(probability: true, randomState: 3).fit(x, y)
        let url = directory.appendingPathComponent("svc.json")
        try svc.save(to: url)
        XCTAssertEqual(try SVC.load(from: url).predictProba(x).scalars, try svc.predictProba(x).scalars)

        let scaler = try StandardScaler().fit(x)
        try scaler.save(to: url)
        XCTAssertEqual(try StandardScaler.load(from: url).transform(x).scalars, try scaler.transform(x).scalars)
        let regressor = try SVR().fit(x, y)
        try regressor.save(to: url)
        XCTAssertEqual(try SVR.load(from: url).predict(x).scalars, try regressor.predict(x).scalars)
    }

    func testLoadingSomethingElseThrowsAClearError() throws {
        let url = directory.appendingPathComponent("scaler.json")
        try MinMaxScaler().fit(Tensor([[1], [2]])).save(to: url)
        XCTAssertThrowsError(try SVC.load(from: url)) { error in
            XCTAssertTrue("\(error)".hasSuffix("scaler.json: the file holds a MinMaxScaler, not a SVC"), "\(error)")
        }
        XCTAssertThrowsError(try SVC.load(from: directory.appendingPathComponent("missing.json"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot load model from"), "\(error)")
        }
    }
}

final class ClassicModelValidationTests: XCTestCase {
    let x = Tensor([[0, 0], [1, 1], [0, 1], [1, 0]])
    let y = Tensor([0, 1, 1, 0])

    func testEveryClassifierRejectsBadTrainingData() {
        let makers: [() -> any Classifier] = [{ SVC() }, { LinearSVC() }, { LogisticRegression() }, { KNeighborsClassifier(nNeighbors: 1) }]
        for make in makers {
            XCTAssertThrowsError(try make().fit(Tensor([[0, .nan], [1, 1]]), Tensor([0, 1]))) { error in
                XCTAssertEqual("\(error)", "x: contains NaN or infinity at row 0, column 1")
            }
            XCTAssertThrowsError(try make().fit(x, Tensor([0, 1, 1]))) { error in
                XCTAssertEqual("\(error)", "y: expected 4 targets (one per row of x), got 3")
            }
            XCTAssertThrowsError(try make().fit(x, Tensor([1, 1, 1, 1]))) { error in
                XCTAssertEqual("\(error)", "y: needs samples of at least 2 classes; got only class 1.0")
            }
            XCTAssertThrowsError(try make().predict(x)) { error in
                XCTAssertEqual(error as? MLError, .notFitted(model: "\(type(of: make()))"))
            }
            let model = make()
            XCTAssertNoThrow(try model.fit(x, y))
            XCTAssertThrowsError(try model.predict(Tensor([[0, 1, 2]]))) { error in
                XCTAssertEqual("\(error)", "x: expected 2 features as during fit, got 3")
            }
        }
    }

    func testHyperParametersAreChecked() {
        XCTAssertThrowsError(try SVC(C: 0).fit(x, y)) { error in
            XCTAssertEqual("\(error)", "parameter C: must be positive, got 0.0")
        }
        XCTAssertThrowsError(try SVC(gamma: .value(-1)).fit(x, y)) { error in
            XCTAssertEqual("\(error)", "parameter gamma: must be positive, got -1.0")
        }
        XCTAssertThrowsError(try SVC(classWeight: .weights([1: -2])).fit(x, y)) { error in
            XCTAssertEqual("\(error)", "parameter classWeight: weights must be positive and finite, got -2.0 for class 1.0")
        }
        XCTAssertThrowsError(try KNeighborsClassifier(nNeighbors: 5).fit(x, y)) { error in
            XCTAssertEqual("\(error)", "parameter nNeighbors: 5 neighbours asked for but only 4 training samples")
        }
        XCTAssertThrowsError(try LinearSVC(loss: .hinge, dual: false).fit(x, y))
        XCTAssertThrowsError(try SVC().fit(x, y).predictProba(x)) { error in
            XCTAssertEqual("\(error)", "parameter probability: predictProba needs SVC(probability: true) when fitting")
        }
    }
}
