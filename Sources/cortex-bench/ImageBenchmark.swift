import ArgumentParser
import Cortex
import CortexData
import Foundation

/// The image path: the affine resampling kernel on ImageNet-sized batches, one augmented epoch
/// of `ImageDataGenerator.flow` on CIFAR-sized images, and the PNG and JPEG decoders. The same
/// workloads in Keras and scipy are timed by scripts/image_benchmark_reference.py.
struct ImageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Time image resampling, an augmented ImageDataGenerator epoch and the PNG/JPEG decoders."
    )

    @Flag(help: "Print one JSON object with every number as the last line.")
    var json = false

    @Option(help: "Timed runs per measurement; the median is reported.")
    var repetitions = 5

    struct Row: Encodable {
        let workload: String
        let milliseconds: Double
        let imagesPerSecond: Double
    }

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
    }

    func run() throws {
        Random.seed(1)
        let large = Tensor.randomUniform([64, 224, 224, 3], upper: 255)
        let turns = (0..<64).map { AffineTransform.rotation(radians: Double($0) * 0.01).centered(height: 224, width: 224) }
        let cifar = Tensor.randomUniform([1024, 32, 32, 3], upper: 255)
        let labels = Tensor((0..<1024).map { Float($0 % 10) })
        let generator = try ImageDataGenerator(rotationRange: 15, widthShiftRange: 0.1, heightShiftRange: 0.1,
                                               zoomRange: 0.1, horizontalFlip: true, rescale: 1 / 255)
        let flow = try generator.flow(cifar, labels, batchSize: 64, seed: 1)
        let photo = Tensor(shape: [256, 256, 3], scalars: (0..<(256 * 256 * 3)).map(Self.photoValue))
        let png = try ImageCodec.encode(photo, format: .png), jpeg = try ImageCodec.encode(photo, format: .jpeg(quality: 90))

        let workloads: [(name: String, images: Int, run: () -> Double)] = [
            ("affine 64 x 224x224x3, bilinear, reflect", 64, {
                Timing.seconds { blackHole(large.affineTransformed(turns, fillMode: .reflect)) }
            }),
            ("affine 64 x 224x224x3, nearest", 64, {
                Timing.seconds { blackHole(large.affineTransformed(turns, interpolation: .nearest, fillMode: .nearest)) }
            }),
            ("flow epoch 1024 x 32x32x3 (rotate, shift, zoom, flip, rescale)", 1024, {
                Timing.seconds { for batch in flow { blackHole(batch) } }
            }),
            ("decode PNG 256x256 RGB", 1, {
                Timing.seconds(iterations: 20) { blackHole(try? ImageCodec.decode(png)) }
            }),
            ("decode JPEG 256x256 RGB", 1, {
                Timing.seconds(iterations: 20) { blackHole(try? ImageCodec.decode(jpeg)) }
            }),
        ]
        print("cortex-bench images: \(Parallelism.threadCount) threads, median of \(repetitions) runs\n")
        let seconds = Sampling(warmup: 1, repetitions: repetitions).medians(workloads.map(\.run))
        let rows = zip(workloads, seconds).map { workload, time in
            Row(workload: workload.name, milliseconds: rounded(time * 1e3, digits: 2),
                imagesPerSecond: rounded(Double(workload.images) / time, digits: 0))
        }
        var table = ResultTable("images (median)", columns: ["workload", "ms", "images/s"])
        for row in rows {
            table.add([row.workload, formatted(row.milliseconds, digits: 2), formatted(row.imagesPerSecond, digits: 0)])
        }
        print(table.rendered)
        if json { print(try jsonLine(rows)) }
    }

    /// A smooth colour ramp, so the PNG and JPEG are about as compressible as a photograph's sky.
    private static func photoValue(_ index: Int) -> Float {
        let (x, y, channel) = (index / 3 % 256, index / 768, index % 3)
        return Float((x + y + channel * 40) % 256)
    }
}
