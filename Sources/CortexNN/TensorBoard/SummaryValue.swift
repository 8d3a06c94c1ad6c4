import Foundation

/// One value of a TensorBoard `Summary`, and the `Event` records that carry them, encoded as
/// TensorBoard's protos (tensorflow/core/util/event.proto, framework/summary.proto).
enum SummaryValue {
    case scalar(Float)
    case histogram(Histogram)
    /// An image as PNG bytes, with its size and channel count (1 grey, 2 grey-alpha, 3 RGB, 4 RGBA).
    case image(width: Int, height: Int, channels: Int, png: Data)

    /// `Summary.Value`: the tag (1) and one of simple_value (2), image (4) or histo (5).
    func encoded(tag: String) -> ProtobufWriter {
        var value = ProtobufWriter()
        value.string(1, tag)
        switch self {
        case .scalar(let number):
            value.float(2, number)
        case .image(let width, let height, let channels, let png):
            var image = ProtobufWriter()
            image.int64(1, height)
            image.int64(2, width)
            image.int64(3, channels)
            image.bytes(4, png)
            value.message(4, image)
        case .histogram(let histogram):
            var proto = ProtobufWriter()
            proto.double(1, histogram.min)
            proto.double(2, histogram.max)
            proto.double(3, Double(histogram.count))
            proto.double(4, histogram.sum)
            proto.double(5, histogram.sumOfSquares)
            proto.packedDoubles(6, histogram.bucketLimits)
            proto.packedDoubles(7, histogram.bucketCounts)
            value.message(5, proto)
        }
        return value
    }

    /// An `Event` with its wall time (1), step (2) and a `Summary` (5) of `values`.
    static func event(wallTime: Double, step: Int, values: [(tag: String, value: SummaryValue)]) -> [UInt8] {
        var summary = ProtobufWriter()
        for (tag, value) in values { summary.message(1, value.encoded(tag: tag)) }
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.int64(2, step)
        event.message(5, summary)
        return event.bytes
    }

    /// The first `Event` of every file: the file version (3) that readers check.
    static func fileVersionEvent(wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.string(3, "brain.Event:2")
        return event.bytes
    }
}

/// A histogram of values in equal-width buckets, as `HistogramProto` stores it: the right edge
/// of each bucket and its count (the first bucket starts at `min`).
struct Histogram {
    let min: Double, max: Double, count: Int, sum: Double, sumOfSquares: Double
    let bucketLimits: [Double], bucketCounts: [Double]

    /// `buckets` equal-width buckets from the smallest to the largest value (one bucket when all
    /// values are equal), as `tf.summary.histogram` (30 buckets by default). NaN and infinite
    /// values are left out.
    init(_ all: [Float], buckets: Int = 30) {
        precondition(buckets > 0, "Histogram: buckets must be positive, got \(buckets)")
        let values = all.filter(\.isFinite)
        var low = Double.infinity, high = -Double.infinity, sum = 0.0, squares = 0.0
        for value in values {
            let x = Double(value)
            low = Swift.min(low, x)
            high = Swift.max(high, x)
            sum += x
            squares += x * x
        }
        if values.isEmpty { (low, high) = (0, 0) }
        min = low
        max = high
        count = values.count
        self.sum = sum
        sumOfSquares = squares
        guard high > low else {
            bucketLimits = [high]
            bucketCounts = [Double(values.count)]
            return
        }
        let width = (high - low) / Double(buckets)
        var counts = [Double](repeating: 0, count: buckets)
        for value in values {
            counts[Swift.min(buckets - 1, Int((Double(value) - low) / width))] += 1
        }
        bucketLimits = (1...buckets).map { $0 == buckets ? high : low + width * Double($0) }
        bucketCounts = counts
    }
}
