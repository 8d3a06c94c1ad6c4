import Foundation

extension Figure {
    /// Loss and metric curves per epoch, training against validation, one panel per metric.
    ///
    /// `history` maps Keras-style names to one value per epoch: `loss`, `val_loss`, `accuracy`,
    /// `val_accuracy`, ... A name and its `val_` twin share a panel. `metrics` picks and orders the
    /// panels (default: loss first, then the others alphabetically). Panels sit side by side, up
    /// to `columns` in a row; `width` and `height` default to 440 × 340 per panel.
    public static func trainingHistory(_ history: [String: [Double]], metrics: [String]? = nil, title: String? = nil,
                                       columns: Int = 3, width: Double? = nil, height: Double? = nil) -> Figure {
        let names = metrics ?? panelNames(history)
        let columnCount = max(1, min(columns, names.count))
        let rowCount = max(1, (names.count + columnCount - 1) / columnCount)
        let figureWidth = width ?? 440 * Double(columnCount)
        let figureHeight = height ?? 340 * Double(rowCount)
        let style = ChartStyle(width: figureWidth / Double(columnCount), height: figureHeight / Double(rowCount))
        var figure = Figure(width: figureWidth, height: figureHeight)
        let top = title == nil ? 0 : style.titleFontSize * 2
        if let title {
            figure.marks.append(.text(title, x: figureWidth / 2, y: style.padding + style.titleFontSize,
                                      size: style.titleFontSize, anchor: .middle, color: .text, bold: true))
        }
        let panelWidth = figureWidth / Double(columnCount)
        let panelHeight = (figureHeight - top) / Double(rowCount)
        for (index, name) in names.enumerated() {
            let keys = [name, "val_" + name].filter { history[$0] != nil }
            let series = keys.enumerated().map { position, key in
                LineSeries(name: key, points: history[key]!.enumerated().map { (x: Double($0.offset + 1), y: $0.element) },
                           stroke: style.seriesStroke(position))
            }
            let values = keys.flatMap { history[$0]! }
            let epochs = keys.map { history[$0]!.count }.max() ?? 1
            let bounds = PlotRect(x: Double(index % columnCount) * panelWidth, y: top + Double(index / columnCount) * panelHeight,
                                  width: panelWidth, height: panelHeight)
            figure.marks += lineChartMarks(series, bounds: bounds, x: .linear([1, Double(max(epochs, 2))], integer: true),
                                           y: .linear(values), title: displayName(name), xLabel: "Epoch", yLabel: name, style: style)
        }
        return figure
    }

    /// The metrics found in a history: loss first, then the rest alphabetically.
    private static func panelNames(_ history: [String: [Double]]) -> [String] {
        let names = Set(history.keys.map { $0.hasPrefix("val_") ? String($0.dropFirst(4)) : $0 })
        return names.sorted { a, b in a == "loss" || (b != "loss" && a < b) }
    }

    /// "val_top_k_accuracy" → "Top k accuracy".
    private static func displayName(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
