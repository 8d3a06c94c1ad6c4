import Foundation

/// DejaVu Sans glyphs for printable ASCII, rendered once at 32 px with anti-aliasing
/// (PlotFontData.swift, from scripts/make_plot_font.py). Text in PNG plots is drawn from it, and
/// all chart layout measures text with its advances, so SVG text set in DejaVu Sans lines up too.
struct PlotFont {
    struct Glyph {
        /// Horizontal distance to the next glyph, in atlas pixels.
        let advance: Double
        /// Ink box relative to the pen position on the baseline (top negative is above it).
        let left: Int, top: Int, width: Int, height: Int
        /// Where the glyph's rows start in `coverage`.
        let offset: Int
    }

    static let shared = PlotFont()

    let glyphs: [Glyph]
    /// Ink coverage 0...255, glyph after glyph, row-major.
    let coverage: [UInt8]

    private init() {
        let packed = Data(base64Encoded: Self.atlasCoverage, options: .ignoreUnknownCharacters) ?? Data()
        coverage = packed.flatMap { [($0 >> 4) * 17, ($0 & 0x0F) * 17] }
        var offset = 0
        glyphs = Self.atlasMetrics.map { advance, left, top, width, height in
            defer { offset += width * height }
            return Glyph(advance: advance, left: left, top: top, width: width, height: height, offset: offset)
        }
    }

    /// The glyph of a character; characters outside printable ASCII are drawn as "?".
    func glyph(_ character: Character) -> Glyph {
        guard let ascii = character.asciiValue, ascii >= 32, ascii < 127 else { return glyphs[Int(Character("?").asciiValue!) - 32] }
        return glyphs[Int(ascii) - 32]
    }

    /// The advance width of `text` set at `size` (the em size, as SVG's font-size).
    func width(of text: String, size: Double) -> Double {
        text.reduce(0) { $0 + glyph($1).advance } * size / Self.atlasPixelSize
    }

    /// How far capital letters rise above the baseline at `size`: used to centre text vertically.
    static func capHeight(size: Double) -> Double { 0.73 * size }
}
