import Cortex
import CortexData
import Foundation
import XCTest

final class FlowFromDirectoryTests: XCTestCase {
    private var root: URL!

    /// cats/: two PNGs (one in a nested folder), a text file and a "PNG" that is not one;
    /// dogs/: two JPEGs of another size and a truncated JPEG.
    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-flow-\(UUID().uuidString)")
        let manager = FileManager.default
        for folder in ["cats/more", "dogs"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let dark = Tensor(repeating: 20, shape: [6, 8, 3]), bright = Tensor(repeating: 230, shape: [10, 10, 3])
        try saveImage(dark, to: root.appendingPathComponent("cats/a.png"), scale: false)
        try saveImage(dark, to: root.appendingPathComponent("cats/more/b.PNG"), scale: false)
        try Data("not an image".utf8).write(to: root.appendingPathComponent("cats/notes.txt"))
        try Data("not an image either".utf8).write(to: root.appendingPathComponent("cats/bad.png"))
        try saveImage(bright, to: root.appendingPathComponent("dogs/c.jpg"), scale: false)
        try saveImage(bright, to: root.appendingPathComponent("dogs/d.jpeg"), scale: false)
        let jpeg = try ImageCodec.encode(bright, format: .jpeg(quality: 90))
        try jpeg.prefix(jpeg.count / 2).write(to: root.appendingPathComponent("dogs/e.jpg"))
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: root)
    }

    func testListingFollowsKerasAndWarnsAboutAFileThatIsNotAnImage() throws {
        var warnings: [DataWarning] = []
        let listing = try DataWarnings.$handler.withValue({ warnings.append($0) }) { try ImageDirectory(root) }
        XCTAssertEqual(listing.classIndices, ["cats": 0, "dogs": 1])
        XCTAssertEqual(listing.filenames, ["cats/a.png", "cats/more/b.PNG", "dogs/c.jpg", "dogs/d.jpeg", "dogs/e.jpg"])
        XCTAssertEqual(listing.classes, [0, 0, 1, 1, 1])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.file, root.appendingPathComponent("cats/bad.png").path)
    }

    func testBatchesHaveResizedImagesAndTheirLabels() throws {
        var warnings: [DataWarning] = []
        let generator = try ImageDataGenerator(rescale: 1 / 255)
        let batches = try DataWarnings.$handler.withValue({ warnings.append($0) }) { () -> [Example] in
            let flow = try generator.flowFromDirectory(root, targetSize: (4, 5), batchSize: 8, shuffle: false)
            XCTAssertEqual(flow.count, 1)
            return try flow.collect()
        }
        XCTAssertEqual(batches.count, 1)
        let batch = batches[0]
        // The truncated JPEG is left out with a warning naming it.
        XCTAssertEqual(batch.x.shape, [4, 4, 5, 3])
        XCTAssertEqual(batch.y, Tensor(shape: [4, 2], scalars: [1, 0, 1, 0, 0, 1, 0, 1]))
        XCTAssertTrue(warnings.contains { $0.file == root.appendingPathComponent("dogs/e.jpg").path }, "\(warnings)")
        let perImage = (0..<4).map { i in batch.x.scalars[(i * 60)..<((i + 1) * 60)] }
        XCTAssertTrue(perImage[0].allSatisfy { abs($0 - 20 / 255) < 1e-6 })
        XCTAssertTrue(perImage[3].allSatisfy { abs($0 - 230 / 255) < 3 / 255 })
    }

    func testClassModesSubsetsAndGrayscale() throws {
        let generator = try ImageDataGenerator(validationSplit: 0.5)
        try DataWarnings.$handler.withValue({ _ in }) {
            let sparse = try generator.flowFromDirectory(root, targetSize: (3, 3), colorMode: .grayscale, classMode: .sparse,
                                                         batchSize: 10, shuffle: false, subset: .training).collect()
            // Training takes the second half of each class: cats/more/b.PNG, dogs/d.jpeg and dogs/e.jpg (truncated).
            XCTAssertEqual(sparse[0].x.shape, [2, 3, 3, 1])
            XCTAssertEqual(sparse[0].y.scalars, [0, 1])
            let validation = try ImageDirectory(root, subset: .validation, validationSplit: 0.5)
            XCTAssertEqual(validation.filenames, ["cats/a.png", "dogs/c.jpg"])
            let unlabeled = try generator.flowFromDirectory(root, targetSize: (2, 2), classes: ["dogs"], classMode: .none,
                                                            batchSize: 2, shuffle: false).collect()
            XCTAssertEqual(unlabeled.map { $0.x.shape[0] }, [2])  // the batch of only the truncated file is skipped
            XCTAssertTrue(unlabeled[0].targets.isEmpty)
        }
        XCTAssertThrowsError(try generator.flowFromDirectory(root.appendingPathComponent("missing")))
        XCTAssertThrowsError(try generator.flowFromDirectory(root, classes: ["cats", "dogs", "birds"]))
    }
}
