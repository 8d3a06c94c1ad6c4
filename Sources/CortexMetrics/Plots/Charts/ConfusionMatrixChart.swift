import Foundation

extension Figure {
    /// A confusion-matrix heatmap: true classes down, predicted classes across, each cell shaded
    /// by its value and labelled with its count (or, with `normalize`, its fraction), and a
    /// colour bar. `classNames` default to the row numbers.
    public static func confusionMatrix(_ counts: [[Int]], classNames: [String]? = nil,
                                       normalize: ConfusionMatrixNormalization? = nil,
                                       title: String = "Confusion matrix", width: Double = 560,
                                       height: Double = 500) throws -> Figure {
        let size = counts.count
        guard size > 0, counts.allSatisfy({ $0.count == size }) else {
            throw MetricsError.invalidInput(argument: "counts", reason: "expected a non-empty square matrix, got \(counts.count) rows of lengths \(counts.map(\.count))")
        }
        let names = classNames ?? (0..<size).map(String.init)
        guard names.count == size else {
            throw MetricsError.invalidParameter("classNames has \(names.count) names for a \(size)x\(size) matrix")
        }
        let values = normalize.map { normalized(counts, $0) } ?? counts.map { $0.map(Double.init) }
        let maximum = max(values.joined().max() ?? 0, normalize == nil ? 1 : 0)
        let style = ChartStyle(width: width, height: height)
        let colorBar = ColorBar(scale: .withNiceTicks(lower: 0, upper: maximum == 0 ? 1 : maximum), style: style)
        let xScale = AxisScale.categories(names)
        let cellEstimate = width / Double(size + 2)
        let longest = names.map { PlotFont.shared.width(of: $0, size: style.tickFontSize) }.max() ?? 0
        let axes = Axes(bounds: PlotRect(x: 0, y: 0, width: width, height: height), x: xScale,
                        y: .categories(names.reversed()), title: title, xLabel: "Predicted label", yLabel: "True label",
                        style: style, verticalXTickLabels: longest > cellEstimate * 0.9, rightMargin: colorBar.width)
        var marks: [Mark] = []
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() {
                let topLeft = axes.point(Double(column), Double(size - row))
                let bottomRight = axes.point(Double(column + 1), Double(size - row - 1))
                let intensity = maximum == 0 ? 0 : value / maximum
                marks.append(.rect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y,
                                   fill: ColorBar.color(intensity), role: "cell"))
                let text = normalize == nil ? String(counts[row][column]) : String(format: "%.2f", value)
                let cellWidth = bottomRight.x - topLeft.x, cellHeight = bottomRight.y - topLeft.y
                let fontSize = min(style.fontSize * 1.1, cellHeight * 0.45,
                                   cellWidth * 0.8 / max(1, PlotFont.shared.width(of: text, size: 1)))
                marks.append(.text(text, x: (topLeft.x + bottomRight.x) / 2,
                                   y: (topLeft.y + bottomRight.y) / 2 + PlotFont.capHeight(size: fontSize) / 2,
                                   size: fontSize, anchor: .middle, color: intensity > 0.55 ? .white : .text))
            }
        }
        marks += axes.decorations()
        marks += colorBar.marks(beside: axes.plot)
        return Figure(width: width, height: height, marks: marks)
    }

    /// The confusion matrix of predictions drawn as a heatmap (see `confusionMatrix(yTrue:yPred:)`).
    /// `classNames` name `labels` (default: the sorted labels found in either array).
    public static func confusionMatrix(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil,
                                       classNames: [String]? = nil, normalize: ConfusionMatrixNormalization? = nil,
                                       title: String = "Confusion matrix", width: Double = 560,
                                       height: Double = 500) throws -> Figure {
        let truth = try yTrue.classLabels(argument: "yTrue"), predictions = try yPred.classLabels(argument: "yPred")
        let shownLabels = labels ?? Set(truth).union(predictions).sorted()
        let counts = try CortexMetrics.confusionMatrix(yTrue: truth, yPred: predictions, labels: shownLabels)
        return try confusionMatrix(counts, classNames: classNames ?? shownLabels.map(String.init), normalize: normalize,
                                   title: title, width: width, height: height)
    }
}

/// The vertical colour scale drawn right of a heatmap.
struct ColorBar {
    let scale: AxisScale
    let style: ChartStyle

    private var barWidth: Double { style.fontSize * 1.2 }
    private var gap: Double { style.fontSize * 1.2 }

    /// The room the bar and its labels take right of the plot.
    var width: Double {
        gap + barWidth + style.tickLength + 4 + (scale.labels.map { PlotFont.shared.width(of: $0, size: style.tickFontSize) }.max() ?? 0)
    }

    /// White through to dark blue (matplotlib's "Blues" end points).
    static func color(_ intensity: Double) -> PlotColor {
        let light = PlotColor(hex: 0xF7FBFF), middle = PlotColor(hex: 0x6BAED6), dark = PlotColor(hex: 0x08306B)
        let t = min(1, max(0, intensity))
        return t < 0.5 ? light.mixed(with: middle, t * 2) : middle.mixed(with: dark, (t - 0.5) * 2)
    }

    func marks(beside plot: PlotRect) -> [Mark] {
        let x = plot.maxX + gap
        let bands = 64
        var marks: [Mark] = (0..<bands).map { band in
            let bandHeight = plot.height / Double(bands)
            return .rect(x: x, y: plot.maxY - Double(band + 1) * bandHeight, width: barWidth, height: bandHeight + 1,
                         fill: Self.color((Double(band) + 0.5) / Double(bands)))
        }
        let axisStroke = Stroke(color: .axis, width: style.axisWidth)
        marks.append(.rect(x: x, y: plot.y, width: barWidth, height: plot.height, fill: nil, stroke: axisStroke))
        for (value, label) in zip(scale.ticks, scale.labels) {
            let y = plot.maxY - scale.fraction(value) * plot.height
            marks.append(.line([PlotPoint(x: x + barWidth, y: y), PlotPoint(x: x + barWidth + style.tickLength, y: y)], axisStroke))
            marks.append(.text(label, x: x + barWidth + style.tickLength + 4, y: y + PlotFont.capHeight(size: style.tickFontSize) / 2,
                               size: style.tickFontSize, anchor: .start, color: .text))
        }
        return marks
    }
}
