/// Paints a `Figure` into pixels. Shapes are drawn aliased at three times the target
/// resolution, then averaged down, which anti-aliases lines, edges and text alike.
enum Rasterizer {
    static let supersampling = 3

    static func render(_ figure: Figure, scale: Double) -> PixelCanvas {
        let factor = scale * Double(supersampling)
        var canvas = PixelCanvas(width: max(1, Int((figure.width * scale).rounded())) * supersampling,
                                 height: max(1, Int((figure.height * scale).rounded())) * supersampling)
        for mark in figure.marks {
            switch mark {
            case let .line(points, stroke, _):
                strokePolyline(points, stroke, factor: factor, on: &canvas)
            case let .rect(x, y, width, height, fill, stroke, _):
                if let fill { fillRect(x: x, y: y, width: width, height: height, color: fill, factor: factor, on: &canvas) }
                if let stroke {
                    let corners = [PlotPoint(x: x, y: y), PlotPoint(x: x + width, y: y), PlotPoint(x: x + width, y: y + height),
                                   PlotPoint(x: x, y: y + height), PlotPoint(x: x, y: y)]
                    strokePolyline(corners, stroke, factor: factor, on: &canvas)
                }
            case let .text(string, x, y, size, anchor, color, bold, vertical):
                let layout = TextPlacement(x: x, y: y, vertical: vertical)
                let width = PlotFont.shared.width(of: string, size: size)
                let start = anchor == .start ? 0 : anchor == .middle ? -width / 2 : -width
                for offset in bold ? [0, size * 0.045] : [0] {
                    drawText(string, startingAt: start + offset, size: size, color: color, placement: layout, factor: factor, on: &canvas)
                }
            }
        }
        return canvas.downsampled(by: supersampling)
    }

    /// Paints the pixels whose centres fall inside the rectangle.
    private static func fillRect(x: Double, y: Double, width: Double, height: Double, color: PlotColor,
                                 factor: Double, on canvas: inout PixelCanvas) {
        let columns = pixelRange(from: x * factor, to: (x + width) * factor, limit: canvas.width)
        let rows = pixelRange(from: y * factor, to: (y + height) * factor, limit: canvas.height)
        for row in rows { for column in columns { canvas.blend(x: column, y: row, color: color, alpha: 1) } }
    }

    /// The pixels whose centres lie in [from, to).
    private static func pixelRange(from: Double, to: Double, limit: Int) -> Range<Int> {
        let first = max(0, Int((min(from, to) - 0.5).rounded(.up)))
        let end = min(limit, Int((max(from, to) - 0.5).rounded(.up)))
        return first..<max(first, end)
    }

    private static func strokePolyline(_ points: [PlotPoint], _ stroke: Stroke, factor: Double, on canvas: inout PixelCanvas) {
        let device = points.map { PlotPoint(x: $0.x * factor, y: $0.y * factor) }
        let radius = max(0.5, stroke.width * factor / 2)
        let segments = stroke.dash.map { dashedSegments(device, pattern: $0.map { $0 * factor }) }
            ?? zip(device, device.dropFirst()).map { ($0, $1) } + (device.count == 1 ? [(device[0], device[0])] : [])
        for (a, b) in segments { paintCapsule(a, b, radius: radius, color: stroke.color, on: &canvas) }
    }

    /// Paints every pixel within `radius` of the segment from `a` to `b`.
    private static func paintCapsule(_ a: PlotPoint, _ b: PlotPoint, radius: Double, color: PlotColor, on canvas: inout PixelCanvas) {
        let columns = pixelRange(from: min(a.x, b.x) - radius, to: max(a.x, b.x) + radius, limit: canvas.width)
        let rows = pixelRange(from: min(a.y, b.y) - radius, to: max(a.y, b.y) + radius, limit: canvas.height)
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let lengthSquared = dx * dx + dy * dy
        let radiusSquared = radius * radius
        for row in rows {
            let py = Double(row) + 0.5
            for column in columns {
                let px = Double(column) + 0.5
                let t = lengthSquared == 0 ? 0 : min(1, max(0, ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared))
                let (ex, ey) = (px - a.x - t * dx, py - a.y - t * dy)
                if ex * ex + ey * ey <= radiusSquared { canvas.blend(x: column, y: row, color: color, alpha: 1) }
            }
        }
    }

    /// The drawn pieces of a dashed polyline: `pattern` alternates dash and gap lengths.
    private static func dashedSegments(_ points: [PlotPoint], pattern: [Double]) -> [(PlotPoint, PlotPoint)] {
        guard !pattern.isEmpty, pattern.contains(where: { $0 > 0 }) else { return zip(points, points.dropFirst()).map { ($0, $1) } }
        var segments: [(PlotPoint, PlotPoint)] = []
        var patternIndex = 0
        var remaining = pattern[0]
        for (a, b) in zip(points, points.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            var position = 0.0
            while position < length {
                let step = min(remaining, length - position)
                if patternIndex % 2 == 0 {
                    func at(_ distance: Double) -> PlotPoint {
                        PlotPoint(x: a.x + (b.x - a.x) * distance / length, y: a.y + (b.y - a.y) * distance / length)
                    }
                    segments.append((at(position), at(position + step)))
                }
                position += step
                remaining -= step
                if remaining <= 0 {
                    patternIndex = (patternIndex + 1) % pattern.count
                    remaining = pattern[patternIndex]
                }
            }
        }
        return segments
    }

    /// Where a line of text sits: its baseline origin and direction.
    private struct TextPlacement {
        let x: Double, y: Double, vertical: Bool

        /// Figure coordinates of the text-space point (u along the baseline, v downwards).
        func figurePoint(u: Double, v: Double) -> PlotPoint {
            vertical ? PlotPoint(x: x + v, y: y - u) : PlotPoint(x: x + u, y: y + v)
        }

        /// Text-space coordinates of a figure point.
        func textPoint(_ point: PlotPoint) -> (u: Double, v: Double) {
            vertical ? (y - point.y, point.x - x) : (point.x - x, point.y - y)
        }
    }

    /// Blends each glyph's coverage, sampled bilinearly from the atlas, into the canvas.
    private static func drawText(_ string: String, startingAt start: Double, size: Double, color: PlotColor,
                                 placement: TextPlacement, factor: Double, on canvas: inout PixelCanvas) {
        let font = PlotFont.shared
        let scale = size / PlotFont.atlasPixelSize
        var pen = start
        for character in string {
            let glyph = font.glyph(character)
            defer { pen += glyph.advance * scale }
            guard glyph.width > 0, glyph.height > 0 else { continue }
            let u0 = pen + Double(glyph.left) * scale, u1 = u0 + Double(glyph.width) * scale
            let v0 = Double(glyph.top) * scale, v1 = v0 + Double(glyph.height) * scale
            let corners = [placement.figurePoint(u: u0, v: v0), placement.figurePoint(u: u1, v: v1)]
            let columns = pixelRange(from: min(corners[0].x, corners[1].x) * factor - 1, to: max(corners[0].x, corners[1].x) * factor + 1, limit: canvas.width)
            let rows = pixelRange(from: min(corners[0].y, corners[1].y) * factor - 1, to: max(corners[0].y, corners[1].y) * factor + 1, limit: canvas.height)
            for row in rows {
                for column in columns {
                    let (u, v) = placement.textPoint(PlotPoint(x: (Double(column) + 0.5) / factor, y: (Double(row) + 0.5) / factor))
                    let coverage = sample(glyph, x: (u - u0) / scale - 0.5, y: (v - v0) / scale - 0.5, font: font)
                    canvas.blend(x: column, y: row, color: color, alpha: coverage)
                }
            }
        }
    }

    /// Bilinear interpolation of a glyph's coverage at atlas position (x, y), 0 outside it.
    private static func sample(_ glyph: PlotFont.Glyph, x: Double, y: Double, font: PlotFont) -> Double {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        func value(_ column: Int, _ row: Int) -> Double {
            guard column >= 0, row >= 0, column < glyph.width, row < glyph.height else { return 0 }
            return Double(font.coverage[glyph.offset + row * glyph.width + column]) / 255
        }
        let top = value(x0, y0) * (1 - fx) + value(x0 + 1, y0) * fx
        let bottom = value(x0, y0 + 1) * (1 - fx) + value(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
