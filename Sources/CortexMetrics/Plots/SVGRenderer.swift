/// Writes a `Figure` as a standalone SVG document.
enum SVGRenderer {
    /// DejaVu Sans first: its widths are the ones the layout measured with (see `PlotFont`).
    static let fontFamily = "DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, sans-serif"

    static func render(_ figure: Figure) -> String {
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(number(figure.width))" height="\(number(figure.height))" \
        viewBox="0 0 \(number(figure.width)) \(number(figure.height))" font-family="\(fontFamily)">
        <rect x="0" y="0" width="\(number(figure.width))" height="\(number(figure.height))" fill="#ffffff"/>

        """
        for mark in figure.marks { svg += element(mark) + "\n" }
        return svg + "</svg>\n"
    }

    private static func element(_ mark: Mark) -> String {
        switch mark {
        case let .line(points, stroke, role):
            let coordinates = points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
            return "<polyline\(classAttribute(role)) points=\"\(coordinates)\" fill=\"none\"\(strokeAttributes(stroke))/>"
        case let .rect(x, y, width, height, fill, stroke, role):
            let fillAttribute = " fill=\"\(fill?.hexString ?? "none")\""
            return "<rect\(classAttribute(role)) x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\"\(fillAttribute)\(stroke.map(strokeAttributes) ?? "")/>"
        case let .text(string, x, y, size, anchor, color, bold, vertical):
            let rotation = vertical ? " transform=\"rotate(-90 \(number(x)) \(number(y)))\"" : ""
            let weight = bold ? " font-weight=\"bold\"" : ""
            return "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(color.hexString)\"\(weight)\(rotation)>\(escaped(string))</text>"
        }
    }

    private static func classAttribute(_ role: String?) -> String {
        role.map { " class=\"\($0)\"" } ?? ""
    }

    private static func strokeAttributes(_ stroke: Stroke) -> String {
        var attributes = " stroke=\"\(stroke.color.hexString)\" stroke-width=\"\(number(stroke.width))\" stroke-linecap=\"round\" stroke-linejoin=\"round\""
        if let dash = stroke.dash { attributes += " stroke-dasharray=\"\(dash.map(number).joined(separator: ","))\"" }
        return attributes
    }

    /// Coordinates with at most two decimals, without a trailing ".0".
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
