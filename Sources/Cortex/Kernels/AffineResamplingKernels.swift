import Foundation

/// Resamples NHWC images through per-image affine maps with scipy.ndimage's boundary rules.
enum AffineResamplingKernels {
    /// Where one output coordinate reads along one axis: two source indices and the weight of the
    /// second. An index of -1 stands for the fill value.
    struct AxisSample {
        var lower: Int
        var upper: Int
        var weight: Float
    }

    /// The source indices for coordinate `c` on an axis of `n` pixels, as scipy's
    /// `map_coordinates` (order 0 or 1) reads them: the fill mode first folds the coordinate into
    /// the image (or marks it as outside), then interpolation takes its neighbours.
    @inline(__always)
    static func sample(_ c: Double, extent n: Int, mode: ImageFillMode, bilinear: Bool) -> AxisSample {
        guard c.isFinite, Swift.abs(c) < 1e15 else { return AxisSample(lower: -1, upper: -1, weight: 0) }
        let last = Double(n - 1)
        var m = c
        switch mode {
        case .nearest:
            m = Swift.min(Swift.max(c, 0), last)
        case .reflect:
            if n == 1 {
                m = 0
            } else {
                let period = Double(2 * n)
                m = (c + 0.5).truncatingRemainder(dividingBy: period)
                if m < 0 { m += period }
                m -= 0.5
                if m > Double(n) - 0.5 { m = period - 1 - m }
                m = Swift.min(Swift.max(m, 0), last)
            }
        case .wrap:
            if n == 1 {
                m = 0
            } else if c < 0 {
                m = last - (-c).truncatingRemainder(dividingBy: last)
            } else if c > last {
                m = c.truncatingRemainder(dividingBy: last)
            }
        case .constant:
            if c < 0 || c > last { return AxisSample(lower: -1, upper: -1, weight: 0) }
        case .gridWrap, .gridConstant:
            let base = bilinear ? Foundation.floor(c) : Foundation.floor(c + 0.5)
            let lower = Int(base)
            let weight = bilinear ? Float(c - base) : 0
            if mode == .gridWrap {
                let wrapped = ((lower % n) + n) % n
                return AxisSample(lower: wrapped, upper: (wrapped + 1) % n, weight: weight)
            }
            return AxisSample(lower: lower >= 0 && lower < n ? lower : -1,
                              upper: lower + 1 >= 0 && lower + 1 < n ? lower + 1 : -1, weight: weight)
        }
        if bilinear {
            let lower = Swift.min(Int(Foundation.floor(m)), n - 1)
            return AxisSample(lower: lower, upper: Swift.min(lower + 1, n - 1), weight: Float(m - Double(lower)))
        }
        let index = Swift.min(Int(Foundation.floor(m + 0.5)), n - 1)
        return AxisSample(lower: index, upper: index, weight: 0)
    }

    /// Output pixel (y, x) of image `b` reads the source at `transforms[b]` applied to (x, y).
    static func resample(_ input: Tensor, transforms: [AffineTransform], outputHeight: Int, outputWidth: Int,
                         interpolation: ImageInterpolation, fillMode: ImageFillMode, fillValue: Float) -> Tensor {
        let (batch, height, width, channels) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let result = Tensor(uninitializedShape: [batch, outputHeight, outputWidth, channels])
        let source = input.storage.pointer, output = result.storage.pointer
        let bilinear = interpolation == .bilinear
        let rows = batch * outputHeight
        Parallelism.forEachChunk(rows, costPerItem: outputWidth * channels * (bilinear ? 8 : 2)) { range in
            for row in range {
                let b = row / outputHeight, y = Double(row % outputHeight)
                let t = transforms[b]
                let image = source + b * height * width * channels
                var out = output + row * outputWidth * channels
                for xIndex in 0..<outputWidth {
                    let x = Double(xIndex)
                    let column = sample(t.a0 * x + t.a1 * y + t.a2, extent: width, mode: fillMode, bilinear: bilinear)
                    let line = sample(t.b0 * x + t.b1 * y + t.b2, extent: height, mode: fillMode, bilinear: bilinear)
                    if !bilinear {
                        if column.lower < 0 || line.lower < 0 {
                            out.update(repeating: fillValue, count: channels)
                        } else {
                            out.update(from: image + (line.lower * width + column.lower) * channels, count: channels)
                        }
                    } else {
                        let wx = column.weight, wy = line.weight
                        let weights = ((1 - wy) * (1 - wx), (1 - wy) * wx, wy * (1 - wx), wy * wx)
                        let p00 = pixel(image, line.lower, column.lower, width, channels)
                        let p01 = pixel(image, line.lower, column.upper, width, channels)
                        let p10 = pixel(image, line.upper, column.lower, width, channels)
                        let p11 = pixel(image, line.upper, column.upper, width, channels)
                        for c in 0..<channels {
                            let v00 = p00.map { $0[c] } ?? fillValue, v01 = p01.map { $0[c] } ?? fillValue
                            let v10 = p10.map { $0[c] } ?? fillValue, v11 = p11.map { $0[c] } ?? fillValue
                            out[c] = weights.0 * v00 + weights.1 * v01 + weights.2 * v10 + weights.3 * v11
                        }
                    }
                    out += channels
                }
            }
        }
        return result
    }

    /// The first channel of source pixel (row, column), or nil for the fill value.
    @inline(__always)
    private static func pixel(_ image: UnsafeMutablePointer<Float>, _ row: Int, _ column: Int,
                              _ width: Int, _ channels: Int) -> UnsafeMutablePointer<Float>? {
        row < 0 || column < 0 ? nil : image + (row * width + column) * channels
    }
}
