import Foundation

extension Dataset {
    /// Makes up to `bufferSize` elements ahead on a background thread while the consumer works
    /// on the current one, as `tf.data`'s `prefetch`: loading and augmentation overlap training.
    ///
    /// The order is unchanged. An error raised upstream reaches the consumer at its position in
    /// the sequence. When the consumer stops early (its iterator is released), the background
    /// thread stops after the element it is making.
    public func prefetched(_ bufferSize: Int = 2) -> Dataset {
        precondition(bufferSize > 0, "Dataset.prefetched: bufferSize must be positive, got \(bufferSize)")
        return Dataset(count: count, makePull: {
            let consumer = PrefetchConsumer(PrefetchChannel(capacity: bufferSize, pull: makePull()))
            return { try consumer.channel.next() }
        })
    }
}

/// The bounded queue between the background producer and the consumer of a prefetched pass.
private final class PrefetchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [Result<Element, Error>] = []
    private var producerFinished = false
    private var cancelled = false

    init(capacity: Int, pull: @escaping () throws -> Element?) {
        self.capacity = capacity
        Thread { [self] in produce(pull) }.start()
    }

    private func produce(_ pull: () throws -> Element?) {
        while !isCancelled {
            let item: Result<Element, Error>?
            do {
                item = try pull().map { .success($0) }
            } catch {
                item = .failure(error)
            }
            condition.lock()
            while buffer.count >= capacity && !cancelled { condition.wait() }
            let ends = item.map { if case .failure = $0 { return true } else { return false } } ?? true
            if !cancelled {
                if let item { buffer.append(item) }
                producerFinished = ends
                condition.broadcast()
            }
            condition.unlock()
            if ends { return }
        }
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next element in order, waiting for the producer when none is ready.
    func next() throws -> Element? {
        condition.lock()
        while buffer.isEmpty && !producerFinished { condition.wait() }
        guard !buffer.isEmpty else {
            condition.unlock()
            return nil
        }
        let item = buffer.removeFirst()
        condition.broadcast()
        condition.unlock()
        return try item.get()
    }

    /// Lets the producer go: it stops after the element it is making and drops what it holds.
    func cancel() {
        condition.lock()
        cancelled = true
        buffer.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// The consumer's handle on a prefetched pass; releasing it stops the producer.
private final class PrefetchConsumer<Element> {
    let channel: PrefetchChannel<Element>

    init(_ channel: PrefetchChannel<Element>) { self.channel = channel }

    deinit { channel.cancel() }
}
