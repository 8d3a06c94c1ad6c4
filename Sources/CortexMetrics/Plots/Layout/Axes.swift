/// A rectangle in figure coordinates.
struct PlotRect {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func contains(_ point: PlotPoint) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }
}

/// One panel of a chart: the plotting area inside `bounds` after room is left for the title,
/// tick labels and axis labels, and the marks that draw all of those.
struct Axes {
    let style: ChartStyle
    let bounds: PlotRect
    let plot: PlotRect
    let x: AxisScale
    let y: AxisScale
    let title: String?
    let xLabel: String?
    let yLabel: String?
    /// Whether x tick labels are turned to read upwards (long category names).
    let verticalXTickLabels: Bool

    init(bounds: PlotRect, x: AxisScale, y: AxisScale, title: String?, xLabel: String?, yLabel: String?,
         style: ChartStyle, verticalXTickLabels: Bool = false, rightMargin: Double = 0) {
        let font = PlotFont.shared
        let tickLabelWidth = { (labels: [String]) in labels.map { font.width(of: $0, size: style.tickFontSize) }.max() ?? 0 }
        let labelBand = style.fontSize * 1.3
        let left = style.padding + (yLabel == nil ? 0 : labelBand) + tickLabelWidth(y.labels) + style.tickLength + 4
        let xTickBand = verticalXTickLabels ? tickLabelWidth(x.labels) + 4 : style.tickFontSize * 1.25
        let bottom = style.padding + (xLabel == nil ? 0 : labelBand) + xTickBand + style.tickLength + 2
        let top = style.padding + (title == nil ? style.tickFontSize / 2 : style.titleFontSize * 1.6)
        let lastXLabel = verticalXTickLabels ? 0 : font.width(of: x.labels.last ?? "", size: style.tickFontSize) / 2
        let right = style.padding + max(lastXLabel, rightMargin)
        self.style = style
        self.bounds = bounds
        plot = PlotRect(x: bounds.x + left, y: bounds.y + top,
                        width: max(10, bounds.width - left - right), height: max(10, bounds.height - top - bottom))
        self.x = x
        self.y = y
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.verticalXTickLabels = verticalXTickLabels
    }

    /// Figure coordinates of a data point.
    func point(_ xValue: Double, _ yValue: Double) -> PlotPoint {
        PlotPoint(x: plot.x + x.fraction(xValue) * plot.width, y: plot.maxY - y.fraction(yValue) * plot.height)
    }

    /// Light grid lines at the ticks, drawn behind the data.
    func grid(vertical: Bool = true, horizontal: Bool = true) -> [Mark] {
        let stroke = Stroke(color: .grid, width: 1)
        let verticalLines = vertical ? x.ticks.map { value -> Mark in
            let at = point(value, y.lower).x
            return .line([PlotPoint(x: at, y: plot.y), PlotPoint(x: at, y: plot.maxY)], stroke)
        } : []
        let horizontalLines = horizontal ? y.ticks.map { value -> Mark in
            let at = point(x.lower, value).y
            return .line([PlotPoint(x: plot.x, y: at), PlotPoint(x: plot.maxX, y: at)], stroke)
        } : []
        return verticalLines + horizontalLines
    }

    /// The frame, ticks, tick labels, axis labels and title, drawn over the data.
    func decorations() -> [Mark] {
        let axisStroke = Stroke(color: .axis, width: style.axisWidth)
        var marks: [Mark] = [.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: nil, stroke: axisStroke)]
        let tickSize = style.tickFontSize
        for (value, label) in zip(x.ticks, x.labels) {
            let at = point(value, y.lower).x
            marks.append(.line([PlotPoint(x: at, y: plot.maxY), PlotPoint(x: at, y: plot.maxY + style.tickLength)], axisStroke))
            if verticalXTickLabels {
                marks.append(.text(label, x: at + PlotFont.capHeight(size: tickSize) / 2, y: plot.maxY + style.tickLength + 4,
                                   size: tickSize, anchor: .end, color: .text, vertical: true))
            } else {
                marks.append(.text(label, x: at, y: plot.maxY + style.tickLength + 2 + tickSize * 0.95,
                                   size: tickSize, anchor: .middle, color: .text))
            }
        }
        for (value, label) in zip(y.ticks, y.labels) {
            let at = point(x.lower, value).y
            marks.append(.line([PlotPoint(x: plot.x - style.tickLength, y: at), PlotPoint(x: plot.x, y: at)], axisStroke))
            marks.append(.text(label, x: plot.x - style.tickLength - 4, y: at + PlotFont.capHeight(size: tickSize) / 2,
                               size: tickSize, anchor: .end, color: .text))
        }
        if let xLabel {
            marks.append(.text(xLabel, x: plot.midX, y: bounds.maxY - style.padding, size: style.fontSize,
                               anchor: .middle, color: .text))
        }
        if let yLabel {
            marks.append(.text(yLabel, x: bounds.x + style.padding + PlotFont.capHeight(size: style.fontSize), y: plot.midY,
                               size: style.fontSize, anchor: .middle, color: .text, vertical: true))
        }
        if let title {
            marks.append(.text(title, x: plot.midX, y: bounds.y + style.padding + style.titleFontSize,
                               size: style.titleFontSize, anchor: .middle, color: .text, bold: true))
        }
        return marks
    }
}
