import Cortex
import XCTest
@testable import CortexData

final class DatasetsTests: XCTestCase {
    func testTabularDatasetsHaveScikitLearnShapes() throws {
        let iris = try Datasets.iris()
        XCTAssertEqual(iris.data.shape, [150, 4])
        XCTAssertEqual(iris.targetNames, ["setosa", "versicolor", "virginica"])
        XCTAssertEqual(Array(iris.data.scalars.prefix(4)), [5.1, 3.5, 1.4, 0.2])
        XCTAssertEqual(iris.target.scalars.filter { $0 == 2 }.count, 50)
        let wine = try Datasets.wine()
        XCTAssertEqual(wine.data.shape, [178, 13])
        XCTAssertEqual(wine.featureNames.count, 13)
        let cancer = try Datasets.breastCancer()
        XCTAssertEqual(cancer.data.shape, [569, 30])
        XCTAssertEqual(cancer.target.scalars.filter { $0 == 1 }.count, 357)
        XCTAssertEqual(cancer.featureNames.first, "mean radius")
        let digits = try Datasets.digits()
        XCTAssertEqual(digits.data.shape, [1797, 64])
        XCTAssertEqual(digits.target.shape, [1797])
        XCTAssertEqual(Array(digits.data.scalars.prefix(4)), [0, 0, 5, 13])
        XCTAssertEqual(digits.target.scalars.prefix(3), [0, 1, 2])
    }

    func testCSVParsingHandlesQuotesAndReportsBadCells() throws {
        let table = try CSVReader.parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\n1,2\n")
        XCTAssertEqual(table.header, ["a", "b"])
        XCTAssertEqual(table.rows, [["x, y", "say \"hi\""], ["1", "2"]])
        XCTAssertThrowsError(try table.numericTensor(name: "t.csv")) { error in
            XCTAssertEqual("\(error)", "t.csv: row 1, column 1: 'x, y' is not a number")
        }
    }

    func testCorruptAndMissingFilesThrow() throws {
        XCTAssertThrowsError(try Gzip.decompress(Data([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]), name: "bad.gz"))
        XCTAssertThrowsError(try CSVReader.read(contentsOf: URL(fileURLWithPath: "/nonexistent.csv"))) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: "/nonexistent.csv"))
        }
    }
}

final class MNISTTests: XCTestCase {
    func testMNISTLoadsLikeKeras() throws {
        let (train, test) = try Datasets.mnist()
        XCTAssertEqual(train.x.shape, [60000, 28, 28])
        XCTAssertEqual(train.y.shape, [60000])
        XCTAssertEqual(test.x.shape, [10000, 28, 28])
        XCTAssertEqual(Array(train.y.scalars.prefix(5)), [5, 0, 4, 1, 9])
        XCTAssertEqual(Array(test.y.scalars.prefix(3)), [7, 2, 1])
        XCTAssertEqual(train.x.max().scalar, 255)
        XCTAssertEqual(train.x[0].sum().scalar, 27525)
        // Checksums of the IDX files (pixel totals and per-digit label counts, from Python's gzip).
        XCTAssertEqual(Self.exactSum(train.x), 1_567_298_545)
        XCTAssertEqual(Self.exactSum(test.x), 264_923_200)
        XCTAssertEqual(Self.labelCounts(train.y), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        XCTAssertEqual(Self.labelCounts(test.y), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    }

    /// Per-image sums are exact in Float (at most 784 × 255); their total is taken in integers.
    private static func exactSum(_ images: Tensor) -> UInt64 {
        images.sum(axes: [1, 2]).scalars.reduce(0) { $0 + UInt64($1) }
    }

    private static func labelCounts(_ labels: Tensor) -> [Int] {
        labels.scalars.reduce(into: [Int](repeating: 0, count: 10)) { $0[Int($1)] += 1 }
    }

    func testIDXRejectsTruncatedData() {
        let header: [UInt8] = [0, 0, 0x08, 1, 0, 0, 0, 5, 1, 2]
        XCTAssertThrowsError(try IDXReader.parse(Data(header), name: "short.idx")) { error in
            XCTAssertEqual("\(error)", "short.idx: shape [5] needs 5 bytes of data, found 2")
        }
        XCTAssertEqual(try IDXReader.parse(Data(header + [3, 4, 5])).scalars, [1, 2, 3, 4, 5])
    }
}
