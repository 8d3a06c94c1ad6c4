import XCTest
@testable import Cortex
import CortexTestSupport

final class ConvolutionTests: XCTestCase {
    /// 1...16 as a [1, 4, 4, 1] image: pixel (r, c) holds 4r + c + 1.
    private let image = Tensor.arange(1, 17).reshaped(to: [1, 4, 4, 1])
    /// [[1, 2, 0], [0, 1, 0], [-1, 0, 1]] as a [3, 3, 1, 1] filter.
    private let filter = Tensor(shape: [3, 3, 1, 1], scalars: [1, 2, 0, 0, 1, 0, -1, 0, 1])

    func testConv2dMatchesHandComputedValues() {
        // Valid: out(i, j) = x(i,j) + 2x(i,j+1) + x(i+1,j+1) - x(i+2,j) + x(i+2,j+2) = 16i + 4j + 13.
        assertTensorsClose(image.conv2d(filter: filter),
                           Tensor(shape: [1, 2, 2, 1], scalars: [13, 17, 29, 33]))
        // Same, stride 1: one cell of padding on each side.
        assertTensorsClose(image.conv2d(filter: filter, padding: .same),
                           Tensor(shape: [1, 4, 4, 1], scalars: [7, 4, 5, -3, 17, 13, 17, 8,
                                                                 33, 29, 33, 20, 31, 43, 47, 51]))
        // Same, stride 2: padding 1 in all, at the end only.
        assertTensorsClose(image.conv2d(filter: filter, strides: (2, 2), padding: .same),
                           Tensor(shape: [1, 2, 2, 1], scalars: [13, 8, 43, 51]))
        assertTensorsClose(image.conv2d(filter: filter, strides: (2, 2)), Tensor(shape: [1, 1, 1, 1], scalars: [13]))
        // Dilation 2, same: the taps are 2 apart, with 2 cells of padding before.
        assertTensorsClose(image.conv2d(filter: filter, padding: .same, dilation: (2, 2)),
                           Tensor(shape: [1, 4, 4, 1], scalars: [12, 14, -6, -6, 20, 22, -6, -6,
                                                                 11, 14, 18, 22, 23, 26, 34, 38]))
        // Dilation 2, valid, 2×2 filter [[1, 2], [3, 4]]: out(i, j) = 40i + 10j + 78.
        let small = Tensor(shape: [2, 2, 1, 1], scalars: [1, 2, 3, 4])
        assertTensorsClose(image.conv2d(filter: small, dilation: (2, 2)),
                           Tensor(shape: [1, 2, 2, 1], scalars: [78, 88, 118, 128]))
    }

    func testConv2dMixesChannelsInKerasFilterLayout() {
        // Two images of one pixel with channels (1, 2) and (3, 4); 1×1 filter [Cin = 2, Cout = 3].
        let x = Tensor(shape: [2, 1, 1, 2], scalars: [1, 2, 3, 4])
        let w = Tensor(shape: [1, 1, 2, 3], scalars: [1, 0, -1, 10, 1, 2])
        assertTensorsClose(x.conv2d(filter: w), Tensor(shape: [2, 1, 1, 3], scalars: [21, 2, 3, 43, 4, 5]))
        // The same filter with stride 2 over a 3×3 image reads pixels (0,0), (0,2), (2,0), (2,2).
        let grid = Tensor.arange(0, 18).reshaped(to: [1, 3, 3, 2])
        let strided = grid.conv2d(filter: w, strides: (2, 2))
        XCTAssertEqual(strided.shape, [1, 2, 2, 3])
        XCTAssertEqual(Array(strided.scalars[3..<6]), [4 + 50, 5, 2 * 5 - 4])
    }

    func testConv2dMatchesDirectLoopsAcrossConfigurations() {
        let x = randomTensor([3, 7, 6, 4], seed: 1)
        let w = randomTensor([3, 2, 4, 5], seed: 2)
        for padding in [Padding.valid, .same] {
            for strides in [(1, 1), (2, 3)] {
                for dilation in [(1, 1), (2, 1)] where dilation == (1, 1) || strides == (1, 1) {
                    assertTensorsClose(x.conv2d(filter: w, strides: strides, padding: padding, dilation: dilation),
                                       referenceConv2d(x, w, strides: strides, padding: padding, dilation: dilation),
                                       tolerance: 1e-4)
                }
            }
        }
        // Big enough to split im2col and col2im over threads.
        let big = randomTensor([4, 17, 16, 8], seed: 3), bigFilter = randomTensor([3, 3, 8, 6], seed: 4)
        assertTensorsClose(big.conv2d(filter: bigFilter, padding: .same),
                           referenceConv2d(big, bigFilter, strides: (1, 1), padding: .same, dilation: (1, 1)),
                           tolerance: 1e-4)
    }

    /// Short patches are summed straight from the image, in blocks of 32 filters for three
    /// neighbouring pixels: banks of 32, 40 and 70 filters exercise the blocks, the leftover
    /// filters and the pixels near a padded border, against plain loops and the matrix product.
    func testDirectConvolutionMatchesLoopsAndTheMatrixProduct() throws {
        let cases: [([Int], [Int], (Int, Int), Padding, (Int, Int))] = [
            ([2, 9, 11, 1], [3, 3, 1, 32], (1, 1), .valid, (1, 1)),
            ([1, 10, 13, 3], [3, 3, 3, 40], (1, 1), .same, (1, 1)),
            ([1, 11, 12, 1], [5, 5, 1, 70], (2, 2), .same, (1, 1)),
            ([2, 12, 14, 2], [3, 3, 2, 33], (1, 1), .same, (2, 2)),
            ([1, 6, 17, 3], [2, 3, 3, 32], (1, 3), .valid, (1, 1)),
        ]
        for (index, (inputShape, filterShape, strides, padding, dilation)) in cases.enumerated() {
            XCTAssertLessThanOrEqual(filterShape[0] * filterShape[1] * filterShape[2], ConvolutionKernels.directMaximumPatchSize)
            let x = randomTensor(inputShape, seed: UInt64(50 + index)), w = randomTensor(filterShape, seed: UInt64(60 + index))
            let g = try Tensor.conv2dGeometry(op: "conv2d", input: inputShape, filter: filterShape, strides: strides,
                                              padding: padding, dilation: dilation)
            let direct = ConvolutionKernels.forward(input: x, filter: w, g)
            let product = ConvolutionKernels.forward(input: x, filter: w, g, keepingPatches: true).output
            let expected = referenceConv2d(x, w, strides: strides, padding: padding, dilation: dilation)
            assertTensorsClose(direct, expected, tolerance: 1e-4)
            assertTensorsClose(direct, product, tolerance: 1e-4)
        }
    }

    func testConv2dGivesTheSameResultsWhenTheBatchIsSplitIntoChunks() {
        let x = randomTensor([5, 6, 5, 3], seed: 5)
        let w = randomTensor([3, 3, 3, 4], seed: 6)
        let whole = valueWithGradient(at: [x, w]) { $0[0].conv2d(filter: $0[1], strides: (2, 1), padding: .same).square().sum() }
        let saved = ConvolutionKernels.patchBufferBytes
        ConvolutionKernels.patchBufferBytes = 2 * 3 * 5 * 27 * 4  // two images per chunk, the last chunk one image
        defer { ConvolutionKernels.patchBufferBytes = saved }
        let chunked = valueWithGradient(at: [x, w]) { $0[0].conv2d(filter: $0[1], strides: (2, 1), padding: .same).square().sum() }
        assertTensorsClose(chunked.value, whole.value, tolerance: 1e-5)
        assertTensorsClose(chunked.gradients[0], whole.gradients[0], tolerance: 1e-5)
        assertTensorsClose(chunked.gradients[1], whole.gradients[1], tolerance: 1e-5)
    }

    /// The filter gradient from the patch matrix the forward pass kept equals the one that
    /// unfolds the input again, for a one-channel first layer and a strided multi-channel one.
    func testFilterGradientFromKeptPatchesEqualsUnfoldingAgain() throws {
        let cases: [([Int], [Int], (Int, Int), Padding)] = [([3, 9, 8, 1], [3, 3, 1, 5], (1, 1), .valid),
                                                            ([2, 7, 6, 4], [3, 2, 4, 3], (2, 1), .same)]
        for (inputShape, filterShape, strides, padding) in cases {
            let x = randomTensor(inputShape, seed: 40), w = randomTensor(filterShape, seed: 41)
            let g = try Tensor.conv2dGeometry(op: "conv2d", input: inputShape, filter: filterShape, strides: strides,
                                              padding: padding, dilation: (1, 1))
            let (y, kept) = ConvolutionKernels.forward(input: x, filter: w, g, keepingPatches: true)
            let patches = try XCTUnwrap(kept, "\(inputShape)")
            // Without patches to keep, these short patches take the direct kernel: equal to rounding.
            assertTensorsClose(y, ConvolutionKernels.forward(input: x, filter: w, g), tolerance: 1e-5)
            let dy = randomTensor(y.shape, seed: 42)
            let reused = ConvolutionKernels.filterGradient(input: x, outputGradient: dy, filterShape: filterShape, g,
                                                           patches: patches)
            let unfolded = ConvolutionKernels.filterGradient(input: x, outputGradient: dy, filterShape: filterShape, g)
            XCTAssertEqual(reused.scalars, unfolded.scalars, "\(inputShape)")
            assertTensorsClose(reused, referenceFilterGradient(x, dy, filterShape, g), tolerance: 1e-4)
        }
    }

    func testKernelsGiveTheSameResultsOnOneThreadAndOnManySmallChunks() {
        // Tiny chunks over several threads split images into bands of rows at odd places.
        let x = randomTensor([2, 9, 7, 3], seed: 30)
        let w = randomTensor([3, 2, 3, 4], seed: 31)
        let depthwise = randomTensor([2, 3, 3, 2], seed: 32)
        let transposeFilter = randomTensor([3, 3, 2, 3], seed: 33)
        let ops: [(String, ([Tensor]) -> Tensor)] = [
            ("conv2d", { $0[0].conv2d(filter: $0[1], padding: .same) }),
            ("conv2d strided dilated", { $0[0].conv2d(filter: $0[1], strides: (2, 1), padding: .same, dilation: (1, 2)) }),
            ("depthwise", { $0[0].depthwiseConv2d(filter: $0[2], strides: (1, 2), padding: .same) }),
            ("transpose", { $0[0].conv2dTranspose(filter: $0[3], strides: (2, 2), padding: .same) }),
        ]
        for (name, op) in ops {
            let f: ([Tensor]) -> Tensor = { op($0).square().sum() }
            let serial = withThreads(1) { valueWithGradient(at: [x, w, depthwise, transposeFilter], in: f) }
            let parallel = withThreads(3) { valueWithGradient(at: [x, w, depthwise, transposeFilter], in: f) }
            XCTAssertEqual(parallel.value.scalar, serial.value.scalar, accuracy: 1e-3, name)
            for (a, b) in zip(parallel.gradients, serial.gradients) { assertTensorsClose(a, b, tolerance: 1e-4) }
        }
    }

    func testConv2dGradients() {
        let x = randomTensor([2, 5, 7, 3], seed: 7)
        let w = randomTensor([3, 3, 3, 4], seed: 8)
        let bias = randomTensor([4], seed: 9)
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv2d(filter: $0[1]) }
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv2d(filter: $0[1], strides: (2, 2), padding: .same) }
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv2d(filter: $0[1], padding: .same, dilation: (2, 1)) }
        assertGradientsMatchFiniteDifferences([x, w, bias]) { $0[0].conv2d(filter: $0[1], padding: .same) + $0[2] }
        let pointwise = randomTensor([1, 1, 3, 5], seed: 10)
        assertGradientsMatchFiniteDifferences([x, pointwise]) { $0[0].conv2d(filter: $0[1]) }
        assertGradientsMatchFiniteDifferences([x, pointwise]) { $0[0].conv2d(filter: $0[1], strides: (2, 3)) }
    }

    func testConv1dMatchesHandComputedValues() {
        // Sequence 1...5; filter channel 0 is [1, 0, -1] (a difference), channel 1 is [1, 1, 1] (a sum).
        let x = Tensor(shape: [1, 5, 1], scalars: [1, 2, 3, 4, 5])
        let w = Tensor(shape: [3, 1, 2], scalars: [1, 1, 0, 1, -1, 1])
        assertTensorsClose(x.conv1d(filter: w), Tensor(shape: [1, 3, 2], scalars: [-2, 6, -2, 9, -2, 12]))
        assertTensorsClose(x.conv1d(filter: w, padding: .same),
                           Tensor(shape: [1, 5, 2], scalars: [-2, 3, -2, 6, -2, 9, -2, 12, 4, 9]))
        assertTensorsClose(x.conv1d(filter: w, stride: 2, padding: .same),
                           Tensor(shape: [1, 3, 2], scalars: [-2, 3, -2, 9, 4, 9]))
        assertTensorsClose(x.conv1d(filter: w, dilation: 2), Tensor(shape: [1, 1, 2], scalars: [-4, 9]))
    }

    func testConv1dGradients() {
        let x = randomTensor([3, 9, 2], seed: 11)
        let w = randomTensor([3, 2, 4], seed: 12)
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv1d(filter: $0[1]) }
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv1d(filter: $0[1], stride: 2, padding: .same, dilation: 1) }
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv1d(filter: $0[1], padding: .same, dilation: 3) }
    }

    func testDepthwiseConv2dMatchesHandComputedValues() {
        // Channel 0 holds 1...9 (pixel (r, c) = 3r + c + 1), channel 1 holds ones.
        let x = Tensor(shape: [1, 3, 3, 2], scalars: (0..<9).flatMap { [Float($0 + 1), 1] })
        // Channel 0: [[1, 0], [0, 1]] (a diagonal sum), channel 1: all ones.
        let w = Tensor(shape: [2, 2, 2, 1], scalars: [1, 1, 0, 1, 0, 1, 1, 1])
        assertTensorsClose(x.depthwiseConv2d(filter: w),
                           Tensor(shape: [1, 2, 2, 2], scalars: [6, 4, 8, 4, 12, 4, 14, 4]))
        // With same padding the last row and column see the padding: 1 real cell in the corner.
        let same = x.depthwiseConv2d(filter: w, padding: .same)
        XCTAssertEqual(same.shape, [1, 3, 3, 2])
        XCTAssertEqual(Array(same.scalars[16..<18]), [9, 1])
        // Multiplier 2 on a 1×1 filter: output channels (c0·1, c0·2, c1·3, c1·4).
        let pixel = Tensor(shape: [1, 1, 1, 2], scalars: [5, 7])
        let w2 = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        assertTensorsClose(pixel.depthwiseConv2d(filter: w2), Tensor(shape: [1, 1, 1, 4], scalars: [5, 10, 21, 28]))
    }

    func testDepthwiseConv2dMatchesPerChannelConv2d() {
        let x = randomTensor([2, 6, 7, 3], seed: 13)
        let w = randomTensor([3, 2, 3, 2], seed: 14)
        let result = x.depthwiseConv2d(filter: w, strides: (2, 1), padding: .same)
        for c in 0..<3 {
            // Input channel c with its two filters must give output channels 2c and 2c + 1.
            let channelFilter = Tensor(shape: [3, 2, 1, 2], scalars: lastAxisSlice(w.reshaped(to: [6, 6]), 2 * c..<2 * c + 2))
            let expected = referenceConv2d(Tensor(shape: [2, 6, 7, 1], scalars: lastAxisSlice(x, c..<c + 1)),
                                           channelFilter, strides: (2, 1), padding: .same, dilation: (1, 1))
            assertTensorsClose(Tensor(shape: expected.shape, scalars: lastAxisSlice(result, 2 * c..<2 * c + 2)),
                               expected, tolerance: 1e-5)
        }
    }

    func testDepthwiseConv2dGradients() {
        let x = randomTensor([2, 5, 6, 3], seed: 15)
        let w1 = randomTensor([3, 3, 3, 1], seed: 16)
        let w2 = randomTensor([2, 3, 3, 2], seed: 17)
        assertGradientsMatchFiniteDifferences([x, w1]) { $0[0].depthwiseConv2d(filter: $0[1], padding: .same) }
        assertGradientsMatchFiniteDifferences([x, w2]) { $0[0].depthwiseConv2d(filter: $0[1], strides: (2, 2)) }
        assertGradientsMatchFiniteDifferences([x, w2]) {
            $0[0].depthwiseConv2d(filter: $0[1], padding: .same, dilation: (2, 1))
        }
    }

    func testConv2dTransposeMatchesHandComputedValues() {
        let x = Tensor(shape: [1, 2, 2, 1], scalars: [1, 2, 3, 4])
        // Stride 2 with a 2×2 filter of ones: each input value fills its own 2×2 block.
        let ones = Tensor.ones([2, 2, 1, 1])
        assertTensorsClose(x.conv2dTranspose(filter: ones, strides: (2, 2)),
                           Tensor(shape: [1, 4, 4, 1], scalars: [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]))
        // Stride 1: each input value stamps the filter [[1, 2], [3, 4]] at its position; overlaps add.
        let w = Tensor(shape: [2, 2, 1, 1], scalars: [1, 2, 3, 4])
        assertTensorsClose(x.conv2dTranspose(filter: w),
                           Tensor(shape: [1, 3, 3, 1], scalars: [1, 4, 4, 6, 20, 16, 9, 24, 16]))
        // Same padding, stride 2, kernel 3 along a row [1, 2]: length 4, stamps at 0 and 2, the
        // stamp's last tap cut off.
        let row = Tensor(shape: [1, 1, 2, 1], scalars: [1, 2])
        let taps = Tensor(shape: [1, 3, 1, 1], scalars: [1, 2, 3])
        assertTensorsClose(row.conv2dTranspose(filter: taps, strides: (1, 2), padding: .same),
                           Tensor(shape: [1, 1, 4, 1], scalars: [1, 2, 5, 4]))
        // Valid with output padding 1: length (2 - 1) * 2 + 3 + 1 = 6, the extra cell untouched.
        assertTensorsClose(row.conv2dTranspose(filter: taps, strides: (1, 2), outputPadding: (0, 1)),
                           Tensor(shape: [1, 1, 6, 1], scalars: [1, 2, 5, 4, 6, 0]))
        // Channels: filter [kh, kw, Cout = 2, Cin = 1].
        let split = Tensor(shape: [1, 1, 2, 1], scalars: [1, -1])
        assertTensorsClose(Tensor(shape: [1, 1, 1, 1], scalars: [3]).conv2dTranspose(filter: split),
                           Tensor(shape: [1, 1, 1, 2], scalars: [3, -3]))
    }

    func testConv2dTransposeIsTheAdjointOfConv2d() {
        // <conv2d(y, W), x> = <y, conv2dTranspose(x, W)> for every shape conv2d maps back.
        let cases: [(input: [Int], strides: (Int, Int), padding: Padding, outputPadding: (Int, Int)?, dilation: (Int, Int))] = [
            ([2, 3, 4, 3], (1, 1), .valid, nil, (1, 1)),
            ([2, 3, 4, 3], (2, 3), .same, nil, (1, 1)),
            ([2, 3, 4, 3], (2, 2), .valid, (1, 0), (1, 1)),
            ([2, 3, 2, 3], (2, 2), .same, (0, 1), (1, 1)),
            ([1, 4, 3, 3], (1, 1), .same, nil, (2, 2)),
        ]
        let w = randomTensor([3, 2, 5, 3], seed: 18)
        for (index, c) in cases.enumerated() {
            let x = randomTensor(c.input, seed: UInt64(20 + index))
            let transposed = x.conv2dTranspose(filter: w, strides: c.strides, padding: c.padding,
                                               outputPadding: c.outputPadding, dilation: c.dilation)
            let y = randomTensor(transposed.shape, seed: UInt64(40 + index))
            let forward = y.conv2d(filter: w, strides: c.strides, padding: c.padding, dilation: c.dilation)
            XCTAssertEqual(forward.shape, x.shape, "case \(index)")
            XCTAssertEqual((forward * x).sum().scalar, (y * transposed).sum().scalar, accuracy: 1e-3, "case \(index)")
        }
    }

    func testConv2dTransposeGradients() {
        let x = randomTensor([2, 3, 4, 3], seed: 19)
        let w = randomTensor([3, 2, 2, 3], seed: 20)
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv2dTranspose(filter: $0[1]) }
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv2dTranspose(filter: $0[1], strides: (2, 2), padding: .same) }
        assertGradientsMatchFiniteDifferences([x, w]) {
            $0[0].conv2dTranspose(filter: $0[1], strides: (2, 3), outputPadding: (1, 2))
        }
        assertGradientsMatchFiniteDifferences([x, w]) { $0[0].conv2dTranspose(filter: $0[1], padding: .same, dilation: (2, 1)) }
    }

    func testEmptyBatchGivesEmptyOutputsAndZeroFilterGradients() {
        let x = Tensor.zeros([0, 5, 5, 3])
        let w = randomTensor([3, 3, 3, 4], seed: 50)
        for filter in [w, randomTensor([1, 1, 3, 4], seed: 51)] {
            let (value, grads) = valueWithGradient(at: [x, filter]) { $0[0].conv2d(filter: $0[1], padding: .same).sum() }
            XCTAssertEqual(value.scalar, 0)
            XCTAssertEqual(grads[0].shape, [0, 5, 5, 3])
            XCTAssertEqual(grads[1], Tensor.zeros(filter.shape))
        }
        XCTAssertEqual(x.maxPool2d(poolSize: (2, 2)).shape, [0, 2, 2, 3])
        XCTAssertEqual(x.depthwiseConv2d(filter: randomTensor([3, 3, 3, 2], seed: 52)).shape, [0, 3, 3, 6])
    }

    func testOutputShapeValidators() throws {
        XCTAssertEqual(try Tensor.conv2dOutputShape(input: [8, 28, 28, 1], filter: [3, 3, 1, 32]), [8, 26, 26, 32])
        XCTAssertEqual(try Tensor.conv2dOutputShape(input: [8, 28, 27, 1], filter: [3, 3, 1, 32], strides: (2, 2),
                                                    padding: .same), [8, 14, 14, 32])
        XCTAssertEqual(try Tensor.conv2dOutputShape(input: [1, 10, 10, 2], filter: [3, 3, 2, 4], dilation: (2, 3)),
                       [1, 6, 4, 4])
        XCTAssertEqual(try Tensor.conv1dOutputShape(input: [4, 100, 8], filter: [5, 8, 16], stride: 3), [4, 32, 16])
        XCTAssertEqual(try Tensor.depthwiseConv2dOutputShape(input: [2, 9, 9, 3], filter: [3, 3, 3, 2], strides: (2, 2),
                                                             padding: .same), [2, 5, 5, 6])
        XCTAssertEqual(try Tensor.conv2dTransposeOutputShape(input: [2, 7, 7, 8], filter: [3, 3, 4, 8], strides: (2, 2)),
                       [2, 15, 15, 4])
        XCTAssertEqual(try Tensor.conv2dTransposeOutputShape(input: [2, 7, 7, 8], filter: [1, 1, 4, 8], strides: (2, 2)),
                       [2, 14, 14, 4])
        XCTAssertEqual(try Tensor.conv2dTransposeOutputShape(input: [2, 7, 7, 8], filter: [3, 3, 4, 8], strides: (2, 2),
                                                             padding: .same), [2, 14, 14, 4])
        XCTAssertEqual(try Tensor.conv2dTransposeOutputShape(input: [2, 7, 7, 8], filter: [3, 3, 4, 8], strides: (2, 2),
                                                             padding: .same, outputPadding: (0, 1)), [2, 13, 14, 4])

        XCTAssertThrowsError(try Tensor.conv2dOutputShape(input: [1, 28, 28, 3], filter: [3, 3, 1, 8])) { error in
            XCTAssertEqual(error as? ShapeError, ShapeError(op: "conv2d",
                "filter [3, 3, 1, 8] expects 1 input channels, got input [1, 28, 28, 3] with 3"))
        }
        XCTAssertThrowsError(try Tensor.conv2dOutputShape(input: [1, 4, 4, 1], filter: [3, 3, 1, 1], dilation: (2, 2))) {
            XCTAssertEqual(($0 as? ShapeError)?.description,
                           "conv2d: valid padding needs an input height of at least 5 (kernel 3, dilation 2), got 4")
        }
        XCTAssertThrowsError(try Tensor.conv2dOutputShape(input: [28, 28, 1], filter: [3, 3, 1, 1])) {
            XCTAssertEqual(($0 as? ShapeError)?.op, "conv2d")
        }
        XCTAssertThrowsError(try Tensor.conv2dOutputShape(input: [1, 8, 8, 1], filter: [3, 3, 1, 1], strides: (0, 1)))
        XCTAssertThrowsError(try Tensor.conv1dOutputShape(input: [1, 2, 8], filter: [3, 8, 4])) {
            XCTAssertEqual(($0 as? ShapeError)?.description,
                           "conv1d: valid padding needs an input length of at least 3 (kernel 3, dilation 1), got 2")
        }
        XCTAssertThrowsError(try Tensor.depthwiseConv2dOutputShape(input: [1, 8, 8, 3], filter: [3, 3, 4, 1])) {
            XCTAssertEqual(($0 as? ShapeError)?.op, "depthwiseConv2d")
        }
        XCTAssertThrowsError(try Tensor.conv2dTransposeOutputShape(input: [1, 4, 4, 8], filter: [3, 3, 8, 4])) {
            XCTAssertEqual(($0 as? ShapeError)?.op, "conv2dTranspose")
        }
        XCTAssertThrowsError(try Tensor.conv2dTransposeOutputShape(input: [1, 4, 4, 8], filter: [3, 3, 4, 8],
                                                                   strides: (2, 2), outputPadding: (2, 0))) {
            XCTAssertEqual(($0 as? ShapeError)?.description,
                           "conv2dTranspose: expected output padding at least 0 and below the strides (2, 2), got (2, 0)")
        }
    }

    // MARK: References

    /// Direct nested loops for conv2d with TensorFlow's padding rule, written independently of the kernels.
    private func referenceConv2d(_ x: Tensor, _ w: Tensor, strides: (Int, Int), padding: Padding,
                                 dilation: (Int, Int)) -> Tensor {
        let (n, h, wd, cin) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, cout) = (w.shape[0], w.shape[1], w.shape[3])
        func axis(_ input: Int, _ k: Int, _ s: Int, _ d: Int) -> (output: Int, pad: Int) {
            let span = (k - 1) * d + 1
            if padding == .valid { return ((input - span) / s + 1, 0) }
            let output = (input + s - 1) / s
            return (output, max((output - 1) * s + span - input, 0) / 2)
        }
        let (ho, padTop) = axis(h, kh, strides.0, dilation.0)
        let (wo, padLeft) = axis(wd, kw, strides.1, dilation.1)
        let xs = x.scalars, ws = w.scalars
        var out = [Float](repeating: 0, count: n * ho * wo * cout)
        for b in 0..<n { for oy in 0..<ho { for ox in 0..<wo { for f in 0..<cout {
            var sum: Float = 0
            for ky in 0..<kh { for kx in 0..<kw {
                let iy = oy * strides.0 - padTop + ky * dilation.0, ix = ox * strides.1 - padLeft + kx * dilation.1
                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                for c in 0..<cin {
                    sum += xs[((b * h + iy) * wd + ix) * cin + c] * ws[((ky * kw + kx) * cin + c) * cout + f]
                }
            } }
            out[((b * ho + oy) * wo + ox) * cout + f] = sum
        } } } }
        return Tensor(shape: [n, ho, wo, cout], scalars: out)
    }

    /// The scalars of `range` along the last axis, row-major.
    private func lastAxisSlice(_ x: Tensor, _ range: Range<Int>) -> [Float] {
        let last = x.shape[x.rank - 1], scalars = x.scalars
        var slice: [Float] = []
        for start in stride(from: 0, to: x.count, by: last) {
            slice.append(contentsOf: scalars[(start + range.lowerBound)..<(start + range.upperBound)])
        }
        return slice
    }
}

/// `body` run on `threads` threads with work split into the smallest chunks, then the settings restored.
func withThreads<T>(_ threads: Int, _ body: () -> T) -> T {
    let (savedThreads, savedMinimum) = (Parallelism.threadCount, Parallelism.minimumParallelElements)
    Parallelism.threadCount = threads
    Parallelism.minimumParallelElements = 4
    defer {
        Parallelism.threadCount = savedThreads
        Parallelism.minimumParallelElements = savedMinimum
    }
    return body()
}

/// The filter gradient as the defining sum: every output gradient times the input value each
/// tap read, padding reading zero.
private func referenceFilterGradient(_ x: Tensor, _ dy: Tensor, _ filterShape: [Int], _ g: ConvGeometry) -> Tensor {
    var sums = [Float](repeating: 0, count: filterShape.reduce(1, *))
    let (kh, kw, cin, cout) = (filterShape[0], filterShape[1], filterShape[2], filterShape[3])
    for n in 0..<g.batch {
        for oy in 0..<g.rows.output {
            for ox in 0..<g.columns.output {
                for ky in 0..<kh {
                    for kx in 0..<kw {
                        let iy = g.rows.firstInput(ofOutput: oy) + ky, ix = g.columns.firstInput(ofOutput: ox) + kx
                        guard (0..<g.rows.input).contains(iy), (0..<g.columns.input).contains(ix) else { continue }
                        for ci in 0..<cin {
                            for co in 0..<cout {
                                sums[((ky * kw + kx) * cin + ci) * cout + co] += x[index: [n, iy, ix, ci]] * dy[index: [n, oy, ox, co]]
                            }
                        }
                    }
                }
            }
        }
    }
    return Tensor(shape: filterShape, scalars: sums)
}
