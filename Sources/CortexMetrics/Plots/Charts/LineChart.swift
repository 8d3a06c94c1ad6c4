/// A named line of data points for a line chart.
struct LineSeries {
    var name: String
    var points: [(x: Double, y: Double)]
    var stroke: Stroke
    /// "series" for data, "reference" for guides such as the chance diagonal.
    var role: String = "series"
}

/// Draws series in one panel with grid, axes and a legend (shared by training curves, ROC and
/// precision-recall charts).
func lineChartMarks(_ series: [LineSeries], bounds: PlotRect, x: AxisScale, y: AxisScale, title: String?,
                    xLabel: String?, yLabel: String?, style: ChartStyle) -> [Mark] {
    let axes = Axes(bounds: bounds, x: x, y: y, title: title, xLabel: xLabel, yLabel: yLabel, style: style)
    var marks = axes.grid()
    var drawnPoints: [PlotPoint] = []
    for line in series {
        for run in finiteRuns(line.points) {
            let points = run.map { axes.point($0.x, $0.y) }
            var stroke = line.stroke
            if points.count == 1 { stroke.width *= 3 }  // a lone point is drawn as a dot
            marks.append(.line(points, stroke, role: line.role))
            drawnPoints += Legend.sampled(points)
        }
    }
    marks += axes.decorations()
    let legend = Legend(entries: series.map { Legend.Entry(label: $0.name, stroke: $0.stroke) }, style: style)
    return marks + legend.marks(in: axes.plot, avoiding: drawnPoints)
}

/// The stretches of consecutive points whose coordinates are finite: a NaN breaks the line.
private func finiteRuns(_ points: [(x: Double, y: Double)]) -> [[(x: Double, y: Double)]] {
    var runs: [[(x: Double, y: Double)]] = [[]]
    for point in points {
        if point.x.isFinite, point.y.isFinite {
            runs[runs.count - 1].append(point)
        } else if !runs[runs.count - 1].isEmpty {
            runs.append([])
        }
    }
    return runs.filter { !$0.isEmpty }
}

/// The [0, 1] axis of rates and probabilities, padded like scikit-learn's displays.
func unitAxisScale() -> AxisScale {
    AxisScale.withNiceTicks(lower: -0.01, upper: 1.01)
}
