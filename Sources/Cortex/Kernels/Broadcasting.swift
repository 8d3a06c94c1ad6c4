/// NumPy broadcasting: shapes are aligned at their last axis; each pair of extents must be
/// equal or one of them 1.
public enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or a `ShapeError` naming `op` and both shapes.
    public static func shape(_ a: [Int], _ b: [Int], op: String = "broadcast") throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                throw ShapeError(op: op, "shapes \(a) and \(b) cannot be broadcast together (axis \(i): \(da) vs \(db))")
            }
        }
        return result
    }

    static func shapeOrFail(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        validated { try shape(a, b, op: op) }
    }
}

/// How to walk two operands broadcast to an output shape: an outer odometer over "rows" and an
/// inner run of `inner` elements where each operand advances by 0 or 1.
struct BroadcastPlan {
    let outerShape: [Int]
    let outerStridesA: [Int]
    let outerStridesB: [Int]
    let inner: Int
    let innerStrideA: Int
    let innerStrideB: Int
    let rows: Int

    init(output: [Int], a: [Int], b: [Int]) {
        let rank = output.count
        func strides(_ shape: [Int]) -> [Int] {
            let padded = [Int](repeating: 1, count: rank - shape.count) + shape
            var result = [Int](repeating: 0, count: rank)
            var step = 1
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                result[axis] = padded[axis] == 1 && output[axis] != 1 ? 0 : step
                step *= padded[axis]
            }
            return result
        }
        var sa = strides(a), sb = strides(b)
        var dims = output
        // Drop unit axes, then merge neighbours that walk memory the same way for both operands.
        let keep = dims.indices.filter { dims[$0] != 1 }
        dims = keep.map { dims[$0] }; sa = keep.map { sa[$0] }; sb = keep.map { sb[$0] }
        var mergedDims: [Int] = [], mergedA: [Int] = [], mergedB: [Int] = []
        for i in dims.indices {
            if let lastDim = mergedDims.last,
               mergedA.last! == sa[i] * dims[i], mergedB.last! == sb[i] * dims[i] {
                mergedDims[mergedDims.count - 1] = lastDim * dims[i]
                mergedA[mergedA.count - 1] = sa[i]
                mergedB[mergedB.count - 1] = sb[i]
            } else {
                mergedDims.append(dims[i]); mergedA.append(sa[i]); mergedB.append(sb[i])
            }
        }
        if mergedDims.isEmpty { mergedDims = [1]; mergedA = [0]; mergedB = [0] }
        inner = mergedDims.removeLast()
        innerStrideA = mergedA.removeLast()
        innerStrideB = mergedB.removeLast()
        outerShape = mergedDims
        outerStridesA = mergedA
        outerStridesB = mergedB
        rows = mergedDims.reduce(1, *)
    }

    /// The offsets of row `row` in each operand.
    @inline(__always)
    func offsets(ofRow row: Int) -> (Int, Int) {
        var remainder = row, offsetA = 0, offsetB = 0
        for axis in stride(from: outerShape.count - 1, through: 0, by: -1) {
            let extent = outerShape[axis]
            let index = remainder % extent
            remainder /= extent
            offsetA += index * outerStridesA[axis]
            offsetB += index * outerStridesB[axis]
        }
        return (offsetA, offsetB)
    }
}
