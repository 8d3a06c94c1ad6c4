import Cortex
import CortexData
import Foundation
import XCTest
@testable import CortexNN

/// Damaged files must throw typed errors: never crash, never yield a different model.
final class SavedFileFuzzTests: XCTestCase {
    private var directory: URL!
    private var generator = RandomGenerator(seed: 2024)

    override func setUpWithError() throws {
        LayerNames.reset()
        Random.seed(8)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func makeModel() -> Model {
        let model = Sequential {
            Input(shape: [3])
            Dense(4, activation: .relu)
            Dense(2)
        }
        model.compile(optimizer: Adam(), loss: .meanSquaredError)
        return model
    }

    /// `data` with 1 to 4 random bytes replaced.
    private func mutated(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        for _ in 0...generator.nextInt(below: 4) {
            bytes[generator.nextInt(below: bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
        }
        return Data(bytes)
    }

    func testDamagedArchivesThrowOrLoadTheSameModel() throws {
        let model = makeModel()
        let original = directory.appendingPathComponent("model.cortex")
        try model.save(to: original)
        let bytes = try Data(contentsOf: original)
        let probe = Tensor.randomNormal([5, 3])
        let expected = try model.predict(probe)
        func load(_ data: Data) throws -> Model {
            try Model.load(ModelArchive(data: data, path: "damaged.cortex"), path: "damaged.cortex")
        }
        var truncations = 0, mutations = 0, unchanged = 0
        for length in 0..<bytes.count {
            XCTAssertThrowsError(try load(bytes.prefix(length)), "truncated to \(length) bytes") { error in
                XCTAssertTrue(error is SavedModelError, "\(error)")
            }
            truncations += 1
        }
        for _ in 0..<2000 {
            do {
                // Only fields no reader needs (dates, attributes) may change without an error.
                let loaded = try load(mutated(bytes))
                XCTAssertEqual(try loaded.predict(probe), expected)
                unchanged += 1
            } catch {
                XCTAssertTrue(error is SavedModelError, "\(error)")
                mutations += 1
            }
        }
        XCTAssertEqual(truncations, bytes.count)
        XCTAssertGreaterThan(mutations, 1600, "\(unchanged) mutations went unnoticed")
    }

    func testDamagedConfigurationsThrowTypedErrors() throws {
        let json = Array(try makeModel().toJSON().utf8)
        var rejected = 0
        for round in 0..<2000 {
            var bytes = json
            if round % 4 == 0 {
                bytes = Array(bytes.prefix(generator.nextInt(below: bytes.count)))
            } else {
                bytes = [UInt8](mutated(Data(bytes)))
            }
            do {
                _ = try Model.fromJSON(String(decoding: bytes, as: UTF8.self))
            } catch {
                XCTAssertTrue(error is SavedModelError || error is ModelError, "\(error)")
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 1500)
    }

    func testDamagedSafetensorsThrowTypedErrors() throws {
        let file = SafeTensors(tensors: ["dense.kernel": Tensor.randomNormal([3, 4]), "dense.bias": Tensor.zeros([4])],
                               metadata: ["format": "cortex"])
        let bytes = file.serialized()
        for length in 0..<bytes.count {
            XCTAssertThrowsError(try SafeTensors(data: bytes.prefix(length))) { XCTAssertTrue($0 is SafeTensorsError) }
        }
        let headerLength = 8 + Int(bytes[0]) + Int(bytes[1]) << 8
        var rejected = 0
        for _ in 0..<3000 {
            var damaged = [UInt8](bytes)
            for _ in 0...generator.nextInt(below: 3) {
                damaged[generator.nextInt(below: headerLength)] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                let parsed = try SafeTensors(data: Data(damaged))
                // A header change that still describes the same bytes (a renamed tensor, say).
                XCTAssertEqual(parsed.tensors.values.reduce(0) { $0 + $1.count }, 16)
            } catch {
                XCTAssertTrue(error is SafeTensorsError, "\(error)")
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 2000)
    }
}
