/// A legend: a line sample (or a colour swatch) and a label per entry, placed in the corner of
/// the plot where it covers the least data.
struct Legend {
    struct Entry {
        var label: String
        var stroke: Stroke
    }

    let entries: [Entry]
    let style: ChartStyle

    /// The legend's marks inside `plot`, in the corner crossed by the fewest of `dataPoints`.
    func marks(in plot: PlotRect, avoiding dataPoints: [PlotPoint]) -> [Mark] {
        guard !entries.isEmpty else { return [] }
        let size = style.legendFontSize
        let sampleLength = size * 2
        let lineHeight = size * 1.45
        let inset = size * 0.6
        let labelWidth = entries.map { PlotFont.shared.width(of: $0.label, size: size) }.max() ?? 0
        let width = inset * 3 + sampleLength + labelWidth
        let height = inset * 1.4 + lineHeight * Double(entries.count)
        let margin = size * 0.6
        let corners = [
            PlotRect(x: plot.maxX - margin - width, y: plot.maxY - margin - height, width: width, height: height),
            PlotRect(x: plot.maxX - margin - width, y: plot.y + margin, width: width, height: height),
            PlotRect(x: plot.x + margin, y: plot.maxY - margin - height, width: width, height: height),
            PlotRect(x: plot.x + margin, y: plot.y + margin, width: width, height: height),
        ]
        let box = corners.min { a, b in
            dataPoints.filter(a.contains).count < dataPoints.filter(b.contains).count
        }!
        var marks: [Mark] = [.rect(x: box.x, y: box.y, width: box.width, height: box.height, fill: .white,
                                   stroke: Stroke(color: PlotColor(hex: 0xCCCCCC), width: 1))]
        for (index, entry) in entries.enumerated() {
            let middle = box.y + inset * 0.7 + lineHeight * (Double(index) + 0.5)
            marks.append(.line([PlotPoint(x: box.x + inset, y: middle), PlotPoint(x: box.x + inset + sampleLength, y: middle)],
                               entry.stroke))
            marks.append(.text(entry.label, x: box.x + inset * 2 + sampleLength, y: middle + PlotFont.capHeight(size: size) / 2,
                               size: size, anchor: .start, color: .text))
        }
        return marks
    }

    /// Points every few pixels along a polyline, so that long segments count as covered area.
    static func sampled(_ points: [PlotPoint], every step: Double = 4) -> [PlotPoint] {
        guard let first = points.first else { return [] }
        var result = [first]
        for (a, b) in zip(points, points.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let count = max(1, Int(length / step))
            for i in 1...count {
                let t = Double(i) / Double(count)
                result.append(PlotPoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
        }
        return result
    }
}
