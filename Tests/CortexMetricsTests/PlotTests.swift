@testable import Cortex
import CortexData
@testable import CortexMetrics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Charts: the SVG parses as XML with the expected number of series, the PNG is a valid file of
/// the right size whose pixels show the series colours.
final class PlotTests: XCTestCase {
    static let history: [String: [Double]] = [
        "loss": [0.92, 0.61, 0.48, 0.41, 0.37, 0.33, 0.31, 0.29, 0.27, 0.26, 0.25, 0.24],
        "val_loss": [0.81, 0.58, 0.5, 0.45, 0.43, 0.42, 0.42, 0.43, 0.44, 0.46, 0.47, 0.49],
        "accuracy": [0.62, 0.78, 0.83, 0.86, 0.87, 0.89, 0.9, 0.905, 0.91, 0.915, 0.92, 0.925],
        "val_accuracy": [0.7, 0.8, 0.82, 0.84, 0.85, 0.855, 0.86, 0.858, 0.857, 0.855, 0.853, 0.85],
        "lr": [0.001, 0.001, 0.001, 0.001, 0.0005, 0.0005, 0.0005, 0.0005, 0.00025, 0.00025, 0.00025, 0.00025],
    ]

    static let case3 = SklearnExpected.multiclassScoreCases[0]

    static func figures() throws -> [(name: String, figure: Figure)] {
        let binary = SklearnExpected.binaryScoreCases[2]
        let multiclass = case3
        let classCurves = try (0..<3).map { label in
            (name: "class \(label)", curve: try rocCurve(yTrue: multiclass.yTrue.map { $0 == label ? 1 : 0 },
                                                          yScore: multiclass.yScore.map { $0[label] }))
        }
        let prCurves = try [0, 2].map { label in
            (name: "class \(label)", curve: try precisionRecallCurve(yTrue: multiclass.yTrue.map { $0 == label ? 1 : 0 },
                                                                      yScore: multiclass.yScore.map { $0[label] }))
        }
        return [
            ("training_history", Figure.trainingHistory(history, title: "Training history")),
            ("roc_curves", Figure.rocCurves(classCurves)),
            ("roc_curve_binary", try Figure.rocCurve(yTrue: binary.yTrue, yScore: binary.yScore, name: "Logistic regression")),
            ("precision_recall", Figure.precisionRecallCurves(prCurves)),
            ("confusion_matrix", try Figure.confusionMatrix(yTrue: [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 2, 1],
                                                            yPred: [0, 2, 2, 2, 1, 0, 1, 1, 0, 2, 2, 0],
                                                            classNames: ["cat", "dog", "bird"])),
            ("feature_importances", try Figure.featureImportances([0.05, 0.31, 0.12, 0.02, 0.27, 0.18, 0.05],
                                                                  names: ["sepal length", "petal width", "sepal width", "noise",
                                                                          "petal length", "color", "stem"],
                                                                  errors: [0.01, 0.04, 0.03, 0.01, 0.05, 0.02, 0.02],
                                                                  maxFeatures: 6)),
        ]
    }

    func testTrainingHistoryDrawsOnePanelPerMetricAndOneSeriesPerKey() throws {
        let svg = try SVGSummary(Figure.trainingHistory(Self.history).svg())
        XCTAssertEqual(svg.count(element: "polyline", class: "series"), 5)
        XCTAssertEqual(svg.texts.filter { ["Loss", "Accuracy", "Lr"].contains($0) }, ["Loss", "Accuracy", "Lr"])
        XCTAssertTrue(svg.texts.contains("val_loss"))
        XCTAssertTrue(svg.texts.contains("Epoch"))
        let picked = try SVGSummary(Figure.trainingHistory(Self.history, metrics: ["accuracy"]).svg())
        XCTAssertEqual(picked.count(element: "polyline", class: "series"), 2)
    }

    func testRocChartNamesEachCurveWithItsAUC() throws {
        let svg = try SVGSummary(try Self.figures()[1].figure.svg())
        XCTAssertEqual(svg.count(element: "polyline", class: "series"), 3)
        XCTAssertEqual(svg.count(element: "polyline", class: "reference"), 1)
        let expected = Self.case3.rocAucPerClass.enumerated().map { "class \($0.offset) (AUC = \(String(format: "%.2f", $0.element)))" }
        XCTAssertEqual(svg.texts.filter { $0.hasPrefix("class ") }, expected)
    }

    func testPrecisionRecallChartNamesEachCurveWithItsAveragePrecision() throws {
        let svg = try SVGSummary(try Self.figures()[3].figure.svg())
        XCTAssertEqual(svg.count(element: "polyline", class: "series"), 2)
        let expected = [0, 2].map { "class \($0) (AP = \(String(format: "%.2f", Self.case3.apPerClass[$0])))" }
        XCTAssertEqual(svg.texts.filter { $0.hasPrefix("class ") }, expected)
    }

    func testConfusionMatrixHeatmapHasACellAndACountPerEntry() throws {
        let svg = try SVGSummary(try Self.figures()[4].figure.svg())
        XCTAssertEqual(svg.count(element: "rect", class: "cell"), 9)
        // counts row by row: [[3,0,0],[1,2,1],[0,1,4]]
        XCTAssertEqual(Array(svg.texts.prefix(9)), ["3", "0", "0", "1", "2", "1", "0", "1", "4"])
        let normalized = try SVGSummary(try Figure.confusionMatrix([[3, 1], [0, 4]], normalize: .true).svg())
        XCTAssertEqual(Array(normalized.texts.prefix(4)), ["0.75", "0.25", "0.00", "1.00"])
        XCTAssertThrowsError(try Figure.confusionMatrix([[1, 2]]))
    }

    func testFeatureImportancesShowTheLargestFirst() throws {
        let svg = try SVGSummary(try Self.figures()[5].figure.svg())
        XCTAssertEqual(svg.count(element: "rect", class: "bar"), 6)
        XCTAssertEqual(svg.count(element: "polyline", class: "error"), 6)
        // y tick labels run bottom to top, smallest shown first
        XCTAssertEqual(svg.texts.filter { ["petal width", "petal length", "color", "sepal width", "sepal length", "stem", "noise"].contains($0) },
                       ["stem", "sepal length", "sepal width", "color", "petal length", "petal width"])
        XCTAssertThrowsError(try Figure.featureImportances([0.1, 0.2], names: ["a"]))
    }

    func testPNGsAreValidFilesOfTheFigureSize() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-metrics-plots")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, figure) in try Self.figures() {
            let url = directory.appendingPathComponent(name + ".png")
            try figure.write(to: url)
            let png = try PNGSummary(Data(contentsOf: url))
            XCTAssertEqual(png.width, Int(figure.width), name)
            XCTAssertEqual(png.height, Int(figure.height), name)
            try figure.write(to: directory.appendingPathComponent(name + ".svg"))
        }
        let doubled = try PNGSummary(Self.figures()[1].figure.pngData(scale: 2))
        XCTAssertEqual(doubled.width, 1200)
    }

    func testRasterShowsSeriesColoursAndText() throws {
        let figure = try Self.figures()[1].figure
        let canvas = Rasterizer.render(figure, scale: 1)
        func pixels(near color: PlotColor) -> Int {
            var count = 0
            for index in stride(from: 0, to: canvas.pixels.count, by: 3) {
                let red = abs(Int(canvas.pixels[index]) - Int(color.red))
                let green = abs(Int(canvas.pixels[index + 1]) - Int(color.green))
                let blue = abs(Int(canvas.pixels[index + 2]) - Int(color.blue))
                if red + green + blue < 30 { count += 1 }
            }
            return count
        }
        for color in PlotColor.palette.prefix(3) { XCTAssertGreaterThan(pixels(near: color), 200) }
        XCTAssertGreaterThan(pixels(near: PlotColor(hex: 0x222222)), 100)  // dark text
        XCTAssertEqual(pixels(near: PlotColor.palette[3]), 0)  // a fourth series colour is not used
    }

    func testNiceTicks() {
        let scale = AxisScale.linear([0.23, 0.91])
        XCTAssertEqual(scale.labels, ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        XCTAssertEqual(AxisScale.withNiceTicks(lower: -0.01, upper: 1.01).labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(AxisScale.linear([1, 12], integer: true).labels, ["2", "4", "6", "8", "10", "12"])
        XCTAssertEqual(AxisScale.linear([0, 0.025]).labels, ["0.000", "0.005", "0.010", "0.015", "0.020", "0.025"])
    }
}

/// The element counts and text contents of an SVG document, read with Foundation's XML parser
/// (which fails on malformed XML).
struct SVGSummary {
    private(set) var elements: [(name: String, class: String?)] = []
    private(set) var texts: [String] = []

    init(_ svg: String) throws {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw NSError(domain: "SVGSummary", code: 1, userInfo: [NSLocalizedDescriptionKey: "malformed SVG: \(String(describing: parser.parserError))"])
        }
        elements = delegate.elements
        texts = delegate.texts
    }

    func count(element: String, class role: String) -> Int {
        elements.filter { $0.name == element && $0.class == role }.count
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var elements: [(name: String, class: String?)] = []
        var texts: [String] = []
        private var currentText: String?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((elementName, attributes["class"]))
            if elementName == "text" { currentText = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            currentText? += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if elementName == "text", let text = currentText { texts.append(text) }
            currentText = nil
        }
    }
}

/// The size of a PNG file, read by decoding it whole (libpng checks every chunk's CRC).
struct PNGSummary {
    let width: Int
    let height: Int

    init(_ data: Data) throws {
        XCTAssertTrue(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG signature")
        let image = try ImageCodec.decode(data, name: "figure.png")
        height = image.shape[0]
        width = image.shape[1]
    }
}
