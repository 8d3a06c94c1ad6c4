import XCTest
@testable import Cortex
import CortexTestSupport

final class PoolingTests: XCTestCase {
    func testPool2dMatchesHandComputedValues() {
        let x = Tensor.arange(1, 17).reshaped(to: [1, 4, 4, 1])
        assertTensorsClose(x.maxPool2d(poolSize: (2, 2)), Tensor(shape: [1, 2, 2, 1], scalars: [6, 8, 14, 16]))
        assertTensorsClose(x.avgPool2d(poolSize: (2, 2)), Tensor(shape: [1, 2, 2, 1], scalars: [3.5, 5.5, 11.5, 13.5]))
        // Overlapping 3×3 windows, stride 1.
        assertTensorsClose(x.maxPool2d(poolSize: (3, 3), strides: (1, 1)),
                           Tensor(shape: [1, 2, 2, 1], scalars: [11, 12, 15, 16]))
        // 3×3 input, same padding, pool 2 stride 2: one padding cell at the end; averages count real cells only.
        let y = Tensor.arange(1, 10).reshaped(to: [1, 3, 3, 1])
        assertTensorsClose(y.maxPool2d(poolSize: (2, 2), padding: .same), Tensor(shape: [1, 2, 2, 1], scalars: [5, 6, 8, 9]))
        assertTensorsClose(y.avgPool2d(poolSize: (2, 2), padding: .same),
                           Tensor(shape: [1, 2, 2, 1], scalars: [3, 4.5, 7.5, 9]))
        // Negative values must not lose to the padding's zeros.
        assertTensorsClose((-y).maxPool2d(poolSize: (2, 2), padding: .same),
                           Tensor(shape: [1, 2, 2, 1], scalars: [-1, -3, -7, -9]))
        // Same padding, pool 3 stride 1: a cell of padding on each side.
        assertTensorsClose(y.avgPool2d(poolSize: (3, 3), strides: (1, 1), padding: .same),
                           Tensor(shape: [1, 3, 3, 1], scalars: [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7]))
    }

    func testPoolingKeepsChannelsAndImagesApart() {
        // Two images, two channels: channel 1 is the negated channel 0 of the other image.
        let x = Tensor(shape: [2, 2, 2, 2], scalars: [1, -5, 2, -6, 3, -7, 4, -8, 5, -1, 6, -2, 7, -3, 8, -4])
        assertTensorsClose(x.maxPool2d(poolSize: (2, 2)), Tensor(shape: [2, 1, 1, 2], scalars: [4, -5, 8, -1]))
        assertTensorsClose(x.avgPool2d(poolSize: (1, 2)),
                           Tensor(shape: [2, 2, 1, 2], scalars: [1.5, -5.5, 3.5, -7.5, 5.5, -1.5, 7.5, -3.5]))
    }

    func testPool1dMatchesHandComputedValues() {
        let x = Tensor(shape: [1, 5, 1], scalars: [1, 3, 2, 5, 4])
        assertTensorsClose(x.maxPool1d(poolSize: 2), Tensor(shape: [1, 2, 1], scalars: [3, 5]))
        assertTensorsClose(x.maxPool1d(poolSize: 2, padding: .same), Tensor(shape: [1, 3, 1], scalars: [3, 5, 4]))
        assertTensorsClose(x.avgPool1d(poolSize: 2, padding: .same), Tensor(shape: [1, 3, 1], scalars: [2, 3.5, 4]))
        assertTensorsClose(x.avgPool1d(poolSize: 3, stride: 1), Tensor(shape: [1, 3, 1], scalars: [2, 10.0 / 3, 11.0 / 3]))
    }

    func testMaxPoolGradientGoesToTheFirstMaximumOfEachWindow() {
        // Window 1 holds a tie (7 at positions 0 and 3); overlapping windows (pool 2, stride 1)
        // that share a maximum both send their gradient to it.
        let x = Tensor(shape: [1, 2, 3, 1], scalars: [7, 1, 2, 0, 7, 9])
        let grad = gradient(at: x) { $0.maxPool2d(poolSize: (2, 2), strides: (1, 1)).sum() }
        XCTAssertEqual(grad.scalars, [1, 0, 0, 0, 0, 1])
        let shared = Tensor(shape: [1, 4, 1], scalars: [1, 5, 2, 0])
        XCTAssertEqual(gradient(at: shared) { $0.maxPool1d(poolSize: 2, stride: 1).sum() }.scalars, [0, 2, 1, 0])
    }

    func testPoolingGradients() {
        // Well-separated values, so a finite-difference step never changes which cell is largest.
        let x = distinctValues([2, 5, 7, 3], seed: 1)
        assertGradientsMatchFiniteDifferences([x]) { $0[0].maxPool2d(poolSize: (2, 2)) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].maxPool2d(poolSize: (3, 2), strides: (2, 1), padding: .same) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].avgPool2d(poolSize: (2, 3)) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].avgPool2d(poolSize: (3, 3), strides: (2, 2), padding: .same) }
        let sequence = distinctValues([3, 9, 2], seed: 2)
        assertGradientsMatchFiniteDifferences([sequence]) { $0[0].maxPool1d(poolSize: 3, stride: 2, padding: .same) }
        assertGradientsMatchFiniteDifferences([sequence]) { $0[0].avgPool1d(poolSize: 2, padding: .same) }
    }

    /// Non-overlapping windows write their cells instead of adding into cleared memory: every
    /// cell must still get its gradient or a zero, whether the windows tile the input (valid or
    /// same padding), leave its last row and column out, or leave gaps between them (stride
    /// above the pool size). The buffers are reused dirty first, so a cell left unwritten shows.
    func testMaxPoolGradientOfNonOverlappingWindowsWritesEveryCell() {
        let cases: [([Int], (Int, Int), (Int, Int), Padding)] = [
            ([2, 6, 8, 3], (2, 2), (2, 2), .valid), ([2, 5, 7, 3], (2, 2), (2, 2), .valid),
            ([1, 7, 8, 2], (2, 2), (3, 3), .valid), ([1, 5, 5, 2], (2, 2), (2, 2), .same),
        ]
        for (index, (shape, poolSize, strides, padding)) in cases.enumerated() {
            let x = distinctValues(shape, seed: UInt64(10 + index))
            _ = [Tensor(repeating: .nan, shape: shape), Tensor(repeating: .nan, shape: shape)]
            let grad = gradient(at: x) { $0.maxPool2d(poolSize: poolSize, strides: strides, padding: padding).sum() }
            // Each window's maximum gets 1: distinct values make it unique.
            var expected = [Float](repeating: 0, count: x.count)
            let (height, width, channels) = (shape[1], shape[2], shape[3])
            let padTop = padding == .same ? max(0, ((height + strides.0 - 1) / strides.0 - 1) * strides.0 + poolSize.0 - height) / 2 : 0
            let padLeft = padding == .same ? max(0, ((width + strides.1 - 1) / strides.1 - 1) * strides.1 + poolSize.1 - width) / 2 : 0
            let pooled = x.maxPool2d(poolSize: poolSize, strides: strides, padding: padding)
            for n in 0..<shape[0] {
                for oy in 0..<pooled.shape[1] {
                    for ox in 0..<pooled.shape[2] {
                        for c in 0..<channels {
                            var best = (value: -Float.infinity, offset: 0)
                            for ky in 0..<poolSize.0 {
                                for kx in 0..<poolSize.1 {
                                    let iy = oy * strides.0 - padTop + ky, ix = ox * strides.1 - padLeft + kx
                                    guard (0..<height).contains(iy), (0..<width).contains(ix) else { continue }
                                    let offset = ((n * height + iy) * width + ix) * channels + c
                                    if x.scalars[offset] > best.value { best = (x.scalars[offset], offset) }
                                }
                            }
                            expected[best.offset] += 1
                        }
                    }
                }
            }
            XCTAssertEqual(grad.scalars, expected, "case \(index)")
        }
    }

    func testPoolingOnLargeBatchesMatchesReductions() {
        // Large enough to run on several threads; non-overlapping 2×2 pools are reductions over
        // the two in-window axes of a reshaped tensor.
        let x = distinctValues([8, 32, 30, 16], seed: 3)
        let blocks = { (t: Tensor) in t.reshaped(to: [8, 16, 2, 15, 2, 16]) }
        let (maxValue, maxGrad) = valueWithGradient(at: [x]) { ($0[0].maxPool2d(poolSize: (2, 2)).square()).sum() }
        let (refValue, refGrad) = valueWithGradient(at: [x]) { (blocks($0[0]).max(axes: [2, 4]).square()).sum() }
        XCTAssertEqual(maxValue.scalar, refValue.scalar, accuracy: abs(refValue.scalar) * 1e-5)
        assertTensorsClose(maxGrad[0], refGrad[0])
        let (avgValue, avgGrad) = valueWithGradient(at: [x]) { ($0[0].avgPool2d(poolSize: (2, 2)).square()).sum() }
        let (refAvg, refAvgGrad) = valueWithGradient(at: [x]) { (blocks($0[0]).mean(axes: [2, 4]).square()).sum() }
        XCTAssertEqual(avgValue.scalar, refAvg.scalar, accuracy: abs(refAvg.scalar) * 1e-5)
        assertTensorsClose(avgGrad[0], refAvgGrad[0], tolerance: 1e-4)
        // Overlapping windows take the per-image path of the max-pool gradient.
        let overlapping = gradient(at: x) { $0.maxPool2d(poolSize: (3, 3), strides: (2, 2), padding: .same).sum() }
        XCTAssertEqual(overlapping.sum().scalar, Float(8 * 16 * 15 * 16))
    }

    func testPoolingGivesTheSameResultsOnOneThreadAndOnManySmallChunks() {
        let x = distinctValues([3, 9, 7, 2], seed: 4)
        let ops: [(Tensor) -> Tensor] = [
            { $0.maxPool2d(poolSize: (2, 2), padding: .same) },
            { $0.maxPool2d(poolSize: (3, 3), strides: (2, 1), padding: .same) },
            { $0.avgPool2d(poolSize: (3, 2), strides: (2, 2), padding: .same) },
            { $0.upsampled2d(size: (2, 3)) },
        ]
        for op in ops {
            let serial = withThreads(1) { valueWithGradient(at: [x]) { op($0[0]).square().sum() } }
            let parallel = withThreads(3) { valueWithGradient(at: [x]) { op($0[0]).square().sum() } }
            XCTAssertEqual(parallel.value.scalar, serial.value.scalar, accuracy: 1e-2)
            assertTensorsClose(parallel.gradients[0], serial.gradients[0], tolerance: 1e-4)
        }
    }

    func testPoolOutputShapeValidators() throws {
        XCTAssertEqual(try Tensor.pool2dOutputShape(input: [4, 28, 28, 8], poolSize: (2, 2)), [4, 14, 14, 8])
        XCTAssertEqual(try Tensor.pool2dOutputShape(input: [4, 7, 5, 8], poolSize: (2, 2), padding: .same), [4, 4, 3, 8])
        XCTAssertEqual(try Tensor.pool2dOutputShape(input: [4, 7, 5, 8], poolSize: (3, 3), strides: (1, 2)), [4, 5, 2, 8])
        XCTAssertEqual(try Tensor.pool1dOutputShape(input: [2, 11, 3], poolSize: 3, stride: 2), [2, 5, 3])
        XCTAssertThrowsError(try Tensor.pool2dOutputShape(input: [4, 1, 5, 8], poolSize: (2, 2), op: "max_pooling2d")) {
            XCTAssertEqual(($0 as? ShapeError)?.description,
                           "max_pooling2d: valid padding needs an input height of at least 2 (kernel 2, dilation 1), got 1")
        }
        XCTAssertThrowsError(try Tensor.pool1dOutputShape(input: [4, 5, 1, 8], poolSize: 2)) {
            XCTAssertEqual(($0 as? ShapeError)?.description,
                           "pool1d: expected an input of rank 3 [batch, length, channels], got [4, 5, 1, 8]")
        }
    }

    /// A random permutation of 0, 0.1, 0.2, ... in `shape`: no two values closer than 0.1.
    private func distinctValues(_ shape: [Int], seed: UInt64) -> Tensor {
        let count = shape.reduce(1, *)
        var generator = RandomGenerator(seed: seed)
        var values = (0..<count).map { Float($0) * 0.1 }
        for i in stride(from: count - 1, to: 0, by: -1) { values.swapAt(i, generator.nextInt(below: i + 1)) }
        return Tensor(shape: shape, scalars: values)
    }
}
