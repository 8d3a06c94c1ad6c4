import Cortex
import Dispatch

/// Training samples stored feature by feature, each feature's samples sorted once by value.
///
/// Trees split on presorted features: a node's samples stay in sorted order for every feature as
/// the tree partitions them, so no node sorts again. Forests share one matrix across all trees.
final class FeatureMatrix: @unchecked Sendable {
    let rows: Int
    let features: Int
    /// `columns[f * rows + i]` is feature `f` of sample `i`.
    let columns: UnsafeMutablePointer<Float>
    /// `sortedOrder[f * rows ..< (f + 1) * rows]` lists samples by increasing feature `f`.
    let sortedOrder: UnsafeMutablePointer<Int32>

    init(_ x: Tensor) {
        rows = x.shape[0]
        features = x.shape[1]
        let (rows, features) = (self.rows, self.features)
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows * features))
        x.withUnsafeBufferPointer { source in
            for i in 0..<rows {
                for f in 0..<features { columns[f * rows + i] = source[i * features + f] }
            }
        }
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, rows * features))
        DispatchQueue.concurrentPerform(iterations: features) { f in
            let column = columns + f * rows
            let sorted = order + f * rows
            for i in 0..<rows { sorted[i] = Int32(i) }
            var buffer = UnsafeMutableBufferPointer(start: sorted, count: rows)
            buffer.sort { column[Int($0)] < column[Int($1)] }
        }
        self.columns = columns
        self.sortedOrder = order
    }

    deinit {
        columns.deallocate()
        sortedOrder.deallocate()
    }
}
