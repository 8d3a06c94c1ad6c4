import Cortex
import CortexData
import Foundation

/// Writes TensorBoard event files (scalars, histograms, images) to a log directory, for custom
/// training loops; the `TensorBoard` callback uses one per run (`train`, `validation`).
///
/// Records go to `logDir/events.out.tfevents.<unix time>.<host>.<pid>.<n>` in TFRecord framing,
/// the format `tensorboard --logdir` reads. Values are buffered until `flush()` (or `close()`),
/// so logging inside a training step costs no file access.
public final class SummaryWriter {
    /// The directory the event file is in.
    public let logDir: URL
    /// The event file being written.
    public let fileURL: URL
    private var handle: FileHandle?
    private var pending: [UInt8] = []
    private static let counter = Counter()

    /// Creates `logDir` when needed and starts a new event file there.
    public init(logDir: String) throws {
        self.logDir = URL(fileURLWithPath: logDir, isDirectory: true)
        let time = Int(Date().timeIntervalSince1970)
        let host = ProcessInfo.processInfo.hostName
        let name = "events.out.tfevents.\(time).\(host).\(ProcessInfo.processInfo.processIdentifier).\(SummaryWriter.counter.next())"
        fileURL = self.logDir.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: self.logDir, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: fileURL.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            handle = try FileHandle(forWritingTo: fileURL)
        } catch {
            throw ModelError.invalidArgument(name: "logDir", reason: "cannot write an event file in '\(logDir)': \(error.localizedDescription)")
        }
        append(SummaryValue.fileVersionEvent(wallTime: Date().timeIntervalSince1970))
        try flush()
    }

    deinit { try? close() }

    /// Logs a number under `tag` at `step` (an epoch or a batch count).
    public func scalar(_ tag: String, value: Float, step: Int) {
        write(tag, .scalar(value), step: step)
    }

    /// Logs the distribution of `values` (any shape) in `buckets` equal-width buckets.
    public func histogram(_ tag: String, values: Tensor, step: Int, buckets: Int = 30) {
        write(tag, .histogram(Histogram(values.scalars, buckets: buckets)), step: step)
    }

    /// Logs an image `[height, width, channels]`, or the first `maxOutputs` images of a batch
    /// `[n, height, width, channels]` (tagged `tag/0`, `tag/1`, ...), with 1 (grey), 3 (RGB) or
    /// 4 (RGBA) channels of values in 0...1 (clipped).
    public func image(_ tag: String, tensor: Tensor, step: Int, maxOutputs: Int = 3) throws {
        guard tensor.rank == 3 || tensor.rank == 4, [1, 3, 4].contains(tensor.shape.last ?? 0), !tensor.shape.contains(0) else {
            throw ModelError.invalidArgument(name: "image(tensor:)", reason: "expected [height, width, channels] or [n, height, width, channels] with 1, 3 or 4 channels, got shape \(tensor.shape)")
        }
        let batch = tensor.rank == 4 ? tensor : tensor.expandingDims(at: 0)
        let (height, width, channels) = (batch.shape[1], batch.shape[2], batch.shape[3])
        let size = height * width * channels
        let count = Swift.min(batch.shape[0], maxOutputs)
        let bytes = batch.scalars
        for index in 0..<count {
            // TensorFlow's float-to-uint8 conversion: scale by 255.5, then saturate.
            let pixels = bytes[(index * size)..<((index + 1) * size)].map { UInt8(Swift.min(255, Swift.max(0, $0 * 255.5)).rounded(.towardZero)) }
            let png = try ImageCodec.encode(pixels: pixels, width: width, height: height, channels: channels, format: .png)
            let name = batch.shape[0] > 1 ? "\(tag)/\(index)" : tag
            write(name, .image(width: width, height: height, channels: channels, png: png), step: step)
        }
    }

    /// Writes the buffered records to the file.
    public func flush() throws {
        guard !pending.isEmpty, let handle else { return }
        try handle.write(contentsOf: Data(pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; later values are dropped.
    public func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    private func write(_ tag: String, _ value: SummaryValue, step: Int) {
        guard handle != nil else { return }
        append(SummaryValue.event(wallTime: Date().timeIntervalSince1970, step: step, values: [(tag, value)]))
    }

    /// TFRecord framing: length (uint64 little-endian), its masked CRC-32C, the data, the
    /// data's masked CRC-32C.
    private func append(_ record: [UInt8]) {
        let length = withUnsafeBytes(of: UInt64(record.count).littleEndian) { Array($0) }
        pending += length
        withUnsafeBytes(of: CRC32C.masked(length).littleEndian) { pending += $0 }
        pending += record
        withUnsafeBytes(of: CRC32C.masked(record).littleEndian) { pending += $0 }
    }

    /// Numbers the files of this process, so that writers opened in the same second differ.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}
