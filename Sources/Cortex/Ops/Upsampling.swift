/// Nearest-neighbour upsampling (Keras `UpSampling2D`), the cheap way to grow feature maps in
/// decoders and generators.
extension Tensor {
    /// The output shape of `upsampled2d`, or a `ShapeError` saying what does not fit.
    public static func upsampled2dOutputShape(input: [Int], size: (Int, Int)) throws -> [Int] {
        guard input.count == 4, input.allSatisfy({ $0 >= 0 }) else {
            throw ShapeError(op: "upsampled2d", "expected an input of rank 4 [batch, height, width, channels], got \(input)")
        }
        guard size.0 >= 1, size.1 >= 1 else {
            throw ShapeError(op: "upsampled2d", "expected upsampling factors of at least 1, got \(size)")
        }
        return [input[0], input[1] * size.0, input[2] * size.1, input[3]]
    }

    /// Each pixel of `[N, H, W, C]` repeated as a `size.0 × size.1` block: `[N, H * size.0, W * size.1, C]`.
    public func upsampled2d(size: (Int, Int)) -> Tensor {
        _ = validated { try Tensor.upsampled2dOutputShape(input: shape, size: size) }
        let inputShape = shape
        return Tensor.record("upsampled2d", UpsamplingKernels.nearest(self, factors: size), input: self) { dy in
            UpsamplingKernels.nearestBackward(dy, inputShape: inputShape, factors: size)
        }
    }
}
