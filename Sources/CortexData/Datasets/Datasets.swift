import Cortex
import Foundation

/// Datasets shipped with the package, loaded like scikit-learn's `load_*` functions.
public enum Datasets {
    /// MNIST handwritten digits like `keras.datasets.mnist.load_data()`: 60,000 training and
    /// 10,000 test images of shape `[28, 28]` with values 0–255, and labels 0–9.
    public static func mnist() throws -> (train: (x: Tensor, y: Tensor), test: (x: Tensor, y: Tensor)) {
        func load(_ file: String) throws -> Tensor { try IDXReader.read(contentsOf: try resourceURL(file)) }
        return ((try load("train-images-idx3-ubyte.gz"), try load("train-labels-idx1-ubyte.gz")),
                (try load("t10k-images-idx3-ubyte.gz"), try load("t10k-labels-idx1-ubyte.gz")))
    }

    /// Fisher's iris: 150 × 4, 3 classes.
    public static func iris() throws -> TabularDataset {
        try loadClassificationCSV("iris.csv", featureNames: [
            "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)",
        ])
    }

    /// Wine recognition: 178 × 13, 3 classes.
    public static func wine() throws -> TabularDataset {
        try loadClassificationCSV("wine_data.csv", featureNames: [
            "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
            "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
        ])
    }

    /// Breast cancer Wisconsin (diagnostic): 569 × 30, malignant = 0, benign = 1.
    public static func breastCancer() throws -> TabularDataset {
        let measures = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                        "concave points", "symmetry", "fractal dimension"]
        let names = ["mean", "error", "worst"].flatMap { group in measures.map { "\(group) \($0)" } }
        return try loadClassificationCSV("breast_cancer.csv", featureNames: names)
    }

    /// Optical handwritten digits: 1,797 8×8 images flattened to 64 features (0–16), 10 classes.
    public static func digits() throws -> TabularDataset {
        let table = try CSVReader.read(contentsOf: try resourceURL("digits.csv.gz"), hasHeader: false)
        let all = try table.numericTensor(name: "digits.csv.gz")
        let featureNames = (0..<8).flatMap { row in (0..<8).map { "pixel_\(row)_\($0)" } }
        return TabularDataset(data: all.slice(axis: 1, start: 0, end: 64), target: all[.all, 64],
                              featureNames: featureNames, targetNames: (0..<10).map(String.init))
    }

    /// scikit-learn's CSV layout: a first line of `samples, features, class names...`, then rows
    /// of features followed by the class index.
    static func loadClassificationCSV(_ file: String, featureNames: [String]) throws -> TabularDataset {
        let table = try CSVReader.read(contentsOf: try resourceURL(file), hasHeader: true)
        guard let header = table.header, header.count >= 2,
              let samples = Int(header[0]), let features = Int(header[1]) else {
            throw DataError.malformed(file: file, reason: "first line must be 'samples, features, class names...'")
        }
        guard table.rows.count == samples else {
            throw DataError.malformed(file: file, reason: "header announces \(samples) samples, found \(table.rows.count)")
        }
        let all = try table.numericTensor(name: file)
        guard all.shape[1] == features + 1 else {
            throw DataError.malformed(file: file, reason: "expected \(features + 1) columns, found \(all.shape[1])")
        }
        return TabularDataset(data: all.slice(axis: 1, start: 0, end: features), target: all[.all, .index(features)],
                              featureNames: featureNames, targetNames: Array(header[2...]))
    }

    /// The location of a bundled data file.
    static func resourceURL(_ file: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Resources") else {
            throw DataError.fileNotFound(path: "Resources/\(file) in the CortexData bundle")
        }
        return url
    }
}
