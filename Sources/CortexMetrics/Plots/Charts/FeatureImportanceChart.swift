extension Figure {
    /// Horizontal bars of feature importances, largest on top, with optional error bars (e.g.
    /// the spread over the trees of a forest). Shows the `maxFeatures` largest; `names` default to
    /// "feature 0", "feature 1", ...; `height` defaults to fit the bars.
    public static func featureImportances(_ importances: [Double], names: [String]? = nil, errors: [Double]? = nil,
                                          maxFeatures: Int = 20, title: String = "Feature importances",
                                          width: Double = 640, height: Double? = nil) throws -> Figure {
        let names = names ?? importances.indices.map { "feature \($0)" }
        try checkConsistentLength(importances.count, names.count)
        if let errors { try checkConsistentLength(importances.count, errors.count) }
        guard !importances.isEmpty else { throw MetricsError.emptyInput(argument: "importances") }
        let shown = importances.indices.sorted { importances[$0] > importances[$1] || (importances[$0] == importances[$1] && $0 < $1) }
            .prefix(max(1, maxFeatures))
        let figureHeight = height ?? max(260, 110 + 26 * Double(shown.count))
        let style = ChartStyle(width: width, height: min(figureHeight, 480))
        let extents = shown.flatMap { index in
            [importances[index] - (errors?[index] ?? 0), importances[index] + (errors?[index] ?? 0)]
        }
        let axes = Axes(bounds: PlotRect(x: 0, y: 0, width: width, height: figureHeight),
                        x: .linear(extents, includeZero: true), y: .categories(shown.reversed().map { names[$0] }),
                        title: title, xLabel: "Importance", yLabel: nil, style: style)
        var marks = axes.grid(horizontal: false)
        for (rank, index) in shown.enumerated() {
            let slot = Double(shown.count - rank - 1)
            let start = axes.point(0, slot + 0.8), end = axes.point(importances[index], slot + 0.2)
            marks.append(.rect(x: min(start.x, end.x), y: start.y, width: abs(end.x - start.x), height: end.y - start.y,
                               fill: PlotColor.palette[0], role: "bar"))
            if let error = errors?[index], error > 0 {
                let stroke = Stroke(color: .axis, width: max(1, style.seriesWidth * 0.7))
                let low = axes.point(importances[index] - error, slot + 0.5), high = axes.point(importances[index] + error, slot + 0.5)
                let cap = (end.y - start.y) * 0.3
                marks.append(.line([low, high], stroke, role: "error"))
                marks.append(.line([PlotPoint(x: low.x, y: low.y - cap), PlotPoint(x: low.x, y: low.y + cap)], stroke))
                marks.append(.line([PlotPoint(x: high.x, y: high.y - cap), PlotPoint(x: high.x, y: high.y + cap)], stroke))
            }
        }
        return Figure(width: width, height: figureHeight, marks: marks + axes.decorations())
    }
}
