/// Unfolding image patches into matrix rows (im2col) and folding row gradients back into
/// images (col2im), which turns a convolution into one matrix product.
///
/// A patch row holds `kh * kw * channels` values ordered (ky, kx, channel), the order of a Keras
/// filter `[kh, kw, Cin, Cout]` read as a `[kh * kw * Cin, Cout]` matrix.
enum Im2Col {
    /// Writes one patch row per output pixel of `images` into `patches` (the first image's
    /// first row at `patches[0]`); padding reads as zero.
    static func unfold(_ input: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                       into patches: UnsafeMutablePointer<Float>) {
        let channels = g.channels, patchSize = g.patchSize
        let kernelWidth = g.columns.kernel, dilationWidth = g.columns.dilation
        let outputHeight = g.rows.output, outputWidth = g.columns.output
        let rowLength = g.columns.input * channels
        Parallelism.forEachChunk(images.count * outputHeight, costPerItem: outputWidth * patchSize) { range in
            for item in range {
                let image = input + (images.lowerBound + item / outputHeight) * g.inputPixelsPerImage * channels
                let oy = item % outputHeight
                let rowTaps = g.rows.taps(ofOutput: oy), y0 = g.rows.firstInput(ofOutput: oy)
                for ox in 0..<outputWidth {
                    let patch = patches + (item * outputWidth + ox) * patchSize
                    let columnTaps = g.columns.taps(ofOutput: ox), x0 = g.columns.firstInput(ofOutput: ox)
                    for ky in 0..<g.rows.kernel {
                        let destination = patch + ky * kernelWidth * channels
                        guard rowTaps.contains(ky) else {
                            destination.update(repeating: 0, count: kernelWidth * channels)
                            continue
                        }
                        let source = image + (y0 + ky * g.rows.dilation) * rowLength + x0 * channels
                        destination.update(repeating: 0, count: columnTaps.lowerBound * channels)
                        if dilationWidth == 1 {
                            // Undilated taps of one row are adjacent pixels: one contiguous copy.
                            let first = columnTaps.lowerBound * channels
                            (destination + first).update(from: source + first, count: columnTaps.count * channels)
                        } else {
                            for kx in columnTaps {
                                (destination + kx * channels).update(from: source + kx * dilationWidth * channels,
                                                                     count: channels)
                            }
                        }
                        (destination + columnTaps.upperBound * channels)
                            .update(repeating: 0, count: (kernelWidth - columnTaps.upperBound) * channels)
                    }
                }
            }
        }
    }

    /// The adjoint of `unfold`: sums each patch-row value into the pixel of `images` it was read
    /// from, overwriting those images in `output`. Every pixel gathers from the windows that
    /// read it, so threads never write to the same pixel.
    static func fold(_ patches: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                     into output: UnsafeMutablePointer<Float>) {
        let channels = g.channels, patchSize = g.patchSize, kernelWidth = g.columns.kernel
        let height = g.rows.input, width = g.columns.input, outputWidth = g.columns.output
        let outputPixels = g.outputPixelsPerImage
        let firstPixel = output + images.lowerBound * g.inputPixelsPerImage * channels
        Parallelism.forEachChunk(images.count * height, costPerItem: width * patchSize) { range in
            for item in range {
                let localImage = item / height, iy = item % height
                let imagePatches = patches + localImage * outputPixels * patchSize
                for ix in 0..<width {
                    let pixel = firstPixel + (item * width + ix) * channels
                    pixel.update(repeating: 0, count: channels)
                    g.rows.forEachWindow(readingInput: iy) { ky, oy in
                        g.columns.forEachWindow(readingInput: ix) { kx, ox in
                            let source = imagePatches + (oy * outputWidth + ox) * patchSize
                                + (ky * kernelWidth + kx) * channels
                            for c in 0..<channels { pixel[c] += source[c] }
                        }
                    }
                }
            }
        }
    }
}
