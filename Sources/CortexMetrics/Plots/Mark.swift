/// An sRGB colour.
public struct PlotColor: Sendable, Equatable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8(hex >> 16 & 0xFF), green: UInt8(hex >> 8 & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, as SVG writes colours.
    var hexString: String {
        "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(to: 2, with: "0") }.joined()
    }

    /// The colour `fraction` of the way to `other`.
    func mixed(with other: PlotColor, _ fraction: Double) -> PlotColor {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * fraction).rounded()) }
        return PlotColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    static let white = PlotColor(hex: 0xFFFFFF)
    static let black = PlotColor(hex: 0x000000)
    static let text = PlotColor(hex: 0x222222)
    static let axis = PlotColor(hex: 0x444444)
    static let grid = PlotColor(hex: 0xE5E5E5)
    static let reference = PlotColor(hex: 0x888888)

    /// Matplotlib's "tab10" colours, the series colours people recognise.
    public static let palette: [PlotColor] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { PlotColor(hex: $0) }
}

/// A point in figure coordinates: pixels from the top-left corner.
struct PlotPoint: Equatable {
    var x: Double
    var y: Double
}

/// How a line is drawn. Lines have round caps and joins.
struct Stroke: Equatable {
    var color: PlotColor
    var width: Double
    /// Alternating dash and gap lengths; nil for a solid line.
    var dash: [Double]? = nil
}

enum TextAnchor: String {
    case start, middle, end
}

/// One drawing instruction of a `Figure`, rendered the same way to SVG and to pixels.
enum Mark {
    /// A polyline; `role` tags data series so that they can be counted in the SVG (`class`).
    case line([PlotPoint], Stroke, role: String? = nil)
    /// A rectangle, filled and/or outlined.
    case rect(x: Double, y: Double, width: Double, height: Double, fill: PlotColor?, stroke: Stroke? = nil, role: String? = nil)
    /// One line of text whose baseline starts, is centred or ends at (x, y); `vertical` turns it
    /// 90° counter-clockwise to read upwards.
    case text(String, x: Double, y: Double, size: Double, anchor: TextAnchor, color: PlotColor,
              bold: Bool = false, vertical: Bool = false)
}
