import CKernels

/// Max and average pooling over NHWC batches, channel by channel. Padding cells never count:
/// a max ignores them and an average divides by the number of real cells (Keras semantics).
enum PoolingKernels {
    /// The largest value of each window.
    static func maxForward(_ input: Tensor, _ g: ConvGeometry) -> Tensor {
        reduceWindows(input, g, takesMaximum: true)
    }

    /// The mean of the real cells of each window.
    static func averageForward(_ input: Tensor, _ g: ConvGeometry) -> Tensor {
        reduceWindows(input, g, takesMaximum: false)
    }

    /// Routes each output gradient to the first cell of its window (in row-major order) that
    /// holds the window's maximum, found again by comparing the input with the pooled `output`,
    /// so the forward pass stores no indices.
    ///
    /// Windows that do not overlap (stride at least the pool size, the usual case) write each
    /// of their cells once instead of adding into a cleared gradient; when they also tile the
    /// whole input, nothing is cleared first.
    static func maxBackward(input: Tensor, output: Tensor, outputGradient: Tensor, _ g: ConvGeometry) -> Tensor {
        let channels = g.channels, outputHeight = g.rows.output, outputWidth = g.columns.output
        let overwrites = g.rows.stride >= g.rows.kernel && g.columns.stride >= g.columns.kernel
        let result = overwrites && g.rows.tilesInput && g.columns.tilesInput
            ? Tensor(uninitializedShape: g.inputShape) : Tensor.zeros(g.inputShape)
        let x = input.storage.pointer, y = output.storage.pointer, dy = outputGradient.storage.pointer
        let dx = result.storage.pointer
        // Windows overlapping across rows would race on shared input rows: split by images then.
        let rowsPerItem = g.rows.stride >= g.rows.kernel ? 1 : outputHeight
        Parallelism.forEachChunk(g.batch * outputHeight / rowsPerItem,
                                 costPerItem: rowsPerItem * outputWidth * g.taps * channels) { range in
            // 1 while channel c of the current window still waits for its maximum, then 0: the
            // loop stays branch-free so it vectorises.
            let pending = UnsafeMutableBufferPointer<Float>.allocate(capacity: channels)
            defer { pending.deallocate() }
            for row in (range.lowerBound * rowsPerItem)..<(range.upperBound * rowsPerItem) {
                let image = row / outputHeight, oy = row % outputHeight
                let rowTaps = g.rows.taps(ofOutput: oy), y0 = g.rows.firstInput(ofOutput: oy)
                for ox in 0..<outputWidth {
                    let offset = (row * outputWidth + ox) * channels
                    let maxima = y + offset, gradient = dy + offset
                    let columnTaps = g.columns.taps(ofOutput: ox), x0 = g.columns.firstInput(ofOutput: ox)
                    pending.update(repeating: 1)
                    for ky in rowTaps {
                        for kx in columnTaps {
                            let pixel = ((image * g.rows.input + y0 + ky) * g.columns.input + x0 + kx) * channels
                            let values = x + pixel, target = dx + pixel
                            if overwrites {
                                for c in 0..<channels {
                                    let hit: Float = values[c] == maxima[c] ? pending[c] : 0
                                    target[c] = hit * gradient[c]
                                    pending[c] -= hit
                                }
                            } else {
                                for c in 0..<channels {
                                    let hit: Float = values[c] == maxima[c] ? pending[c] : 0
                                    target[c] += hit * gradient[c]
                                    pending[c] -= hit
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Spreads each output gradient evenly over the real cells of its window; every input pixel
    /// gathers from the windows that cover it.
    static func averageBackward(outputGradient: Tensor, _ g: ConvGeometry) -> Tensor {
        let channels = g.channels, width = g.columns.input
        let result = Tensor(uninitializedShape: g.inputShape)
        let dy = outputGradient.storage.pointer, dx = result.storage.pointer
        g.forEachInputRow(costPerPixel: g.taps * channels) { image, iy in
            for ix in 0..<width {
                let pixel = dx + ((image * g.rows.input + iy) * width + ix) * channels
                pixel.update(repeating: 0, count: channels)
                g.rows.forEachWindow(readingInput: iy) { _, oy in
                    g.columns.forEachWindow(readingInput: ix) { _, ox in
                        let share = 1 / Float(g.rows.taps(ofOutput: oy).count * g.columns.taps(ofOutput: ox).count)
                        let gradient = dy + ((image * g.rows.output + oy) * g.columns.output + ox) * channels
                        for c in 0..<channels { pixel[c] += gradient[c] * share }
                    }
                }
            }
        }
        return result
    }

    /// The maximum or the mean of the real cells of each window, channel by channel (CKernels'
    /// `cortex_pool2d`, vectorised over the channels: the same loops in Swift stayed scalar, 13 µs
    /// for one 26 × 26 × 32 image).
    private static func reduceWindows(_ input: Tensor, _ g: ConvGeometry, takesMaximum: Bool) -> Tensor {
        let channels = g.channels
        let result = Tensor(uninitializedShape: g.outputShape(channels: channels))
        let x = input.storage.pointer, y = result.storage.pointer
        g.forEachOutputRowRange(filters: channels, costPerPixel: g.taps * channels) { geometry, rows in
            cortex_pool2d(geometry, x, y, rows.lowerBound, rows.upperBound, takesMaximum ? 1 : 0)
        }
        return result
    }
}
