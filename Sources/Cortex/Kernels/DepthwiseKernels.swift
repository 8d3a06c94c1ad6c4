/// Depthwise convolution: each input channel `c` is convolved with its own `multiplier`
/// filters, giving output channels `c * multiplier + m` (Keras/TensorFlow order).
///
/// The filter `[kh, kw, Cin, multiplier]` holds, at each tap, one weight per output channel in
/// output order, so every loop below walks output channels contiguously.
enum DepthwiseKernels {
    /// `[N, Ho, Wo, Cin * multiplier]` from an input of shape `g.inputShape`.
    static func forward(input: Tensor, filter: Tensor, _ g: ConvGeometry) -> Tensor {
        let channels = g.channels, multiplier = filter.shape[3], outputChannels = channels * multiplier
        let result = Tensor(uninitializedShape: g.outputShape(channels: outputChannels))
        let x = input.storage.pointer, w = filter.storage.pointer, y = result.storage.pointer
        let outputWidth = g.columns.output, inputWidth = g.columns.input
        g.forEachOutputRow(costPerPixel: g.taps * outputChannels) { image, oy in
            let rowTaps = g.rows.taps(ofOutput: oy), y0 = g.rows.firstInput(ofOutput: oy)
            for ox in 0..<outputWidth {
                let out = y + ((image * g.rows.output + oy) * outputWidth + ox) * outputChannels
                out.update(repeating: 0, count: outputChannels)
                let columnTaps = g.columns.taps(ofOutput: ox), x0 = g.columns.firstInput(ofOutput: ox)
                for ky in rowTaps {
                    let iy = y0 + ky * g.rows.dilation
                    for kx in columnTaps {
                        let ix = x0 + kx * g.columns.dilation
                        let pixel = x + ((image * g.rows.input + iy) * inputWidth + ix) * channels
                        let weights = w + (ky * g.columns.kernel + kx) * outputChannels
                        multiplyAccumulate(pixel, weights, into: out, channels: channels, multiplier: multiplier)
                    }
                }
            }
        }
        return result
    }

    /// The gradient with respect to the input: each pixel gathers, over the windows that read it,
    /// its channels' output gradients times the matching weights.
    static func inputGradient(outputGradient: Tensor, filter: Tensor, _ g: ConvGeometry) -> Tensor {
        let channels = g.channels, multiplier = filter.shape[3], outputChannels = channels * multiplier
        let result = Tensor(uninitializedShape: g.inputShape)
        let dy = outputGradient.storage.pointer, w = filter.storage.pointer, dx = result.storage.pointer
        let width = g.columns.input
        g.forEachInputRow(costPerPixel: g.taps * outputChannels) { image, iy in
            for ix in 0..<width {
                let pixel = dx + ((image * g.rows.input + iy) * width + ix) * channels
                pixel.update(repeating: 0, count: channels)
                g.rows.forEachWindow(readingInput: iy) { ky, oy in
                    g.columns.forEachWindow(readingInput: ix) { kx, ox in
                        let gradient = dy + ((image * g.rows.output + oy) * g.columns.output + ox) * outputChannels
                        let weights = w + (ky * g.columns.kernel + kx) * outputChannels
                        if multiplier == 1 {
                            for c in 0..<channels { pixel[c] += gradient[c] * weights[c] }
                            return
                        }
                        for c in 0..<channels {
                            var sum: Float = 0
                            for m in 0..<multiplier { sum += gradient[c * multiplier + m] * weights[c * multiplier + m] }
                            pixel[c] += sum
                        }
                    }
                }
            }
        }
        return result
    }

    /// The gradient with respect to the filter, summed over every output pixel. Each thread
    /// sums its share of output rows into its own partial filter; the partials are added last.
    static func filterGradient(input: Tensor, outputGradient: Tensor, filterShape: [Int],
                               _ g: ConvGeometry) -> Tensor {
        let channels = g.channels, multiplier = filterShape[3], outputChannels = channels * multiplier
        let filterCount = g.taps * outputChannels
        let outputRows = g.batch * g.rows.output
        let parts = Swift.max(1, Swift.min(Parallelism.threadCount, outputRows))
        let partials = Tensor.zeros([parts, filterCount])
        let x = input.storage.pointer, dy = outputGradient.storage.pointer, partial = partials.storage.pointer
        let outputWidth = g.columns.output, inputWidth = g.columns.input
        let costPerPart = (outputRows / parts + 1) * outputWidth * filterCount
        Parallelism.forEachChunk(parts, costPerItem: costPerPart) { range in
            for part in range {
                let dw = partial + part * filterCount
                for row in (outputRows * part / parts)..<(outputRows * (part + 1) / parts) {
                    let image = row / g.rows.output, oy = row % g.rows.output
                    let rowTaps = g.rows.taps(ofOutput: oy), y0 = g.rows.firstInput(ofOutput: oy)
                    for ox in 0..<outputWidth {
                        let gradient = dy + (row * outputWidth + ox) * outputChannels
                        let columnTaps = g.columns.taps(ofOutput: ox), x0 = g.columns.firstInput(ofOutput: ox)
                        for ky in rowTaps {
                            let iy = y0 + ky * g.rows.dilation
                            for kx in columnTaps {
                                let ix = x0 + kx * g.columns.dilation
                                let pixel = x + ((image * g.rows.input + iy) * inputWidth + ix) * channels
                                multiplyAccumulate(pixel, gradient, into: dw + (ky * g.columns.kernel + kx) * outputChannels,
                                                   channels: channels, multiplier: multiplier)
                            }
                        }
                    }
                }
            }
        }
        return partials.sum(axes: [0]).reshapedStorage(filterShape)
    }

    /// `out[c * multiplier + m] += pixel[c] * other[c * multiplier + m]`.
    @inline(__always)
    private static func multiplyAccumulate(_ pixel: UnsafePointer<Float>, _ other: UnsafePointer<Float>,
                                           into out: UnsafeMutablePointer<Float>, channels: Int, multiplier: Int) {
        if multiplier == 1 {
            for c in 0..<channels { out[c] += pixel[c] * other[c] }
            return
        }
        for c in 0..<channels {
            let value = pixel[c]
            for m in 0..<multiplier { out[c * multiplier + m] += value * other[c * multiplier + m] }
        }
    }
}
