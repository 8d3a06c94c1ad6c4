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
                let wholeRows = rowTaps.count == g.rows.kernel && g.rows.dilation == 1 && dilationWidth == 1
                for ox in 0..<outputWidth {
                    let patch = patches + (item * outputWidth + ox) * patchSize
                    let columnTaps = g.columns.taps(ofOutput: ox), x0 = g.columns.firstInput(ofOutput: ox)
                    if wholeRows && columnTaps.count == kernelWidth {
                        // The window lies inside the image: its rows are runs of adjacent values,
                        // copied without the padding bookkeeping below (which costs more than the
                        // copy for a one-channel image).
                        let span = kernelWidth * channels
                        var source = image + y0 * rowLength + x0 * channels, destination = patch
                        for _ in 0..<g.rows.kernel {
                            copy(source, to: destination, count: span)
                            source += rowLength
                            destination += span
                        }
                        continue
                    }
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
                            copy(source + first, to: destination + first, count: columnTaps.count * channels)
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
    /// from, overwriting those images in `output`.
    ///
    /// Threads split the images' input rows into bands. Each band walks the patch rows of the
    /// windows that touch it in storage order (sequential reads, the fast direction) and adds
    /// only the taps that land inside the band, so no two threads write to the same pixel.
    static func fold(_ patches: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                     into output: UnsafeMutablePointer<Float>) {
        let height = g.rows.input, rowLength = g.columns.input * g.channels
        Parallelism.forEachChunk(images.count * height, costPerItem: rowLength * g.taps) { range in
            var item = range.lowerBound
            while item < range.upperBound {
                let localImage = item / height, bandStart = item % height
                let bandEnd = Swift.min(height, bandStart + range.upperBound - item)
                let image = output + (images.lowerBound + localImage) * height * rowLength
                (image + bandStart * rowLength).update(repeating: 0, count: (bandEnd - bandStart) * rowLength)
                foldBand(patches + localImage * g.outputPixelsPerImage * g.patchSize, g,
                         rows: bandStart..<bandEnd, into: image)
                item += bandEnd - bandStart
            }
        }
    }

    /// Adds into input rows `rows` of one image every patch value read from them.
    @inline(__always)
    private static func foldBand(_ patches: UnsafePointer<Float>, _ g: ConvGeometry, rows: Range<Int>,
                                 into image: UnsafeMutablePointer<Float>) {
        let channels = g.channels, patchSize = g.patchSize
        let kernelWidth = g.columns.kernel, dilationWidth = g.columns.dilation
        let rowLength = g.columns.input * channels
        for oy in 0..<g.rows.output {
            let y0 = g.rows.firstInput(ofOutput: oy)
            let inBand = firstTap(reaching: rows.lowerBound, from: y0, g.rows)..<firstTap(reaching: rows.upperBound,
                                                                                            from: y0, g.rows)
            let rowTaps = g.rows.taps(ofOutput: oy).clamped(to: inBand)
            if rowTaps.isEmpty { continue }
            for ox in 0..<g.columns.output {
                let patch = patches + (oy * g.columns.output + ox) * patchSize
                let columnTaps = g.columns.taps(ofOutput: ox), x0 = g.columns.firstInput(ofOutput: ox)
                for ky in rowTaps {
                    let source = patch + ky * kernelWidth * channels
                    let destination = image + (y0 + ky * g.rows.dilation) * rowLength + x0 * channels
                    if dilationWidth == 1 {
                        let first = columnTaps.lowerBound * channels
                        add(source + first, into: destination + first, count: columnTaps.count * channels)
                    } else {
                        for kx in columnTaps {
                            add(source + kx * channels, into: destination + kx * dilationWidth * channels,
                                count: channels)
                        }
                    }
                }
            }
        }
    }

    /// The first tap of a window starting at input row `start` that reads row `row` or later.
    @inline(__always)
    private static func firstTap(reaching row: Int, from start: Int, _ axis: WindowAxis) -> Int {
        row <= start ? 0 : (row - start + axis.dilation - 1) / axis.dilation
    }

    /// A short copy as a plain loop: a patch row of a one-channel image is three floats, where
    /// a call to `memmove` costs more than the copy.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        if count > 32 {
            destination.update(from: source, count: count)
        } else {
            for i in 0..<count { destination[i] = source[i] }
        }
    }

    @inline(__always)
    private static func add(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { destination[i] += source[i] }
    }
}
