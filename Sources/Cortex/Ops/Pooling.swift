/// Max and average pooling over channels-last batches, with Keras semantics: strides default to
/// the pool size, and padding cells never count (a same-padded average divides by the number of
/// real cells in its window).
extension Tensor {
    /// The output shape of 2-D pooling over `[N, H, W, C]`, or a `ShapeError` naming `op`.
    public static func pool2dOutputShape(input: [Int], poolSize: (Int, Int), strides: (Int, Int)? = nil,
                                         padding: Padding = .valid, op: String = "pool2d") throws -> [Int] {
        let g = try pool2dGeometry(op: op, input: input, poolSize: poolSize, strides: strides, padding: padding)
        return g.outputShape(channels: g.channels)
    }

    /// The output shape of 1-D pooling over `[N, L, C]`, or a `ShapeError` naming `op`.
    public static func pool1dOutputShape(input: [Int], poolSize: Int, stride: Int? = nil, padding: Padding = .valid,
                                         op: String = "pool1d") throws -> [Int] {
        let g = try pool1dGeometry(op: op, input: input, poolSize: poolSize, stride: stride, padding: padding)
        return [g.batch, g.columns.output, g.channels]
    }

    /// The maximum of each `poolSize` window of `[N, H, W, C]`; the gradient goes to the first
    /// cell holding the maximum.
    public func maxPool2d(poolSize: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) -> Tensor {
        let g = validated {
            try Tensor.pool2dGeometry(op: "maxPool2d", input: shape, poolSize: poolSize, strides: strides,
                                      padding: padding)
        }
        return maxPooled(g, op: "maxPool2d")
    }

    /// The mean of each `poolSize` window of `[N, H, W, C]`, over the cells inside the input.
    public func avgPool2d(poolSize: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) -> Tensor {
        let g = validated {
            try Tensor.pool2dGeometry(op: "avgPool2d", input: shape, poolSize: poolSize, strides: strides,
                                      padding: padding)
        }
        return averagePooled(g, op: "avgPool2d")
    }

    /// The maximum of each `poolSize` window of a sequence batch `[N, L, C]`.
    public func maxPool1d(poolSize: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
        let g = validated {
            try Tensor.pool1dGeometry(op: "maxPool1d", input: shape, poolSize: poolSize, stride: stride, padding: padding)
        }
        return reshaped(to: g.inputShape).maxPooled(g, op: "maxPool1d").reshaped(to: [g.batch, g.columns.output, g.channels])
    }

    /// The mean of each `poolSize` window of a sequence batch `[N, L, C]`, over the cells inside it.
    public func avgPool1d(poolSize: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
        let g = validated {
            try Tensor.pool1dGeometry(op: "avgPool1d", input: shape, poolSize: poolSize, stride: stride, padding: padding)
        }
        return reshaped(to: g.inputShape).averagePooled(g, op: "avgPool1d")
            .reshaped(to: [g.batch, g.columns.output, g.channels])
    }

    private func maxPooled(_ g: ConvGeometry, op: String) -> Tensor {
        let result = PoolingKernels.maxForward(self, g)
        let x = detached(), y = result.detached()
        return Tensor.record(op, result, input: self) { dy in
            PoolingKernels.maxBackward(input: x, output: y, outputGradient: dy, g)
        }
    }

    private func averagePooled(_ g: ConvGeometry, op: String) -> Tensor {
        Tensor.record(op, PoolingKernels.averageForward(self, g), input: self) { dy in
            PoolingKernels.averageBackward(outputGradient: dy, g)
        }
    }

    private static func pool2dGeometry(op: String, input: [Int], poolSize: (Int, Int), strides: (Int, Int)?,
                                       padding: Padding) throws -> ConvGeometry {
        try ConvGeometry(op: op, input: input, kernel: poolSize, strides: strides ?? poolSize, padding: padding,
                         dilation: (1, 1))
    }

    private static func pool1dGeometry(op: String, input: [Int], poolSize: Int, stride: Int?,
                                       padding: Padding) throws -> ConvGeometry {
        guard input.count == 3 else {
            throw ShapeError(op: op, "expected an input of rank 3 [batch, length, channels], got \(input)")
        }
        return try ConvGeometry(op: op, input: [input[0], 1, input[1], input[2]], kernel: (1, poolSize),
                                strides: (1, stride ?? poolSize), padding: padding, dilation: (1, 1),
                                axisNames: ("height", "length"))
    }
}
