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
        let last = Double(n - 1)
        var m = c
        // Inside the image every mode reads the same pixels (a neighbour past the edge only ever
        // gets weight 0 there), so most pixels skip the fill-mode folding.
        if c >= 0 && c <= last { return interpolated(c, extent: n, bilinear: bilinear) }
        guard c.isFinite, Swift.abs(c) < 1e15 else { return AxisSample(lower: -1, upper: -1, weight: 0) }
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
        return interpolated(m, extent: n, bilinear: bilinear)
    }

    /// The neighbours of coordinate `m` within `0...n-1`.
    @inline(__always)
    private static func interpolated(_ m: Double, extent n: Int, bilinear: Bool) -> AxisSample {
        if bilinear {
            let lower = Swift.min(Int(m), n - 1)
            return AxisSample(lower: lower, upper: Swift.min(lower + 1, n - 1), weight: Float(m - Double(lower)))
        }
        let index = Swift.min(Int(m + 0.5), n - 1)
        return AxisSample(lower: index, upper: index, weight: 0)
    }

    /// The source pixels one output pixel reads and their weights: offsets (in pixels, within
    /// the image) of the four neighbours, -1 for the fill value. Nearest interpolation uses the
    /// first with weight 1.
    struct Footprint {
        var offsets: (Int, Int, Int, Int)
        var weights: (Float, Float, Float, Float)
    }

    @inline(__always)
    static func footprint(_ t: AffineTransform, x: Double, y: Double, height: Int, width: Int,
                          mode: ImageFillMode, bilinear: Bool) -> Footprint {
        let column = sample(t.a0 * x + t.a1 * y + t.a2, extent: width, mode: mode, bilinear: bilinear)
        let line = sample(t.b0 * x + t.b1 * y + t.b2, extent: height, mode: mode, bilinear: bilinear)
        func offset(_ row: Int, _ col: Int) -> Int { row < 0 || col < 0 ? -1 : row * width + col }
        guard bilinear else {
            return Footprint(offsets: (offset(line.lower, column.lower), -1, -1, -1), weights: (1, 0, 0, 0))
        }
        let wx = column.weight, wy = line.weight
        return Footprint(offsets: (offset(line.lower, column.lower), offset(line.lower, column.upper),
                                   offset(line.upper, column.lower), offset(line.upper, column.upper)),
                         weights: ((1 - wy) * (1 - wx), (1 - wy) * wx, wy * (1 - wx), wy * wx))
    }

    /// Output pixel (y, x) of image `b` reads the source at `transforms[b]` applied to (x, y).
    static func resample(_ input: Tensor, transforms: [AffineTransform], outputHeight: Int, outputWidth: Int,
                         interpolation: ImageInterpolation, fillMode: ImageFillMode, fillValue: Float) -> Tensor {
        let (batch, height, width, channels) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let result = Tensor(uninitializedShape: [batch, outputHeight, outputWidth, channels])
        let source = input.storage.pointer, output = result.storage.pointer
        let bilinear = interpolation == .bilinear
        Parallelism.forEachChunk(batch * outputHeight, costPerItem: outputWidth * channels * (bilinear ? 8 : 2)) { range in
            for row in range {
                let b = row / outputHeight, y = Double(row % outputHeight)
                let image = source + b * height * width * channels
                var out = output + row * outputWidth * channels
                for xIndex in 0..<outputWidth {
                    let f = footprint(transforms[b], x: Double(xIndex), y: y, height: height, width: width,
                                      mode: fillMode, bilinear: bilinear)
                    if !bilinear {
                        if f.offsets.0 < 0 {
                            out.update(repeating: fillValue, count: channels)
                        } else {
                            out.update(from: image + f.offsets.0 * channels, count: channels)
                        }
                    } else {
                        for c in 0..<channels {
                            @inline(__always) func value(_ offset: Int) -> Float { offset < 0 ? fillValue : image[offset * channels + c] }
                            out[c] = f.weights.0 * value(f.offsets.0) + f.weights.1 * value(f.offsets.1)
                                + f.weights.2 * value(f.offsets.2) + f.weights.3 * value(f.offsets.3)
                        }
                    }
                    out += channels
                }
            }
        }
        return result
    }

    /// The gradient of `resample` with respect to its input: each output gradient goes back to
    /// the source pixels it was read from, with the same weights (fill values take none).
    /// Images run in parallel, each summing into its own gradient.
    static func resampleBackward(_ outputGradient: Tensor, inputShape: [Int], transforms: [AffineTransform],
                                 interpolation: ImageInterpolation, fillMode: ImageFillMode) -> Tensor {
        let (batch, height, width, channels) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let (outputHeight, outputWidth) = (outputGradient.shape[1], outputGradient.shape[2])
        let result = Tensor(uninitializedShape: inputShape)
        let dy = outputGradient.storage.pointer, dx = result.storage.pointer
        let bilinear = interpolation == .bilinear
        Parallelism.forEachChunk(batch, costPerItem: outputHeight * outputWidth * channels * 8) { range in
            for b in range {
                let image = dx + b * height * width * channels
                image.update(repeating: 0, count: height * width * channels)
                for yIndex in 0..<outputHeight {
                    for xIndex in 0..<outputWidth {
                        let f = footprint(transforms[b], x: Double(xIndex), y: Double(yIndex), height: height, width: width,
                                          mode: fillMode, bilinear: bilinear)
                        let g = dy + ((b * outputHeight + yIndex) * outputWidth + xIndex) * channels
                        @inline(__always) func accumulate(_ offset: Int, _ weight: Float) {
                            guard offset >= 0, weight != 0 else { return }
                            let pixel = image + offset * channels
                            for c in 0..<channels { pixel[c] += weight * g[c] }
                        }
                        accumulate(f.offsets.0, f.weights.0)
                        accumulate(f.offsets.1, f.weights.1)
                        accumulate(f.offsets.2, f.weights.2)
                        accumulate(f.offsets.3, f.weights.3)
                    }
                }
            }
        }
        return result
    }
}
