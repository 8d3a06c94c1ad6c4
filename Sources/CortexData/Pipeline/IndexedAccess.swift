/// Elements reachable by position, and the order in which a dataset visits them.
///
/// Order-only transformations (shuffle, take, skip, repeat) rewrite `indices` and keep the
/// access, so shuffling a tensor-backed dataset moves indices instead of tensors, and `gather`
/// makes a whole batch from its indices in one copy per source tensor.
final class IndexedAccess<Element> {
    let indices: Dataset<Int>
    let element: (Int) throws -> Element
    /// Builds the batch of the elements at the given positions, when the source can.
    let gather: (([Int]) throws -> Element)?

    init(indices: Dataset<Int>, element: @escaping (Int) throws -> Element, gather: (([Int]) throws -> Element)? = nil) {
        self.indices = indices
        self.element = element
        self.gather = gather
    }

    /// Positions `0..<count` in order.
    convenience init(count: Int, element: @escaping (Int) throws -> Element, gather: (([Int]) throws -> Element)? = nil) {
        let positions = Dataset<Int>(count: count, makePull: {
            var next = 0
            return {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        })
        self.init(indices: positions, element: element, gather: gather)
    }

    /// The same elements visited in the order `reorder` makes of the current one.
    func reordered(_ reorder: (Dataset<Int>) -> Dataset<Int>) -> IndexedAccess {
        IndexedAccess(indices: reorder(indices), element: element, gather: gather)
    }
}
