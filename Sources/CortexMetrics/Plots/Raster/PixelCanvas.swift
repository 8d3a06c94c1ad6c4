/// An opaque RGB image that shapes are painted into, 3 bytes a pixel, row-major.
struct PixelCanvas {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, background: PlotColor = .white) {
        self.width = width
        self.height = height
        if background.red == background.green, background.green == background.blue {
            pixels = [UInt8](repeating: background.red, count: width * height * 3)
        } else {
            pixels = (0..<(width * height)).flatMap { _ in [background.red, background.green, background.blue] }
        }
    }

    /// Mixes `color` into the pixel at (x, y) with opacity `alpha` in 0...1.
    @inline(__always)
    mutating func blend(x: Int, y: Int, color: PlotColor, alpha: Double) {
        guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
        let index = (y * width + x) * 3
        if alpha >= 1 {
            pixels[index] = color.red
            pixels[index + 1] = color.green
            pixels[index + 2] = color.blue
            return
        }
        func mix(_ old: UInt8, _ new: UInt8) -> UInt8 { UInt8((Double(old) + (Double(new) - Double(old)) * alpha).rounded()) }
        pixels[index] = mix(pixels[index], color.red)
        pixels[index + 1] = mix(pixels[index + 1], color.green)
        pixels[index + 2] = mix(pixels[index + 2], color.blue)
    }

    /// The image shrunk by an integer `factor`, each output pixel the mean of a factor×factor
    /// block: how the supersampled drawing becomes anti-aliased.
    func downsampled(by factor: Int) -> PixelCanvas {
        var result = PixelCanvas(width: width / factor, height: height / factor)
        let area = factor * factor
        result.pixels.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { source in
                for y in 0..<result.height {
                    for x in 0..<result.width {
                        var sums = (0, 0, 0)
                        for dy in 0..<factor {
                            var index = ((y * factor + dy) * width + x * factor) * 3
                            for _ in 0..<factor {
                                sums.0 += Int(source[index])
                                sums.1 += Int(source[index + 1])
                                sums.2 += Int(source[index + 2])
                                index += 3
                            }
                        }
                        let target = (y * result.width + x) * 3
                        out[target] = UInt8((sums.0 + area / 2) / area)
                        out[target + 1] = UInt8((sums.1 + area / 2) / area)
                        out[target + 2] = UInt8((sums.2 + area / 2) / area)
                    }
                }
            }
        }
        return result
    }
}
