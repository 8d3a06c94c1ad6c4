/// NumPy-style printing: nested brackets, aligned columns, and `...` past 1,000 elements.
extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let summarise = count > 1000
        let values = scalars
        let shown = values.enumerated().filter { !summarise || isShown(flatIndex: $0.offset) }.map { $0.element }
        let width = shown.map(Tensor.format).map(\.count).max() ?? 1
        var text = ""
        write(into: &text, values: values, axis: 0, offset: 0, indent: 1, width: width, summarise: summarise)
        return text
    }

    public var debugDescription: String { "Tensor(shape: \(shape), \(description))" }

    private func isShown(flatIndex: Int) -> Bool {
        var remainder = flatIndex
        for extent in shape.reversed() {
            let index = remainder % extent
            remainder /= extent
            if extent > 6 && index >= 3 && index < extent - 3 { return false }
        }
        return true
    }

    static func format(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded() && Swift.abs(value) < 1e16 { return String(Int64(value)) + "." }
        let magnitude = Swift.abs(value)
        if magnitude >= 1e-4 && magnitude < 1e8 {
            var text = String(format: "%.4f", value)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }
        return String(format: "%.4e", value)
    }

    private func write(into text: inout String, values: [Float], axis: Int, offset: Int, indent: Int,
                       width: Int, summarise: Bool) {
        if rank == 0 {
            text += Tensor.format(values[0])
            return
        }
        let extent = shape[axis]
        let stride = shape[(axis + 1)...].reduce(1, *)
        var indices = Array(0..<extent)
        let elide = summarise && extent > 6
        if elide { indices = [0, 1, 2, extent - 3, extent - 2, extent - 1] }
        text += "["
        for (position, index) in indices.enumerated() {
            if position > 0 {
                if axis == rank - 1 {
                    text += ", "
                } else {
                    text += "," + String(repeating: "\n", count: rank - 1 - axis) + String(repeating: " ", count: indent)
                }
            }
            if elide && position == 3 {
                text += axis == rank - 1 ? "..., " : "...,\n" + String(repeating: " ", count: indent)
            }
            if axis == rank - 1 {
                let item = Tensor.format(values[offset + index])
                text += String(repeating: " ", count: width - item.count) + item
            } else {
                write(into: &text, values: values, axis: axis + 1, offset: offset + index * stride,
                      indent: indent + 1, width: width, summarise: summarise)
            }
        }
        text += "]"
    }
}
