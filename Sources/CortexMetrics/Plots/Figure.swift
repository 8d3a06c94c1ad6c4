import Cortex
import CortexData
import Foundation

/// A finished chart: a size and drawing instructions, written as SVG (vector, opens in any
/// browser) or PNG (pixels, drawn by CortexMetrics itself).
///
/// Build one with the chart functions (`Figure.trainingHistory`, `Figure.rocCurves`,
/// `Figure.precisionRecallCurves`, `Figure.confusionMatrix`, `Figure.featureImportances`).
public struct Figure {
    /// Width in pixels (SVG user units).
    public let width: Double
    /// Height in pixels (SVG user units).
    public let height: Double
    var marks: [Mark]

    init(width: Double, height: Double, marks: [Mark] = []) {
        self.width = width
        self.height = height
        self.marks = marks
    }

    /// The figure as an SVG document.
    public func svg() -> String {
        SVGRenderer.render(self)
    }

    /// The figure as PNG file bytes; `scale` 2 gives a sharper image for high-density screens.
    public func pngData(scale: Double = 1) throws -> Data {
        let canvas = Rasterizer.render(self, scale: scale)
        return try ImageCodec.encode(pixels: canvas.pixels, width: canvas.width, height: canvas.height, channels: 3, format: .png)
    }

    /// Writes the figure to `url`, as PNG when the path ends in `.png`, otherwise as SVG. The
    /// file appears whole or not at all (written to a temporary file, then renamed).
    public func write(to url: URL, scale: Double = 1) throws {
        let data = url.pathExtension.lowercased() == "png" ? try pngData(scale: scale) : Data(svg().utf8)
        try data.write(to: url, options: .atomic)
    }
}
