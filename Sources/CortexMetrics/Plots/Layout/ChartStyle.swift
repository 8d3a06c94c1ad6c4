/// Type sizes and line widths of a chart, scaled with its size so that small and large
/// figures stay legible.
struct ChartStyle {
    let fontSize: Double

    init(width: Double, height: Double) {
        fontSize = min(16, max(10, min(width, height) / 38))
    }

    var tickFontSize: Double { fontSize * 0.9 }
    var titleFontSize: Double { fontSize * 1.25 }
    var legendFontSize: Double { fontSize * 0.9 }
    var seriesWidth: Double { max(1.5, fontSize / 6) }
    var axisWidth: Double { 1 }
    var tickLength: Double { fontSize * 0.35 }
    var padding: Double { fontSize * 0.8 }

    func seriesStroke(_ index: Int) -> Stroke {
        Stroke(color: PlotColor.palette[index % PlotColor.palette.count], width: seriesWidth)
    }

    var referenceStroke: Stroke {
        Stroke(color: .reference, width: max(1, seriesWidth * 0.75), dash: [fontSize * 0.5, fontSize * 0.4])
    }
}
