import Cortex
import Foundation
import XCTest
import CortexTestSupport
@testable import CortexNN

/// TensorBoard event files: the framing and protos decoded here, and the files read back with
/// TensorBoard's own reader (scripts/read_tensorboard_events.py) when it is installed.
final class TensorBoardTests: XCTestCase {
    func testCRC32CMatchesThePublishedCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)  // RFC 3720 B.4
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
    }

    func testEventFileRecordsDecode() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try SummaryWriter(logDir: directory.path)
        writer.scalar("loss", value: 0.5, step: 3)
        writer.scalar("accuracy", value: -2.25, step: 300)
        try writer.close()
        XCTAssertTrue(writer.fileURL.lastPathComponent.hasPrefix("events.out.tfevents."))
        let events = try Self.records(in: [UInt8](Data(contentsOf: writer.fileURL))).map(ProtoFields.init)
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events[0].string(3), "brain.Event:2")
        XCTAssertEqual(events[0].double(1)!, Date().timeIntervalSince1970, accuracy: 60)
        for (event, (tag, value, step)) in zip(events.dropFirst(), [("loss", Float(0.5), 3), ("accuracy", -2.25, 300)]) {
            XCTAssertEqual(event.varint(2), UInt64(step))
            let summaryValue = try ProtoFields(XCTUnwrap(ProtoFields(XCTUnwrap(event.bytes(5))).bytes(1)))
            XCTAssertEqual(summaryValue.string(1), tag)
            XCTAssertEqual(summaryValue.float(2), value)
        }
    }

    func testHistogramBucketsAreEqualWidthFromMinToMax() {
        let histogram = Histogram([1, 2, 2, 3, 10, .nan], buckets: 3)
        XCTAssertEqual(histogram.count, 5)
        XCTAssertEqual(histogram.min, 1)
        XCTAssertEqual(histogram.max, 10)
        XCTAssertEqual(histogram.sum, 18)
        XCTAssertEqual(histogram.sumOfSquares, 118)
        XCTAssertEqual(histogram.bucketLimits, [4, 7, 10])
        XCTAssertEqual(histogram.bucketCounts, [4, 0, 1])
        let constant = Histogram([2, 2])
        XCTAssertEqual(constant.bucketLimits, [2])
        XCTAssertEqual(constant.bucketCounts, [2])
    }

    func testWeightImagesFollowKerasShapes() {
        XCTAssertEqual(TensorBoard.weightImage(Tensor.zeros([2, 3]))?.shape, [1, 2, 3, 1])
        XCTAssertEqual(TensorBoard.weightImage(Tensor.zeros([5, 3]))?.shape, [1, 3, 5, 1])
        XCTAssertEqual(TensorBoard.weightImage(Tensor.zeros([4]))?.shape, [1, 4, 1, 1])
        XCTAssertEqual(TensorBoard.weightImage(Tensor.zeros([3, 1]))?.shape, [1, 3, 1, 1])
        XCTAssertEqual(TensorBoard.weightImage(Tensor.zeros([3, 3, 2]))?.shape, [2, 3, 3, 1])
        XCTAssertEqual(TensorBoard.weightImage(Tensor.zeros([3, 3, 2, 4]))?.shape, [3, 3, 2, 4])
        XCTAssertNil(TensorBoard.weightImage(Tensor.zeros([3, 3, 2, 8])))
        XCTAssertNil(TensorBoard.weightImage(Tensor.zeros([1])))
    }

    func testTensorBoardReadsTheFilesOfAFitAndOfASummaryWriter() throws {
        guard let python = PythonInterpreter.importing("tensorboard") else {
            throw XCTSkip("no Python that imports tensorboard; run scripts/setup.sh or set CORTEX_PYTHON")
        }
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }

        Random.seed(1)
        let model = Sequential { Input(shape: [2]); Dense(3, activation: .relu, name: "hidden"); Dense(1, name: "out") }
        model.compile(optimizer: SGD(), loss: .meanSquaredError, metrics: [.meanAbsoluteError])
        let x = Tensor(shape: [6, 2], scalars: (0..<12).map { Float($0) / 10 }), y = Tensor(shape: [6, 1], scalars: [0, 1, 0, 1, 0, 1])
        let board = TensorBoard(logDir: root.appendingPathComponent("fit").path, histogramFreq: 2, writeImages: true, updateFreq: .batches(2))
        let history = try model.fit(x, y, batchSize: 2, epochs: 3, verbose: .silent, callbacks: [board], validationSplit: 1.0 / 3)

        let writer = try SummaryWriter(logDir: root.appendingPathComponent("custom").path)
        writer.scalar("x", value: 1.5, step: 7)
        writer.histogram("h", values: Tensor([1, 2, 2, 3, 10]), step: 1, buckets: 3)
        try writer.image("rgba", tensor: Tensor(shape: [1, 2, 4], scalars: [0, 0.5, 1, 2, -1, 0.25, 0.999, 0.1]), step: 0)
        try writer.image("grey", tensor: Tensor(shape: [2, 1, 2, 1], scalars: [0, 1, 0.5, 0.2]), step: 4)
        XCTAssertThrowsError(try writer.image("bad", tensor: Tensor.zeros([2, 2, 2]), step: 0))
        try writer.close()

        let runs = try Self.readEvents(root, python: python)
        XCTAssertEqual(Set(runs.keys), ["fit/train", "fit/validation", "custom"])
        let train = try XCTUnwrap(runs["fit/train"]), validation = try XCTUnwrap(runs["fit/validation"])
        XCTAssertEqual(train.fileVersion, 2)
        XCTAssertEqual(Set(train.scalars.keys), ["epoch_loss", "epoch_mean_absolute_error", "epoch_learning_rate",
                                                 "batch_loss", "batch_mean_absolute_error"])
        XCTAssertEqual(train.scalars["epoch_loss"]?.map(\.step), [0, 1, 2])
        XCTAssertEqual(train.scalars["epoch_loss"]?.map(\.value), history["loss"])
        XCTAssertEqual(train.scalars["epoch_mean_absolute_error"]?.map(\.value), history["mean_absolute_error"])
        XCTAssertEqual(train.scalars["epoch_learning_rate"]?.map(\.value), [0.01, 0.01, 0.01])
        XCTAssertEqual(train.scalars["batch_loss"]?.map(\.step), [2, 4, 6])
        XCTAssertEqual(Set(validation.scalars.keys), ["epoch_loss", "epoch_mean_absolute_error",
                                                      "evaluation_loss_vs_iterations", "evaluation_mean_absolute_error_vs_iterations"])
        XCTAssertEqual(validation.scalars["epoch_loss"]?.map(\.value), history["val_loss"])
        XCTAssertEqual(validation.scalars["epoch_mean_absolute_error"]?.map(\.value), history["val_mean_absolute_error"])
        XCTAssertEqual(validation.scalars["evaluation_loss_vs_iterations"]?.map(\.step), [2, 4, 6])

        XCTAssertEqual(Set(train.histograms.keys), ["hidden/kernel/histogram", "hidden/bias/histogram", "out/kernel/histogram", "out/bias/histogram"])
        let kernel = try XCTUnwrap(model.getLayer(name: "hidden")?.weights.first?.value.scalars)
        let histogram = try XCTUnwrap(train.histograms["hidden/kernel/histogram"])
        XCTAssertEqual(histogram.map(\.step), [0, 2])
        XCTAssertEqual(histogram[1].count, 6)
        // Compared as Float: the doubles hold Float values, and JSON parsing may miss the last bit.
        XCTAssertEqual(Float(histogram[1].min), kernel.min())
        XCTAssertEqual(Float(histogram[1].max), kernel.max())
        XCTAssertEqual(histogram[1].sum, kernel.reduce(0) { $0 + Double($1) }, accuracy: 1e-6)
        XCTAssertEqual(histogram[1].counts.reduce(0, +), 6)
        XCTAssertEqual(Set(train.images.keys), ["hidden/kernel/image", "hidden/bias/image", "out/kernel/image"])
        let image = try XCTUnwrap(train.images["hidden/kernel/image"]?.last)
        XCTAssertEqual([image.step, image.width, image.height], [2, 3, 2])
        XCTAssertEqual(image.rows, [Array(kernel[0..<3]), Array(kernel[3..<6])].map { $0.map(Self.byte) })

        let custom = try XCTUnwrap(runs["custom"])
        XCTAssertEqual(custom.scalars["x"]?.map(\.step), [7])
        XCTAssertEqual(custom.scalars["x"]?.map(\.value), [1.5])
        let h = try XCTUnwrap(custom.histograms["h"]?.first)
        XCTAssertEqual([h.min, h.max, h.count, h.sum], [1, 10, 5, 18])
        XCTAssertEqual(h.limits, [4, 7, 10])
        XCTAssertEqual(h.counts, [4, 0, 1])
        XCTAssertEqual(custom.images["rgba"]?.first?.rows, [[0, 127, 255, 255, 0, 63, 255, 25]])
        XCTAssertEqual(custom.images["grey/0"]?.first?.rows, [[0, 255]])
        XCTAssertEqual(custom.images["grey/1"]?.first?.rows, [[127, 51]])
        XCTAssertEqual(custom.images["grey/1"]?.first?.step, 4)
    }

    // MARK: - Helpers

    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cortex-tensorboard-\(UUID().uuidString)", isDirectory: true)
    }

    /// TensorFlow's conversion of an image value to a byte.
    private static func byte(_ value: Float) -> Int { Int(Swift.min(255, Swift.max(0, value * 255.5))) }

    /// The payloads of a TFRecord file, each length and data CRC checked.
    static func records(in bytes: [UInt8]) throws -> [[UInt8]] {
        struct Corrupt: Error {}
        func uint32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) } }
        var records: [[UInt8]] = [], offset = 0
        while offset < bytes.count {
            let header = Array(bytes[offset..<(offset + 8)])
            let length = Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(header[$1]) << (8 * UInt64($1)) })
            guard CRC32C.masked(header) == uint32(offset + 8) else { throw Corrupt() }
            let data = Array(bytes[(offset + 12)..<(offset + 12 + length)])
            guard CRC32C.masked(data) == uint32(offset + 12 + length) else { throw Corrupt() }
            records.append(data)
            offset += 16 + length
        }
        return records
    }

    private static func readEvents(_ directory: URL, python: PythonInterpreter) throws -> [String: Run] {
        let script = PythonInterpreter.repositoryRoot.appendingPathComponent("scripts/read_tensorboard_events.py").path
        let json = try python.run([script, directory.path])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: [String: Any]])
        return try object.mapValues(Run.init)
    }

    /// What the reader found in one run directory.
    struct Run {
        struct Scalar { let step: Int; let value: Float }
        struct HistogramEvent { let step: Int; let min, max, count, sum: Double; let limits, counts: [Double] }
        struct Image { let step, width, height: Int; let rows: [[Int]] }
        /// The version the reader parsed from the first record's `brain.Event:<n>`.
        let fileVersion: Double
        let scalars: [String: [Scalar]]
        let histograms: [String: [HistogramEvent]]
        let images: [String: [Image]]

        init(_ json: [String: Any]) throws {
            fileVersion = (json["file_version"] as? NSNumber)?.doubleValue ?? .nan
            func entries(_ key: String) throws -> [String: [[Any]]] { try XCTUnwrap(json[key] as? [String: [[Any]]]) }
            func number(_ value: Any) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }
            scalars = try entries("scalars").mapValues { $0.map { Scalar(step: Int(number($0[0])), value: Float(number($0[1]))) } }
            histograms = try entries("histograms").mapValues { events in
                events.map { e in
                    HistogramEvent(step: Int(number(e[0])), min: number(e[1]), max: number(e[2]), count: number(e[3]), sum: number(e[4]),
                                   limits: (e[5] as? [Any] ?? []).map(number), counts: (e[6] as? [Any] ?? []).map(number))
                }
            }
            images = try entries("images").mapValues { events in
                events.map { e in
                    Image(step: Int(number(e[0])), width: Int(number(e[1])), height: Int(number(e[2])),
                          rows: (e[3] as? [[Any]] ?? []).map { $0.map { Int(number($0)) } })
                }
            }
        }
    }
}

/// The fields of one protobuf message, by field number (the last occurrence of each).
private struct ProtoFields {
    private var varints: [Int: UInt64] = [:]
    private var lengthDelimited: [Int: [UInt8]] = [:]

    init(_ bytes: [UInt8]) {
        var offset = 0
        func varint() -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        func fixed(_ count: Int) -> UInt64 {
            defer { offset += count }
            return (0..<count).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
        }
        while offset < bytes.count {
            let key = varint()
            let field = Int(key >> 3)
            switch key & 7 {
            case 0: varints[field] = varint()
            case 1: varints[field] = fixed(8)
            case 5: varints[field] = fixed(4)
            default:
                let length = Int(varint())
                lengthDelimited[field] = Array(bytes[offset..<(offset + length)])
                offset += length
            }
        }
    }

    func varint(_ field: Int) -> UInt64? { varints[field] }
    func double(_ field: Int) -> Double? { varints[field].map { Double(bitPattern: $0) } }
    func float(_ field: Int) -> Float? { varints[field].map { Float(bitPattern: UInt32($0)) } }
    func bytes(_ field: Int) -> [UInt8]? { lengthDelimited[field] }
    func string(_ field: Int) -> String? { lengthDelimited[field].map { String(decoding: $0, as: UTF8.self) } }
}
