import CKernels

/// The finish of a dense or convolution layer: adding a bias along the last axis, optionally
/// followed by relu, in one pass instead of two (each a full read and write of the output).
extension Tensor {
    /// `self + bias`, the `[channels]` bias added to every row of the last axis; with `relu`,
    /// `max(self + bias, 0)`. Its backward masks the gradient once (for relu) and sums it over
    /// the rows for the bias.
    public func addingBias(_ bias: Tensor, relu: Bool = false) -> Tensor {
        let channels = bias.count
        precondition(bias.rank == 1 && rank >= 1 && shape[rank - 1] == channels,
                     "addingBias: expected a bias of shape [\(shape.last ?? 0)] for input \(shape), got \(bias.shape)")
        let rows = count / Swift.max(channels, 1)
        let result = Tensor(uninitializedShape: shape)
        let context = (x: storage.pointer, bias: bias.storage.pointer, out: result.storage.pointer)
        Parallelism.forEachChunk(rows, costPerItem: channels, context: context) { range, p in
            let offset = range.lowerBound * channels
            cortex_add_bias(p.x + offset, p.bias, p.out + offset, range.count, channels, relu ? 1 : 0)
        }
        let y = relu ? result.detached() : nil
        return Tensor.record(relu ? "addingBiasRelu" : "addingBias", result, inputs: [self, bias]) { g, needs in
            let masked = y.map { y in Tensor.zipScalars(g, y) { g, y in y > 0 ? g : 0 } } ?? g
            return [needs[0] ? masked : nil,
                    needs[1] ? masked.reshapedStorage([rows, channels]).reduceAlong(0, initial: 0, +).reshapedStorage([channels]) : nil]
        }
    }
}
