/// Convolutions over channels-last (NHWC) batches with Keras filter layouts, so that Keras
/// weights load unchanged. Each has a throwing shape validator for model-building code; the ops
/// themselves stop with the same message on a bad shape.
extension Tensor {
    // MARK: conv2d

    /// The output shape of `conv2d`, or a `ShapeError` saying what does not fit.
    public static func conv2dOutputShape(input: [Int], filter: [Int], strides: (Int, Int) = (1, 1),
                                         padding: Padding = .valid, dilation: (Int, Int) = (1, 1)) throws -> [Int] {
        try conv2dGeometry(op: "conv2d", input: input, filter: filter, strides: strides, padding: padding,
                           dilation: dilation).outputShape(channels: filter[3])
    }

    /// 2-D convolution (cross-correlation, as in Keras): input `[N, H, W, Cin]`, filter
    /// `[kh, kw, Cin, Cout]` (a Keras `Conv2D` kernel) → `[N, Ho, Wo, Cout]`.
    public func conv2d(filter: Tensor, strides: (Int, Int) = (1, 1), padding: Padding = .valid,
                       dilation: (Int, Int) = (1, 1)) -> Tensor {
        let g = validated {
            try Tensor.conv2dGeometry(op: "conv2d", input: shape, filter: filter.shape, strides: strides,
                                      padding: padding, dilation: dilation)
        }
        return convolved(filter: filter, g, op: "conv2d")
    }

    static func conv2dGeometry(op: String, input: [Int], filter: [Int], strides: (Int, Int), padding: Padding,
                               dilation: (Int, Int), axisNames: (String, String) = ("height", "width"),
                               filterLayout: String = "[kernelHeight, kernelWidth, inputChannels, filters]")
        throws -> ConvGeometry {
        guard filter.count == 4, filter.allSatisfy({ $0 >= 1 }) else {
            throw ShapeError(op: op, "expected a filter of rank 4 \(filterLayout) with positive extents, got \(filter)")
        }
        let g = try ConvGeometry(op: op, input: input, kernel: (filter[0], filter[1]), strides: strides,
                                 padding: padding, dilation: dilation, axisNames: axisNames)
        guard filter[2] == g.channels else {
            throw ShapeError(op: op, "filter \(filter) expects \(filter[2]) input channels, got input \(input) " +
                             "with \(g.channels)")
        }
        return g
    }

    /// The convolution and its gradients. When the filter's gradient will be needed, the
    /// forward pass keeps its patch matrix for it (the unfolding was a tenth of a small CNN's
    /// training step, half of it repeated in the backward pass).
    private func convolved(filter: Tensor, _ g: ConvGeometry, op: String) -> Tensor {
        let keepsPatches = filter.requiresGradient && GradientRecording.isEnabled
        let (result, patches) = ConvolutionKernels.forward(input: self, filter: filter, g, keepingPatches: keepsPatches)
        let x = detached(), w = filter.detached()
        return Tensor.record(op, result, inputs: [self, filter]) { dy, needs in
            [needs[0] ? ConvolutionKernels.inputGradient(outputGradient: dy, filter: w, g) : nil,
             needs[1] ? ConvolutionKernels.filterGradient(input: x, outputGradient: dy, filterShape: w.shape, g,
                                                          patches: patches) : nil]
        }
    }

    // MARK: conv1d

    /// The output shape of `conv1d`, or a `ShapeError` saying what does not fit.
    public static func conv1dOutputShape(input: [Int], filter: [Int], stride: Int = 1, padding: Padding = .valid,
                                         dilation: Int = 1) throws -> [Int] {
        let g = try conv1dGeometry(input: input, filter: filter, stride: stride, padding: padding, dilation: dilation)
        return [g.batch, g.columns.output, filter[2]]
    }

    /// 1-D convolution over sequences: input `[N, L, Cin]`, filter `[k, Cin, Cout]` (a Keras
    /// `Conv1D` kernel) → `[N, Lo, Cout]`. Runs as a `conv2d` of height 1.
    public func conv1d(filter: Tensor, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1) -> Tensor {
        let g = validated {
            try Tensor.conv1dGeometry(input: shape, filter: filter.shape, stride: stride, padding: padding,
                                      dilation: dilation)
        }
        let filter2d = filter.reshaped(to: [1] + filter.shape)
        return reshaped(to: g.inputShape).convolved(filter: filter2d, g, op: "conv1d")
            .reshaped(to: [g.batch, g.columns.output, filter.shape[2]])
    }

    private static func conv1dGeometry(input: [Int], filter: [Int], stride: Int, padding: Padding,
                                       dilation: Int) throws -> ConvGeometry {
        guard input.count == 3 else {
            throw ShapeError(op: "conv1d", "expected an input of rank 3 [batch, length, channels], got \(input)")
        }
        guard filter.count == 3 else {
            throw ShapeError(op: "conv1d", "expected a filter of rank 3 [kernelSize, inputChannels, filters], got \(filter)")
        }
        return try conv2dGeometry(op: "conv1d", input: [input[0], 1, input[1], input[2]], filter: [1] + filter,
                                  strides: (1, stride), padding: padding, dilation: (1, dilation),
                                  axisNames: ("height", "length"), filterLayout: "[kernelSize, inputChannels, filters]")
    }

    // MARK: depthwiseConv2d

    /// The output shape of `depthwiseConv2d`, or a `ShapeError` saying what does not fit.
    public static func depthwiseConv2dOutputShape(input: [Int], filter: [Int], strides: (Int, Int) = (1, 1),
                                                  padding: Padding = .valid,
                                                  dilation: (Int, Int) = (1, 1)) throws -> [Int] {
        try depthwiseGeometry(input: input, filter: filter, strides: strides, padding: padding, dilation: dilation)
            .outputShape(channels: input[3] * filter[3])
    }

    /// Depthwise 2-D convolution: each input channel has its own `multiplier` filters.
    /// Input `[N, H, W, Cin]`, filter `[kh, kw, Cin, multiplier]` (a Keras `DepthwiseConv2D`
    /// kernel) → `[N, Ho, Wo, Cin * multiplier]`, output channel `c * multiplier + m`.
    public func depthwiseConv2d(filter: Tensor, strides: (Int, Int) = (1, 1), padding: Padding = .valid,
                                dilation: (Int, Int) = (1, 1)) -> Tensor {
        let g = validated {
            try Tensor.depthwiseGeometry(input: shape, filter: filter.shape, strides: strides, padding: padding,
                                         dilation: dilation)
        }
        let result = DepthwiseKernels.forward(input: self, filter: filter, g)
        let x = detached(), w = filter.detached()
        return Tensor.record("depthwiseConv2d", result, inputs: [self, filter]) { dy, needs in
            [needs[0] ? DepthwiseKernels.inputGradient(outputGradient: dy, filter: w, g) : nil,
             needs[1] ? DepthwiseKernels.filterGradient(input: x, outputGradient: dy, filterShape: w.shape, g) : nil]
        }
    }

    private static func depthwiseGeometry(input: [Int], filter: [Int], strides: (Int, Int), padding: Padding,
                                          dilation: (Int, Int)) throws -> ConvGeometry {
        try conv2dGeometry(op: "depthwiseConv2d", input: input, filter: filter, strides: strides, padding: padding,
                           dilation: dilation, filterLayout: "[kernelHeight, kernelWidth, inputChannels, multiplier]")
    }

    // MARK: conv2dTranspose

    /// The output shape of `conv2dTranspose`, or a `ShapeError` saying what does not fit.
    public static func conv2dTransposeOutputShape(input: [Int], filter: [Int], strides: (Int, Int) = (1, 1),
                                                  padding: Padding = .valid, outputPadding: (Int, Int)? = nil,
                                                  dilation: (Int, Int) = (1, 1)) throws -> [Int] {
        try conv2dTransposeGeometry(input: input, filter: filter, strides: strides, padding: padding,
                                    outputPadding: outputPadding, dilation: dilation).inputShape
    }

    /// Transposed 2-D convolution (the gradient of `conv2d` with respect to its input), as in
    /// Keras `Conv2DTranspose`: input `[N, H, W, Cin]`, filter `[kh, kw, Cout, Cin]` →
    /// `[N, Ho, Wo, Cout]`. Without `outputPadding`, `Ho` is `H * stride` for same padding and
    /// `H * stride + max(kh - stride, 0)` (dilated `kh`) for valid; `outputPadding` (below the
    /// stride) picks among the sizes that a strided convolution maps back to `H`.
    public func conv2dTranspose(filter: Tensor, strides: (Int, Int) = (1, 1), padding: Padding = .valid,
                                outputPadding: (Int, Int)? = nil, dilation: (Int, Int) = (1, 1)) -> Tensor {
        let g = validated {
            try Tensor.conv2dTransposeGeometry(input: shape, filter: filter.shape, strides: strides, padding: padding,
                                               outputPadding: outputPadding, dilation: dilation)
        }
        let result = ConvolutionKernels.inputGradient(outputGradient: self, filter: filter, g)
        let x = detached(), w = filter.detached()
        return Tensor.record("conv2dTranspose", result, inputs: [self, filter]) { dy, needs in
            [needs[0] ? ConvolutionKernels.forward(input: dy, filter: w, g) : nil,
             needs[1] ? ConvolutionKernels.filterGradient(input: dy, outputGradient: x, filterShape: w.shape, g) : nil]
        }
    }

    /// The geometry of the convolution that `conv2dTranspose` is the transpose of: from the
    /// transposed output (its input) to the transposed input (its output).
    private static func conv2dTransposeGeometry(input: [Int], filter: [Int], strides: (Int, Int), padding: Padding,
                                                outputPadding: (Int, Int)?, dilation: (Int, Int)) throws -> ConvGeometry {
        let op = "conv2dTranspose"
        guard input.count == 4, input[0] >= 0, input[1...].allSatisfy({ $0 >= 1 }) else {
            throw ShapeError(op: op, "expected an input of rank 4 [batch, height, width, channels] with positive " +
                             "height, width and channels, got \(input)")
        }
        guard filter.count == 4, filter.allSatisfy({ $0 >= 1 }) else {
            throw ShapeError(op: op, "expected a filter of rank 4 [kernelHeight, kernelWidth, filters, inputChannels] " +
                             "with positive extents, got \(filter)")
        }
        guard filter[3] == input[3] else {
            throw ShapeError(op: op, "filter \(filter) expects \(filter[3]) input channels, got input \(input) " +
                             "with \(input[3])")
        }
        guard strides.0 >= 1, strides.1 >= 1, dilation.0 >= 1, dilation.1 >= 1 else {
            throw ShapeError(op: op, "expected strides and dilation of at least 1, got \(strides) and \(dilation)")
        }
        if let outputPadding {
            guard outputPadding.0 >= 0, outputPadding.1 >= 0, outputPadding.0 < strides.0, outputPadding.1 < strides.1 else {
                throw ShapeError(op: op, "expected output padding at least 0 and below the strides \(strides), got \(outputPadding)")
            }
        }
        func transposedLength(_ length: Int, kernel: Int, stride: Int, dilation: Int, extra: Int?) -> Int {
            let span = (kernel - 1) * dilation + 1
            guard let extra else {
                return padding == .same ? length * stride : length * stride + Swift.max(span - stride, 0)
            }
            let pad = padding == .same ? span / 2 : 0
            return (length - 1) * stride + span - 2 * pad + extra
        }
        let height = transposedLength(input[1], kernel: filter[0], stride: strides.0, dilation: dilation.0,
                                      extra: outputPadding?.0)
        let width = transposedLength(input[2], kernel: filter[1], stride: strides.1, dilation: dilation.1,
                                     extra: outputPadding?.1)
        let outputShape = [input[0], height, width, filter[2]]
        let mismatch = ShapeError(op: op, "output padding \(outputPadding.map { "\($0)" } ?? "none") gives output " +
                                  "\(outputShape), which a \(padding) convolution with strides \(strides) does not map " +
                                  "back to input \(input)")
        guard height >= 1, width >= 1 else { throw mismatch }
        let g = try ConvGeometry(op: op, input: outputShape, kernel: (filter[0], filter[1]), strides: strides,
                                 padding: padding, dilation: dilation)
        guard g.rows.output == input[1], g.columns.output == input[2] else { throw mismatch }
        return g
    }
}
