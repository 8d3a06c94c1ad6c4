import CKernels

/// One spatial axis of a sliding window (convolution or pooling).
///
/// Output position `o` reads input cells `o * stride - padBefore + tap * dilation` for
/// `tap` in `0..<kernel`; cells outside `0..<input` are padding.
struct WindowAxis {
    let input: Int
    let kernel: Int
    let stride: Int
    let dilation: Int
    let padBefore: Int
    let output: Int

    /// The axis under `padding`; throws a `ShapeError` naming `op` and the axis when the
    /// window cannot slide over the input.
    init(op: String, axis name: String, input: Int, kernel: Int, stride: Int, dilation: Int,
         padding: Padding) throws {
        guard kernel >= 1, stride >= 1, dilation >= 1 else {
            throw ShapeError(op: op, "expected \(name) kernel, stride and dilation of at least 1, " +
                             "got \(kernel), \(stride) and \(dilation)")
        }
        guard input >= 1 else { throw ShapeError(op: op, "expected an input \(name) of at least 1, got \(input)") }
        let span = (kernel - 1) * dilation + 1
        switch padding {
        case .valid:
            guard input >= span else {
                throw ShapeError(op: op, "valid padding needs an input \(name) of at least \(span) " +
                                 "(kernel \(kernel), dilation \(dilation)), got \(input)")
            }
            output = (input - span) / stride + 1
            padBefore = 0
        case .same:
            output = (input + stride - 1) / stride
            padBefore = Swift.max((output - 1) * stride + span - input, 0) / 2
        }
        self.input = input
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
    }

    /// The input cell under tap 0 of output `o` (negative inside the leading padding).
    @inline(__always)
    func firstInput(ofOutput o: Int) -> Int { o * stride - padBefore }

    /// The taps of output `o` that fall inside the input; the others read padding.
    @inline(__always)
    func taps(ofOutput o: Int) -> Range<Int> {
        let start = firstInput(ofOutput: o)
        if dilation == 1 {
            // The same range without the integer divisions, which cost more than the rest of an
            // im2col row for a one-channel image.
            let low = Swift.max(0, -start)
            return low..<Swift.max(low, Swift.min(kernel, input - start))
        }
        let low = start >= 0 ? 0 : (dilation - 1 - start) / dilation
        let high = Swift.min(kernel, (input - start + dilation - 1) / dilation)
        return low..<Swift.max(low, high)
    }

    /// Calls `body(tap, output)` for every window position that reads input cell `i`.
    @inline(__always)
    func forEachWindow(readingInput i: Int, _ body: (_ tap: Int, _ output: Int) -> Void) {
        for tap in 0..<kernel {
            let offset = i + padBefore - tap * dilation
            if offset < 0 { break }
            if offset % stride == 0, offset / stride < output { body(tap, offset / stride) }
        }
    }

    /// Whether the windows lie side by side, without gaps or overlaps, and cover every input cell.
    var tilesInput: Bool {
        stride == kernel && dilation == 1 && firstInput(ofOutput: 0) <= 0
            && firstInput(ofOutput: output - 1) + kernel >= input
    }

    /// Whether output `o` reads exactly input cell `o` (a 1-wide window, stride 1, no padding).
    var isIdentity: Bool { kernel == 1 && stride == 1 && padBefore == 0 }
}

/// A 2-D sliding window over an NHWC batch: the shared description behind convolution,
/// depthwise convolution and pooling kernels.
struct ConvGeometry {
    let batch: Int
    /// Channels of the input the window slides over.
    let channels: Int
    let rows: WindowAxis
    let columns: WindowAxis

    /// Validates an NHWC `input` shape for a window; the errors name `op` and, through
    /// `axisNames`, the op's own words for the two spatial axes.
    init(op: String, input: [Int], kernel: (Int, Int), strides: (Int, Int), padding: Padding,
         dilation: (Int, Int), axisNames: (String, String) = ("height", "width")) throws {
        guard input.count == 4, input[0] >= 0, input[3] >= 1 else {
            throw ShapeError(op: op, "expected an input of rank 4 [batch, height, width, channels] " +
                             "with at least one channel, got \(input)")
        }
        batch = input[0]
        channels = input[3]
        rows = try WindowAxis(op: op, axis: axisNames.0, input: input[1], kernel: kernel.0,
                              stride: strides.0, dilation: dilation.0, padding: padding)
        columns = try WindowAxis(op: op, axis: axisNames.1, input: input[2], kernel: kernel.1,
                                 stride: strides.1, dilation: dilation.1, padding: padding)
    }

    var inputShape: [Int] { [batch, rows.input, columns.input, channels] }
    func outputShape(channels outputChannels: Int) -> [Int] { [batch, rows.output, columns.output, outputChannels] }
    var inputPixelsPerImage: Int { rows.input * columns.input }
    var outputPixelsPerImage: Int { rows.output * columns.output }
    var taps: Int { rows.kernel * columns.kernel }
    /// The length of one unfolded patch: `kh * kw * channels`.
    var patchSize: Int { taps * channels }
    /// Whether every output pixel is exactly its input pixel, so a convolution is a plain product.
    var isPointwise: Bool { rows.isIdentity && columns.isIdentity }

    /// Calls `body` with the window as the C kernels take it (`filters`: the output channels of
    /// a convolution, the channels for pooling) and ranges of the batch's output rows (row =
    /// image * output height + y), split over threads.
    func forEachOutputRowRange(filters: Int, costPerPixel: Int,
                               _ body: (UnsafePointer<cortex_conv_geometry>, Range<Int>) -> Void) {
        var geometry = cortex_conv_geometry(
            height: rows.input, width: columns.input, channels: channels,
            kernel_height: rows.kernel, kernel_width: columns.kernel, filters: filters,
            stride_y: rows.stride, stride_x: columns.stride, dilation_y: rows.dilation,
            dilation_x: columns.dilation, pad_top: rows.padBefore, pad_left: columns.padBefore,
            output_height: rows.output, output_width: columns.output)
        withUnsafePointer(to: &geometry) { geometry in
            Parallelism.forEachChunk(batch * rows.output, costPerItem: columns.output * costPerPixel) { range in
                body(geometry, range)
            }
        }
    }

    /// Calls `body(image, outputRow)` for every output row of the batch, split over threads.
    @inline(__always)
    func forEachOutputRow(costPerPixel: Int, _ body: (_ image: Int, _ row: Int) -> Void) {
        let height = rows.output
        Parallelism.forEachChunk(batch * height, costPerItem: columns.output * costPerPixel) { range in
            for row in range { body(row / height, row % height) }
        }
    }

    /// Calls `body(image, inputRow)` for every input row of the batch, split over threads.
    @inline(__always)
    func forEachInputRow(costPerPixel: Int, _ body: (_ image: Int, _ row: Int) -> Void) {
        let height = rows.input
        Parallelism.forEachChunk(batch * height, costPerItem: columns.input * costPerPixel) { range in
            for row in range { body(row / height, row % height) }
        }
    }
}
