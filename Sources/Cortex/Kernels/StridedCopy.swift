/// A copy between two strided views of the same shape: the one kernel behind slicing, flipping,
/// slice assignment, constant padding and concatenation.
///
/// Each side is a start offset plus one stride per axis (negative to walk backwards, 0 to
/// repeat). Unit axes are dropped and neighbouring axes that both sides walk contiguously are
/// merged, so the copy becomes an odometer over rows with one inner run per row; a run that is
/// contiguous on both sides moves with a single `update(from:count:)`.
struct StridedCopy {
    private let outerShape: [Int]
    private let outerSourceStrides: [Int]
    private let outerDestinationStrides: [Int]
    private let inner: Int
    private let innerSourceStride: Int
    private let innerDestinationStride: Int
    private let sourceOffset: Int
    private let destinationOffset: Int
    private let isEmpty: Bool

    init(shape: [Int], sourceStrides: [Int], sourceOffset: Int = 0,
         destinationStrides: [Int], destinationOffset: Int = 0) {
        self.sourceOffset = sourceOffset
        self.destinationOffset = destinationOffset
        isEmpty = shape.contains(0)
        var dims: [Int] = [], source: [Int] = [], destination: [Int] = []
        for axis in shape.indices where shape[axis] != 1 {
            if let last = dims.last,
               source.last! == sourceStrides[axis] * shape[axis],
               destination.last! == destinationStrides[axis] * shape[axis] {
                dims[dims.count - 1] = last * shape[axis]
                source[source.count - 1] = sourceStrides[axis]
                destination[destination.count - 1] = destinationStrides[axis]
            } else {
                dims.append(shape[axis]); source.append(sourceStrides[axis]); destination.append(destinationStrides[axis])
            }
        }
        inner = dims.popLast() ?? 1
        innerSourceStride = source.popLast() ?? 0
        innerDestinationStride = destination.popLast() ?? 0
        outerShape = dims
        outerSourceStrides = source
        outerDestinationStrides = destination
    }

    /// Row-major strides of a contiguous tensor of `shape`.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        return strides
    }

    /// Copies every element of the source view to the same position of the destination view.
    func run(from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
        guard !isEmpty else { return }
        let rows = outerShape.reduce(1, *)
        let inner = inner, sourceStride = innerSourceStride, destinationStride = innerDestinationStride
        Parallelism.forEachChunk(rows, costPerItem: inner) { range in
            for row in range {
                let (sourceRow, destinationRow) = offsets(ofRow: row)
                let from = source + sourceRow, to = destination + destinationRow
                switch (sourceStride, destinationStride) {
                case (1, 1): to.update(from: from, count: inner)
                case (0, 1): to.update(repeating: from[0], count: inner)
                default: for i in 0..<inner { to[i * destinationStride] = from[i * sourceStride] }
                }
            }
        }
    }

    @inline(__always)
    private func offsets(ofRow row: Int) -> (Int, Int) {
        var remainder = row, source = sourceOffset, destination = destinationOffset
        for axis in stride(from: outerShape.count - 1, through: 0, by: -1) {
            let index = remainder % outerShape[axis]
            remainder /= outerShape[axis]
            source += index * outerSourceStrides[axis]
            destination += index * outerDestinationStrides[axis]
        }
        return (source, destination)
    }
}
