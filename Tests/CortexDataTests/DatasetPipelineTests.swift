import Cortex
import Foundation
import XCTest
@testable import CortexData

final class DatasetPipelineTests: XCTestCase {
    private func values(_ dataset: Dataset<Int>) -> [Int] { Array(dataset) }

    func testArrayClosureAndIndexedFormsKeepOrderAndCount() throws {
        XCTAssertEqual(values(Dataset([3, 1, 2])), [3, 1, 2])
        XCTAssertEqual(Dataset([3, 1, 2]).count, 3)
        let closure = Dataset<Int>(count: 4) { AnyIterator((0..<4).makeIterator()) }
        XCTAssertEqual(values(closure), [0, 1, 2, 3])
        XCTAssertEqual(values(closure), [0, 1, 2, 3], "a second pass starts afresh")
        let indexed = Dataset(count: 3) { $0 * 10 }
        XCTAssertEqual(values(indexed), [0, 10, 20])
    }

    func testGeneratorIsCalledAgainOnEachPassAndItsErrorsPropagate() throws {
        var next = 0
        let generator = Dataset<Int> {
            next += 1
            return next % 4 == 0 ? nil : next
        }
        XCTAssertNil(generator.count)
        XCTAssertEqual(try generator.collect(), [1, 2, 3])
        XCTAssertEqual(try generator.collect(), [5, 6, 7])
        struct Broken: Error {}
        let failing = Dataset<Int>(count: 3) { index in
            if index == 2 { throw Broken() }
            return index
        }
        var iterator = failing.makeThrowingIterator()
        XCTAssertEqual(try iterator.next(), 0)
        XCTAssertEqual(try iterator.next(), 1)
        XCTAssertThrowsError(try iterator.next()) { XCTAssertTrue($0 is Broken) }
    }

    func testMapFilterTakeSkipRepeat() {
        let base = Dataset(Array(0..<6))
        let mapped = base.map { $0 * 2 }
        XCTAssertEqual(Array(mapped), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(mapped.count, 6)
        let even = base.filter { $0 % 2 == 0 }
        XCTAssertEqual(Array(even), [0, 2, 4])
        XCTAssertNil(even.count)
        XCTAssertEqual(values(base.take(2)), [0, 1])
        XCTAssertEqual(base.take(10).count, 6)
        XCTAssertEqual(values(base.skip(4)), [4, 5])
        XCTAssertEqual(base.skip(4).count, 2)
        XCTAssertEqual(values(base.take(2).repeated(3)), [0, 1, 0, 1, 0, 1])
        XCTAssertEqual(base.take(2).repeated(3).count, 6)
        XCTAssertNil(base.repeated().count)
        XCTAssertEqual(values(base.repeated().take(14)), Array(0..<6) + Array(0..<6) + [0, 1])
        XCTAssertEqual(values(base.filter { _ in false }.repeated()), [], "an empty dataset repeated stays empty")
        XCTAssertEqual(values(even.repeated(2)), [0, 2, 4, 0, 2, 4])
        XCTAssertEqual(values(even.take(2)), [0, 2])
        XCTAssertEqual(values(even.skip(1)), [2, 4])
    }

    func testShuffleIsAPermutationReproducibleWithASeedAndNewEachPass() {
        let base = Dataset(Array(0..<50))
        let shuffled = base.shuffled(seed: 7)
        let first = values(shuffled), second = values(shuffled)
        XCTAssertEqual(first.sorted(), Array(0..<50))
        XCTAssertNotEqual(first, Array(0..<50))
        XCTAssertNotEqual(first, second, "each pass is reshuffled")
        let again = base.shuffled(seed: 7)
        XCTAssertEqual(values(again), first, "the same seed gives the same sequence of orders")
        XCTAssertEqual(values(again), second)
        XCTAssertNotEqual(values(base.shuffled(seed: 8)), first)
        let fixed = base.shuffled(seed: 7, reshuffleEachPass: false)
        XCTAssertEqual(values(fixed), values(fixed))
        let repeated = base.shuffled(seed: 3).repeated(2)
        let both = values(repeated)
        XCTAssertEqual(Array(both[..<50]).sorted(), Array(0..<50))
        XCTAssertNotEqual(Array(both[..<50]), Array(both[50...]))
    }

    func testGlobalSeedMakesUnseededShuffleReproducible() {
        Random.seed(11)
        let first = values(Dataset(Array(0..<20)).shuffled())
        Random.seed(11)
        XCTAssertEqual(values(Dataset(Array(0..<20)).shuffled()), first)
    }

    func testSmallShuffleBufferOnlyMovesElementsLocally() {
        // With a buffer of 3, the element produced at position p was read at most 2 ahead.
        let generator = Dataset<Int>(count: 40) { AnyIterator((0..<40).makeIterator()) }
        let order = values(generator.shuffled(bufferSize: 3, seed: 1))
        XCTAssertEqual(order.sorted(), Array(0..<40))
        XCTAssertNotEqual(order, Array(0..<40))
        for (position, value) in order.enumerated() { XCTAssertLessThanOrEqual(value, position + 2) }
        XCTAssertEqual(values(Dataset(Array(0..<5)).shuffled(bufferSize: 1, seed: 1)), [0, 1, 2, 3, 4])
    }

    func testShuffledClosureDatasetMatchesShuffledIndexedDataset() {
        // The indexed form shuffles indices with the same algorithm as the streamed form.
        let streamed = Dataset<Int>(count: 30) { AnyIterator((0..<30).makeIterator()) }
        XCTAssertEqual(values(streamed.shuffled(seed: 5)), values(Dataset(Array(0..<30)).shuffled(seed: 5)))
    }

    func testGenericBatchingWithAndWithoutRemainder() {
        let base = Dataset(Array(0..<7))
        XCTAssertEqual(Array(base.batched(3)), [[0, 1, 2], [3, 4, 5], [6]])
        XCTAssertEqual(base.batched(3).count, 3)
        XCTAssertEqual(Array(base.batched(3, dropRemainder: true)), [[0, 1, 2], [3, 4, 5]])
        XCTAssertEqual(base.batched(3, dropRemainder: true).count, 2)
    }

    func testTensorBackedExamplesAndBatchesGatherTheRightRows() throws {
        let x = Tensor(shape: [5, 2], scalars: (0..<10).map(Float.init))
        let y = Tensor([10, 11, 12, 13, 14])
        let weights = Tensor([1, 2, 3, 4, 5])
        let samples = try Dataset(x: x, y: y, sampleWeight: weights)
        XCTAssertEqual(samples.count, 5)
        let third = Array(samples)[2]
        XCTAssertEqual(third.x, Tensor([4, 5]))
        XCTAssertEqual(third.y, Tensor(12))
        XCTAssertEqual(third.sampleWeight, Tensor(3))

        let batches = Array(samples.batched(2))
        XCTAssertEqual(batches.count, 3)
        XCTAssertEqual(batches[1].x, Tensor(shape: [2, 2], scalars: [4, 5, 6, 7]))
        XCTAssertEqual(batches[1].y, Tensor([12, 13]))
        XCTAssertEqual(batches[2].sampleWeight, Tensor([5]))
        XCTAssertEqual(samples.batched(2, dropRemainder: true).count, 2)
        XCTAssertEqual(Array(samples.batched(2, dropRemainder: true)).count, 2)

        let order = values(Dataset(Array(0..<5)).shuffled(seed: 9))
        let shuffledBatch = Array(samples.shuffled(seed: 9).batched(5))[0]
        XCTAssertEqual(shuffledBatch.y.scalars, order.map { Float(10 + $0) })
        XCTAssertEqual(shuffledBatch.x.scalars, order.flatMap { [Float(2 * $0), Float(2 * $0 + 1)] })
    }

    func testStackedBatchesEqualGatheredBatches() throws {
        let x = Tensor(shape: [6, 3], scalars: (0..<18).map(Float.init))
        let y = Tensor([0, 1, 2, 3, 4, 5])
        let gathered = Array(try Dataset(x: x, y: y).shuffled(seed: 2).batched(4))
        // `filter` drops random access, so this batches by stacking per-sample examples.
        let stacked = Array(try Dataset(x: x, y: y).shuffled(seed: 2).filter { _ in true }.batched(4))
        XCTAssertEqual(gathered.count, 2)
        for (a, b) in zip(gathered, stacked) {
            XCTAssertEqual(a.x, b.x)
            XCTAssertEqual(a.y, b.y)
            XCTAssertNil(b.sampleWeight)
        }
        let tensors = Array(Dataset([Tensor([1, 2]), Tensor([3, 4]), Tensor([5, 6])]).batched(2))
        XCTAssertEqual(tensors, [Tensor([[1, 2], [3, 4]]), Tensor([[5, 6]])])
    }

    func testMismatchedArraysAndShapesThrow() throws {
        XCTAssertThrowsError(try Dataset(x: Tensor.zeros([4, 2]), y: Tensor.zeros([3])))
        XCTAssertThrowsError(try Dataset(x: Tensor.zeros([4, 2]), y: Tensor.zeros([4]), sampleWeight: Tensor.ones([2])))
        let ragged = Dataset([Example(Tensor([1, 2]), Tensor(0)), Example(Tensor([1, 2, 3]), Tensor(1))])
        XCTAssertThrowsError(try ragged.batched(2).collect()) { error in
            XCTAssertTrue("\(error)".contains("[2] and [3]"), "\(error)")
        }
    }

    func testPrefetchKeepsTheSequenceAndPropagatesErrors() throws {
        let base = Dataset(Array(0..<100)).shuffled(seed: 4)
        let expected = values(Dataset(Array(0..<100)).shuffled(seed: 4))
        XCTAssertEqual(values(base.prefetched(3)), expected)
        XCTAssertEqual(base.prefetched(3).count, 100)
        struct Broken: Error {}
        let failing = Dataset<Int>(count: 5) { index in
            if index == 3 { throw Broken() }
            return index
        }.prefetched(2)
        var iterator = failing.makeThrowingIterator()
        XCTAssertEqual(try iterator.next(), 0)
        XCTAssertEqual(try iterator.next(), 1)
        XCTAssertEqual(try iterator.next(), 2)
        XCTAssertThrowsError(try iterator.next())
        XCTAssertNil(try iterator.next())
    }

    func testPrefetchProducerStopsWhenTheConsumerStopsEarly() throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var made = 0
            var released = false
            func increment() { lock.lock(); made += 1; lock.unlock() }
            var value: Int { lock.lock(); defer { lock.unlock() }; return made }
        }
        final class Sentinel {
            let counter: Counter
            init(_ counter: Counter) { self.counter = counter }
            deinit { counter.lock.lock(); counter.released = true; counter.lock.unlock() }
        }
        let counter = Counter()
        let infinite = Dataset<Int>(makeIterator: {
            let sentinel = Sentinel(counter)
            return AnyIterator {
                _ = sentinel
                counter.increment()
                return counter.value
            }
        }).prefetched(4)
        do {
            var iterator = infinite.makeIterator()
            for _ in 0..<3 { _ = iterator.next() }
        }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            counter.lock.lock()
            let released = counter.released
            counter.lock.unlock()
            if released { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        XCTAssertTrue(counter.released, "the producer let go of the upstream iterator")
        let made = counter.value
        XCTAssertLessThanOrEqual(made, 3 + 4 + 1)
        Thread.sleep(forTimeInterval: 0.02)
        XCTAssertEqual(counter.value, made, "nothing is made after the consumer stopped")
    }

    func testPrefetchOfAFastConsumerAndSlowProducerDoesNotDeadlock() {
        let slow = Dataset(count: 20) { index -> Int in
            Thread.sleep(forTimeInterval: 0.0005)
            return index
        }
        XCTAssertEqual(values(slow.prefetched(1)), Array(0..<20))
        XCTAssertEqual(values(slow.prefetched(1).repeated(2)), Array(0..<20) + Array(0..<20))
        XCTAssertEqual(Array(Dataset([Int]()).prefetched(2)), [])
    }
}
