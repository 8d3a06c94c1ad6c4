import Foundation

extension Model {
    /// Keras' model summary: a row per layer with its output shape and parameter count
    /// ("Connected to" as well for functional models), then the total, trainable and
    /// non-trainable parameter counts.
    public func summary() -> String {
        guard let graph else {
            return "Model: \"\(name)\"\nThis model has not yet been built. Build it with build(inputShape:), give it an Input, or call fit/predict first.\n"
        }
        let functional = !(self is Sequential)
        var rows: [[String]] = []
        var seen: Set<ObjectIdentifier> = []
        let stepsByLayer = Dictionary(grouping: graph.inputs + graph.steps) { ObjectIdentifier($0.node.layer) }
        for tensor in graph.inputs + graph.steps {
            let layer = tensor.node.layer
            guard seen.insert(ObjectIdentifier(layer)).inserted else { continue }
            if !functional && layer is InputLayer { continue }
            let shapes = Set(stepsByLayer[ObjectIdentifier(layer)]!.map(\.shape))
            let shape = shapes.count == 1 ? LayerShapes.describe(tensor.shape) : "multiple"
            var row = ["\(layer.name) (\(String(describing: type(of: layer))))", shape, Model.grouped(layer.parameterCount)]
            if functional {
                let sources = tensor.node.inputs.map(\.producerDescription)
                row.append(sources.isEmpty ? "-" : sources.joined(separator: "\n"))
            }
            rows.append(row)
        }
        let headers = functional ? ["Layer (type)", "Output Shape", "Param #", "Connected to"] : ["Layer (type)", "Output Shape", "Param #"]
        let total = parameterCount
        let trainable = trainableVariables.reduce(0) { $0 + $1.value.count }
        var text = "Model: \"\(name)\"\n" + Model.table(headers: headers, rows: rows, rightAligned: [2])
        text += " Total params: \(Model.grouped(total)) (\(Model.memorySize(total * 4)))\n"
        text += " Trainable params: \(Model.grouped(trainable)) (\(Model.memorySize(trainable * 4)))\n"
        text += " Non-trainable params: \(Model.grouped(total - trainable)) (\(Model.memorySize((total - trainable) * 4)))\n"
        return text
    }

    /// A box-drawn table in the style of Keras 3's summary.
    static func table(headers: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], cell.split(separator: "\n").map(\.count).max() ?? 0)
            }
        }
        widths = widths.map { max($0, 12) }
        func line(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func cells(_ values: [String], edge: String, separator: String) -> String {
            let lines = values.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
            let height = lines.map(\.count).max() ?? 1
            var text = ""
            for lineIndex in 0..<height {
                let parts = (0..<columns).map { column -> String in
                    let value = lineIndex < lines[column].count ? lines[column][lineIndex] : ""
                    let padding = String(repeating: " ", count: widths[column] - value.count)
                    return " " + (rightAligned.contains(column) ? padding + value : value + padding) + " "
                }
                text += edge + parts.joined(separator: separator) + edge + "\n"
            }
            return text
        }
        var text = line("┏", "━", "┳", "┓")
        text += cells(headers, edge: "┃", separator: "┃")
        text += line("┡", "━", "╇", "┩")
        for (index, row) in rows.enumerated() {
            text += cells(row, edge: "│", separator: "│")
            text += index == rows.count - 1 ? line("└", "─", "┴", "┘") : line("├", "─", "┼", "┤")
        }
        if rows.isEmpty { text += line("└", "─", "┴", "┘") }
        return text
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// Keras' readable memory size: `136.04 KB`.
    static func memorySize(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.2f", value) + " " + units[unit]
    }
}
