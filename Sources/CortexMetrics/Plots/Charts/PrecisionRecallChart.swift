import Foundation

extension Figure {
    /// Precision-recall curves drawn as steps (the precision holds until recall reaches the next
    /// threshold, as average precision sums it), each named with its average precision.
    public static func precisionRecallCurves(_ curves: [(name: String, curve: PrecisionRecallCurve)],
                                             title: String = "Precision-Recall curve",
                                             width: Double = 600, height: Double = 500) -> Figure {
        let style = ChartStyle(width: width, height: height)
        let series = curves.enumerated().map { index, entry in
            let curve = entry.curve
            var area = 0.0
            var points: [(x: Double, y: Double)] = []
            for i in curve.recall.indices {
                if i > 0 {
                    area -= (curve.recall[i] - curve.recall[i - 1]) * curve.precision[i - 1]
                    points.append((x: curve.recall[i], y: curve.precision[i - 1]))
                }
                points.append((x: curve.recall[i], y: curve.precision[i]))
            }
            return LineSeries(name: "\(entry.name) (AP = \(String(format: "%.2f", max(0, area))))", points: points,
                              stroke: style.seriesStroke(index))
        }
        let marks = lineChartMarks(series, bounds: PlotRect(x: 0, y: 0, width: width, height: height),
                                   x: unitAxisScale(), y: unitAxisScale(), title: title,
                                   xLabel: "Recall", yLabel: "Precision", style: style)
        return Figure(width: width, height: height, marks: marks)
    }

    /// The precision-recall curve of one binary classifier's scores (see
    /// `precisionRecallCurve(yTrue:yScore:)`).
    public static func precisionRecallCurve(yTrue: some LabelInput, yScore: some NumericInput, posLabel: Int? = nil,
                                            name: String = "Classifier", title: String = "Precision-Recall curve",
                                            width: Double = 600, height: Double = 500) throws -> Figure {
        let curve = try CortexMetrics.precisionRecallCurve(yTrue: yTrue, yScore: yScore, posLabel: posLabel)
        return precisionRecallCurves([(name: name, curve: curve)], title: title, width: width, height: height)
    }
}
