/// Nearest-neighbour upsampling of NHWC batches by whole factors, and its adjoint.
enum UpsamplingKernels {
    /// Output pixel `(y, x)` copies input pixel `(y / factors.0, x / factors.1)`.
    static func nearest(_ input: Tensor, factors: (Int, Int)) -> Tensor {
        let (batch, height, width, channels) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let outputHeight = height * factors.0, outputWidth = width * factors.1
        let result = Tensor(uninitializedShape: [batch, outputHeight, outputWidth, channels])
        let x = input.storage.pointer, y = result.storage.pointer
        Parallelism.forEachChunk(batch * outputHeight, costPerItem: outputWidth * channels) { range in
            for row in range {
                let sourceRow = x + ((row / outputHeight) * height + (row % outputHeight) / factors.0) * width * channels
                let out = y + row * outputWidth * channels
                for ox in 0..<outputWidth {
                    (out + ox * channels).update(from: sourceRow + (ox / factors.1) * channels, count: channels)
                }
            }
        }
        return result
    }

    /// The gradient of `nearest`: each input pixel sums its block of `factors.0 × factors.1` output gradients.
    static func nearestBackward(_ outputGradient: Tensor, inputShape: [Int], factors: (Int, Int)) -> Tensor {
        let (batch, height, width, channels) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let outputWidth = width * factors.1
        let result = Tensor(uninitializedShape: inputShape)
        let dy = outputGradient.storage.pointer, dx = result.storage.pointer
        Parallelism.forEachChunk(batch * height, costPerItem: factors.0 * factors.1 * width * channels) { range in
            for row in range {
                let pixels = dx + row * width * channels
                pixels.update(repeating: 0, count: width * channels)
                for dyRow in 0..<factors.0 {
                    let gradientRow = dy + (row * factors.0 + dyRow) * outputWidth * channels
                    for ox in 0..<outputWidth {
                        let pixel = pixels + (ox / factors.1) * channels, gradient = gradientRow + ox * channels
                        for c in 0..<channels { pixel[c] += gradient[c] }
                    }
                }
            }
        }
        return result
    }
}
