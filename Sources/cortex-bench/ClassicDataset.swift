import Cortex
import CortexData
import Foundation

/// A data set of the classic benchmark, split once as the CortexML tests split theirs
/// (`trainTestSplit(testSize: 0.2, randomState: 42)`, which is scikit-learn's split).
struct ClassicDataset {
    static let syntheticName = "synth20k"

    let name: String
    let split: TrainTestSplit

    /// The bundled 8×8 digits: 1,797 samples, 64 features, 10 classes.
    static func digits() throws -> ClassicDataset {
        let digits = try Datasets.digits()
        return ClassicDataset(name: "digits", split: try trainTestSplit(digits.data, digits.target, testSize: 0.2, randomState: 42))
    }

    /// scikit-learn's `make_classification` (20,000 × 50, two classes), read from the file the
    /// reference script writes, features first and the label last on each row.
    static func synthetic(file: URL) throws -> ClassicDataset {
        let all = try CSVReader.read(contentsOf: file, hasHeader: false).numericTensor(name: file.lastPathComponent)
        let features = all.shape[1] - 1
        return ClassicDataset(name: syntheticName,
                              split: try trainTestSplit(all.slice(axis: 1, start: 0, end: features), all[.all, .index(features)],
                                                        testSize: 0.2, randomState: 42))
    }

    /// The training samples fitted on: the first `rows` of them when given.
    func training(rows: Int?) -> (x: Tensor, y: Tensor) {
        guard let rows, rows < split.yTrain.count else { return (split.xTrain, split.yTrain) }
        return (split.xTrain.slice(axis: 0, start: 0, end: rows), split.yTrain.slice(axis: 0, start: 0, end: rows))
    }

    /// Writes `<name>_train.csv` and `<name>_test.csv` into `directory` (features, then the label),
    /// so the reference fits on exactly these float32 values and this split.
    func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.csv(split.xTrain, split.yTrain).write(to: directory.appendingPathComponent("\(name)_train.csv"), atomically: true, encoding: .utf8)
        try Self.csv(split.xTest, split.yTest).write(to: directory.appendingPathComponent("\(name)_test.csv"), atomically: true, encoding: .utf8)
    }

    /// One line per sample; Swift prints each Float with the fewest digits that read back exactly.
    private static func csv(_ x: Tensor, _ y: Tensor) -> String {
        let features = x.shape[1], values = x.scalars, labels = y.scalars
        var text = ""
        text.reserveCapacity(values.count * 12)
        for row in 0..<labels.count {
            for column in 0..<features {
                text += values[row * features + column].description
                text += ","
            }
            text += labels[row].description
            text += "\n"
        }
        return text
    }
}
