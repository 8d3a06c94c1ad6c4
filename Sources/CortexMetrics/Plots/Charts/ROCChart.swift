import Foundation

extension Figure {
    /// ROC curves, each named in the legend with its area ("name (AUC = 0.93)"), over the dashed
    /// chance diagonal.
    public static func rocCurves(_ curves: [(name: String, curve: ROCCurve)], title: String = "ROC curve",
                                 width: Double = 600, height: Double = 500) -> Figure {
        let style = ChartStyle(width: width, height: height)
        var series = curves.enumerated().map { index, entry in
            let area = try? auc(x: entry.curve.fpr, y: entry.curve.tpr)
            let label = area.map { "\(entry.name) (AUC = \(String(format: "%.2f", $0)))" } ?? entry.name
            return LineSeries(name: label, points: zip(entry.curve.fpr, entry.curve.tpr).map { (x: $0, y: $1) },
                              stroke: style.seriesStroke(index))
        }
        series.append(LineSeries(name: "Chance level (AUC = 0.5)", points: [(x: 0, y: 0), (x: 1, y: 1)],
                                 stroke: style.referenceStroke, role: "reference"))
        let marks = lineChartMarks(series, bounds: PlotRect(x: 0, y: 0, width: width, height: height),
                                   x: unitAxisScale(), y: unitAxisScale(), title: title,
                                   xLabel: "False Positive Rate", yLabel: "True Positive Rate", style: style)
        return Figure(width: width, height: height, marks: marks)
    }

    /// The ROC curve of one binary classifier's scores (see `rocCurve(yTrue:yScore:)`).
    public static func rocCurve(yTrue: some LabelInput, yScore: some NumericInput, posLabel: Int? = nil,
                                name: String = "Classifier", title: String = "ROC curve",
                                width: Double = 600, height: Double = 500) throws -> Figure {
        let curve = try CortexMetrics.rocCurve(yTrue: yTrue, yScore: yScore, posLabel: posLabel)
        return rocCurves([(name: name, curve: curve)], title: title, width: width, height: height)
    }
}
