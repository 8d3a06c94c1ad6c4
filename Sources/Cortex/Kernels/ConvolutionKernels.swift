import CKernels

/// Convolution as matrix products: the unfolded patches `[pixels, kh * kw * Cin]` times the
/// filter read as a `[kh * kw * Cin, Cout]` matrix, in one `sgemm` per chunk of images.
///
/// The three functions are the forward pass and its two adjoints; a transposed convolution uses
/// the same three in another order. A 1×1, stride-1 convolution skips the unfolding: its input
/// already is the patch matrix. A forward pass with short patches (a first layer over one or
/// three channels) that need not be kept is summed straight from the image (`directForward`).
enum ConvolutionKernels {
    /// The longest patch (`kh * kw * Cin`) the forward pass sums directly instead of unfolding.
    static let directMaximumPatchSize = Int(CORTEX_DIRECT_CONVOLUTION_MAXIMUM_PATCH)

    /// The most memory one chunk's patch matrix may take: large enough that `sgemm` sees big
    /// matrices, small enough to stay bounded for big batches of big images.
    nonisolated(unsafe) static var patchBufferBytes = 64 << 20

    /// `[N, Ho, Wo, Cout]` from an input of shape `g.inputShape` and a filter `[kh, kw, Cin, Cout]`.
    static func forward(input: Tensor, filter: Tensor, _ g: ConvGeometry) -> Tensor {
        forward(input: input, filter: filter, g, keepingPatches: false).output
    }

    /// `forward`; with `keepingPatches`, also the patch matrix of the whole batch when it fit in
    /// one patch buffer (nil otherwise, and for a pointwise convolution, whose input is its patch
    /// matrix). `filterGradient` takes it instead of unfolding the same input a second time.
    static func forward(input: Tensor, filter: Tensor, _ g: ConvGeometry,
                        keepingPatches: Bool) -> (output: Tensor, patches: Tensor?) {
        let filters = filter.shape[3], patchSize = g.patchSize
        let result = Tensor(uninitializedShape: g.outputShape(channels: filters))
        let x = input.storage.pointer, w = filter.storage.pointer, y = result.storage.pointer
        if g.isPointwise {
            BLAS.sgemm(transposeA: false, transposeB: false, m: g.batch * g.outputPixelsPerImage, n: filters,
                       k: patchSize, a: x, lda: patchSize, b: w, ldb: filters, c: y, ldc: filters)
            return (result, nil)
        }
        if !keepingPatches && patchSize <= directMaximumPatchSize {
            directForward(x, w, filters: filters, g, into: y)
            return (result, nil)
        }
        let patches = forEachImageChunk(g) { images, patches in
            Im2Col.unfold(x, g, images: images, into: patches)
            BLAS.sgemm(transposeA: false, transposeB: false, m: images.count * g.outputPixelsPerImage, n: filters,
                       k: patchSize, a: patches, lda: patchSize, b: w, ldb: filters,
                       c: y + images.lowerBound * g.outputPixelsPerImage * filters, ldc: filters)
        }
        return (result, keepingPatches ? patches : nil)
    }

    /// The forward pass without a patch matrix (CKernels' `cortex_conv2d_direct`), output rows
    /// split over threads. For a 3 × 3 window over one channel the patch matrix has 9 columns:
    /// unfolding it took longer than its product, and both longer than this.
    private static func directForward(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, filters: Int,
                                      _ g: ConvGeometry, into y: UnsafeMutablePointer<Float>) {
        g.forEachOutputRowRange(filters: filters, costPerPixel: g.patchSize * filters) { geometry, rows in
            cortex_conv2d_direct(geometry, x, w, y, rows.lowerBound, rows.upperBound)
        }
    }

    /// The gradient with respect to the input (shape `g.inputShape`): the output gradient times
    /// the transposed filter, folded back onto the pixels.
    static func inputGradient(outputGradient: Tensor, filter: Tensor, _ g: ConvGeometry) -> Tensor {
        let filters = filter.shape[3], patchSize = g.patchSize
        let result = Tensor(uninitializedShape: g.inputShape)
        let dy = outputGradient.storage.pointer, w = filter.storage.pointer, dx = result.storage.pointer
        if g.isPointwise {
            BLAS.sgemm(transposeA: false, transposeB: true, m: g.batch * g.outputPixelsPerImage, n: patchSize,
                       k: filters, a: dy, lda: filters, b: w, ldb: filters, c: dx, ldc: patchSize)
            return result
        }
        forEachImageChunk(g) { images, patches in
            let rows = images.count * g.outputPixelsPerImage
            BLAS.sgemm(transposeA: false, transposeB: true, m: rows, n: patchSize, k: filters,
                       a: dy + images.lowerBound * g.outputPixelsPerImage * filters, lda: filters,
                       b: w, ldb: filters, c: patches, ldc: patchSize)
            Im2Col.fold(patches, g, images: images, into: dx)
        }
        return result
    }

    /// The gradient with respect to the filter (shape `filterShape`): the patches transposed
    /// times the output gradient, summed over the batch. It is computed as its transpose
    /// `[Cout, kh * kw * Cin]` (output gradient transposed times patches), which OpenBLAS ran
    /// 15-20% faster, and transposed back at the end. `patches`, the whole batch's patch matrix
    /// kept by `forward`, spares unfolding the input again.
    static func filterGradient(input: Tensor, outputGradient: Tensor, filterShape: [Int],
                               _ g: ConvGeometry, patches: Tensor? = nil) -> Tensor {
        let filters = filterShape[3], patchSize = g.patchSize, pixels = g.outputPixelsPerImage
        let transposedSum = Tensor.zeros([filters, patchSize])
        let x = input.storage.pointer, dy = outputGradient.storage.pointer, dwT = transposedSum.storage.pointer
        let accumulate = { (images: Range<Int>, patches: UnsafePointer<Float>) in
            BLAS.sgemm(transposeA: true, transposeB: false, m: filters, n: patchSize, k: images.count * pixels,
                       a: dy + images.lowerBound * pixels * filters, lda: filters, b: patches, ldb: patchSize,
                       beta: 1, c: dwT, ldc: patchSize)
        }
        if g.isPointwise {
            accumulate(0..<g.batch, x)
        } else if let patches {
            accumulate(0..<g.batch, patches.storage.pointer)
        } else {
            forEachImageChunk(g) { images, patches in
                Im2Col.unfold(x, g, images: images, into: patches)
                accumulate(images, patches)
            }
        }
        let result = Tensor(uninitializedShape: filterShape)
        transpose(dwT, rows: filters, columns: patchSize, into: result.storage.pointer)
        return result
    }

    /// Calls `body` for consecutive ranges of images with a patch buffer that fits one range;
    /// returns the buffer when one range held the whole batch.
    @discardableResult
    private static func forEachImageChunk(_ g: ConvGeometry,
                                          _ body: (Range<Int>, UnsafeMutablePointer<Float>) -> Void) -> Tensor? {
        let bytesPerImage = Swift.max(1, g.outputPixelsPerImage * g.patchSize * MemoryLayout<Float>.stride)
        let imagesPerChunk = Swift.max(1, Swift.min(g.batch, patchBufferBytes / bytesPerImage))
        let buffer = Tensor(uninitializedShape: [imagesPerChunk * g.outputPixelsPerImage * g.patchSize])
        withExtendedLifetime(buffer) {
            for start in stride(from: 0, to: g.batch, by: imagesPerChunk) {
                body(start..<Swift.min(start + imagesPerChunk, g.batch), buffer.storage.pointer)
            }
        }
        return imagesPerChunk >= g.batch ? buffer : nil
    }

    /// Writes the `[columns, rows]` transpose of a small row-major `[rows, columns]` matrix.
    private static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int,
                                  into destination: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            for column in 0..<columns { destination[column * rows + row] = source[row * columns + column] }
        }
    }
}
