import Cortex

/// A sequence of elements that can be walked any number of times, lazily, like `tf.data.Dataset`.
///
/// Each pass starts a fresh iterator, so shuffling, augmentation and generators run again every
/// epoch. Transformations (`map`, `filter`, `shuffled`, `batched`, `prefetched`, `repeated`,
/// `take`) return new datasets and do no work until iterated. A dataset of `Example`s is what
/// `Model.fit` trains on: batch it first, so that each element is one training step.
///
/// Elements produced by a throwing closure (`Dataset(generator:)`, a throwing `map`) surface
/// their error through `makeThrowingIterator()`, which `fit`, `evaluate` and `predict` use; a
/// plain `for`-`in` loop cannot throw and stops the program on such an error.
public struct Dataset<Element>: Sequence {
    /// The number of elements in one pass, when known; nil when unknown or infinite.
    public let count: Int?
    /// Starts a pass: the closure returns the next element, or nil at the end of the pass.
    let makePull: () -> () throws -> Element?
    /// Random access to the elements, kept through order-only transformations so that a
    /// dataset built from tensors is shuffled by index and batched by gathering rows.
    let access: IndexedAccess<Element>?

    init(count: Int?, access: IndexedAccess<Element>? = nil, makePull: @escaping () -> () throws -> Element?) {
        self.count = count
        self.access = access
        self.makePull = makePull
    }

    /// A dataset whose every pass walks a fresh iterator from `makeIterator`; `count` is the
    /// number of elements per pass when known.
    public init(count: Int? = nil, makeIterator: @escaping () -> AnyIterator<Element>) {
        self.init(count: count, makePull: {
            let iterator = makeIterator()
            return { iterator.next() }
        })
    }

    /// A dataset of the elements of an array, in order.
    public init(_ elements: [Element]) {
        self.init(access: IndexedAccess(count: elements.count, element: { elements[$0] }))
    }

    /// A dataset of `count` elements made on demand by `element(index)`, like Keras'
    /// `PyDataset`: shuffling reorders the indices, so no element is made before it is needed.
    public init(count: Int, element: @escaping (Int) throws -> Element) {
        self.init(access: IndexedAccess(count: count, element: element))
    }

    /// A dataset drawing its elements from `generator`, called once per element, like a Python
    /// generator given to Keras' `fit`; returning nil ends the pass, and the next pass calls it
    /// again. Its errors end iteration with that error.
    public init(count: Int? = nil, generator: @escaping () throws -> Element?) {
        self.init(count: count, makePull: { generator })
    }

    /// A dataset walking `access`'s elements in the order of its index dataset.
    init(access: IndexedAccess<Element>) {
        self.init(count: access.indices.count, access: access, makePull: {
            let nextIndex = access.indices.makePull()
            return { try nextIndex().map(access.element) }
        })
    }

    /// Iterates one pass; an error from a throwing element closure stops the program, since a
    /// `for`-`in` loop cannot throw (use `makeThrowingIterator()` to handle it).
    public func makeIterator() -> Iterator {
        Iterator(pull: makePull())
    }

    /// Iterates one pass, reporting the error of a throwing element closure.
    public func makeThrowingIterator() -> ThrowingIterator {
        ThrowingIterator(pull: makePull())
    }

    /// The elements of one pass, or the first error raised while making them.
    public func collect() throws -> [Element] {
        var iterator = makeThrowingIterator()
        var elements: [Element] = []
        if let count { elements.reserveCapacity(count) }
        while let element = try iterator.next() { elements.append(element) }
        return elements
    }

    public var underestimatedCount: Int { count ?? 0 }

    /// The iterator of a `for`-`in` loop over a dataset.
    public struct Iterator: IteratorProtocol {
        let pull: () throws -> Element?

        public mutating func next() -> Element? {
            do {
                return try pull()
            } catch {
                preconditionFailure("Dataset: making an element failed: \(error) (iterate with makeThrowingIterator() to handle it)")
            }
        }
    }

    /// An iterator whose `next()` throws the error raised while making an element.
    public struct ThrowingIterator {
        let pull: () throws -> Element?

        public mutating func next() throws -> Element? { try pull() }
    }
}
