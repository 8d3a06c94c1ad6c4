import Cortex
import CortexData
import Foundation
import XCTest
@testable import CortexML

final class TreeModelPersistenceTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-ml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    /// Saves, loads and checks the loaded model predicts exactly as the original.
    private func assertRoundTrip<Model: Estimator & PersistentModel>(_ model: Model, _ x: Tensor,
                                                                      file: StaticString = #filePath, line: UInt = #line) throws {
        let url = directory.appendingPathComponent("\(Model.self).json")
        try model.save(to: url)
        let loaded = try Model.load(from: url)
        XCTAssertEqual(try loaded.predict(x).scalars, try model.predict(x).scalars, file: file, line: line)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], file: file, line: line)
    }

    func testEveryTreeModelRoundTripsThroughJSON() throws {
        let wine = try Datasets.wine()
        let (x, y) = (wine.data, wine.target)
        try assertRoundTrip(try DecisionTreeClassifier(criterion: .entropy, maxDepth: 4, randomState: 0).fit(x, y), x)
        try assertRoundTrip(try DecisionTreeRegressor(maxDepth: 3, randomState: 0).fit(x, y), x)
        try assertRoundTrip(try RandomForestClassifier(nEstimators: 5, randomState: 0).fit(x, y), x)
        try assertRoundTrip(try RandomForestRegressor(nEstimators: 5, randomState: 0).fit(x, y), x)
        try assertRoundTrip(try GradientBoostingClassifier(nEstimators: 5, randomState: 0).fit(x, y), x)
        try assertRoundTrip(try GradientBoostingRegressor(nEstimators: 5, randomState: 0).fit(x, y), x)
        try assertRoundTrip(try HistGradientBoostingClassifier(maxIter: 5, randomState: 0).fit(x, y), x)

        let url = directory.appendingPathComponent("DecisionTreeClassifier.json")
        let loaded = try DecisionTreeClassifier.load(from: url)
        XCTAssertEqual(loaded.classes, [0, 1, 2])
        XCTAssertEqual(loaded.depth, 4)
        XCTAssertEqual(loaded.criterion, .entropy)
        XCTAssertEqual(try loaded.predictProba(x).scalars, try DecisionTreeClassifier(criterion: .entropy, maxDepth: 4, randomState: 0)
            .fit(x, y).predictProba(x).scalars)
    }

    func testLoadingRejectsTheWrongModelAndBrokenFiles() throws {
        let iris = try Datasets.iris()
        let url = directory.appendingPathComponent("forest.json")
        try RandomForestClassifier(nEstimators: 2, randomState: 0).fit(iris.data, iris.target).save(to: url)
        XCTAssertThrowsError(try DecisionTreeClassifier.load(from: url)) { error in
            XCTAssertEqual("\(error)", "cannot load model from \(url.path): the file holds a RandomForestClassifier, not a DecisionTreeClassifier")
        }
        let broken = directory.appendingPathComponent("broken.json")
        try Data("{\"format\": \"cortex-ml\"".utf8).write(to: broken)
        XCTAssertThrowsError(try DecisionTreeClassifier.load(from: broken)) { error in
            XCTAssertEqual("\(error)", "cannot load model from \(broken.path): not a Cortex model file")
        }
        let missingDirectory = directory.appendingPathComponent("absent/model.json")
        XCTAssertThrowsError(try DecisionTreeClassifier().fit(iris.data, iris.target).save(to: missingDirectory)) { error in
            guard case ModelFileError.unwritable = error else { return XCTFail("unexpected \(error)") }
        }
    }
}
