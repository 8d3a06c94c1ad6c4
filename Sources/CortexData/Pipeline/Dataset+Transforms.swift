/// Element-wise and order-only transformations, with `tf.data`'s semantics. Order-only ones
/// (`take`, `skip`, `repeated`) keep a dataset's random access, so a tensor-backed dataset stays
/// fast to shuffle and batch after them.
extension Dataset {
    /// Each element passed through `transform`, applied lazily on every pass (augmentation
    /// drawn at random differs from pass to pass). Its errors end iteration with that error.
    public func map<T>(_ transform: @escaping (Element) throws -> T) -> Dataset<T> {
        if let access {
            let element = access.element
            return Dataset<T>(access: IndexedAccess(indices: access.indices, element: { try transform(element($0)) }))
        }
        return Dataset<T>(count: count, makePull: {
            let pull = makePull()
            return { try pull().map(transform) }
        })
    }

    /// The elements for which `isIncluded` is true; the count becomes unknown.
    public func filter(_ isIncluded: @escaping (Element) throws -> Bool) -> Dataset {
        Dataset(count: nil, makePull: {
            let pull = makePull()
            return {
                while let element = try pull() {
                    if try isIncluded(element) { return element }
                }
                return nil
            }
        })
    }

    /// At most the first `n` elements of each pass.
    public func take(_ n: Int) -> Dataset {
        precondition(n >= 0, "Dataset.take: the count must not be negative, got \(n)")
        if let access { return Dataset(access: access.reordered { $0.take(n) }) }
        return Dataset(count: count.map { Swift.min($0, n) }, makePull: {
            let pull = makePull()
            var taken = 0
            return {
                guard taken < n, let element = try pull() else { return nil }
                taken += 1
                return element
            }
        })
    }

    /// Each pass without its first `n` elements.
    public func skip(_ n: Int) -> Dataset {
        precondition(n >= 0, "Dataset.skip: the count must not be negative, got \(n)")
        if let access { return Dataset(access: access.reordered { $0.skip(n) }) }
        return Dataset(count: count.map { Swift.max(0, $0 - n) }, makePull: {
            let pull = makePull()
            var skipped = false
            return {
                if !skipped {
                    skipped = true
                    for _ in 0..<n {
                        guard try pull() != nil else { return nil }
                    }
                }
                return try pull()
            }
        })
    }

    /// The passes of this dataset one after another, `times` times, or forever when nil (an
    /// empty dataset stays empty). Each repetition is a fresh pass: a shuffled dataset is
    /// reshuffled.
    public func repeated(_ times: Int? = nil) -> Dataset {
        precondition((times ?? 0) >= 0, "Dataset.repeated: the count must not be negative, got \(times!)")
        if let access { return Dataset(access: access.reordered { $0.repeated(times) }) }
        let total = times == 0 || count == 0 ? 0 : times.flatMap { times in count.map { $0 * times } }
        return Dataset(count: total, makePull: {
            var pull: (() throws -> Element?)?
            var passes = 0
            var yielded = false
            var finished = times == 0
            return {
                while !finished {
                    if pull == nil { pull = makePull() }
                    if let element = try pull!() {
                        yielded = true
                        return element
                    }
                    passes += 1
                    pull = nil
                    finished = !yielded || times.map { passes >= $0 } ?? false
                    yielded = false
                }
                return nil
            }
        })
    }
}
