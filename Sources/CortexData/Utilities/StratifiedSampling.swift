/// scikit-learn's `StratifiedShuffleSplit` draw: each class keeps its share of both sides, and
/// the random choices follow NumPy's legacy generator call for call.
enum StratifiedSampling {
    static func split(labels: [Float], trainCount: Int, testCount: Int,
                      generator: inout LegacyMersenneTwister) throws -> (train: [Int], test: [Int]) {
        let classes = Array(Set(labels)).sorted()
        guard classes.count >= 2 else {
            throw DataError.invalidArgument(name: "stratify", reason: "needs at least 2 classes, got \(classes.count)")
        }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var members = [[Int]](repeating: [], count: classes.count)
        for (sample, label) in labels.enumerated() { members[classIndex[label]!].append(sample) }
        let counts = members.map(\.count)
        guard counts.min()! >= 2 else {
            throw DataError.invalidArgument(name: "stratify",
                                            reason: "the least populated class has only 1 member; each class needs at least 2")
        }
        guard trainCount >= classes.count, testCount >= classes.count else {
            throw DataError.invalidArgument(name: "testSize",
                                            reason: "train (\(trainCount)) and test (\(testCount)) sizes must be at least the number of classes (\(classes.count))")
        }
        let trainPerClass = approximateMode(counts, draws: trainCount, generator: &generator)
        let remaining = zip(counts, trainPerClass).map { $0 - $1 }
        let testPerClass = approximateMode(remaining, draws: testCount, generator: &generator)
        var train: [Int] = [], test: [Int] = []
        for (index, samples) in members.enumerated() {
            let order = generator.permutation(samples.count).map { samples[$0] }
            train += order[..<trainPerClass[index]]
            test += order[trainPerClass[index]..<(trainPerClass[index] + testPerClass[index])]
        }
        let trainOrder = generator.permutation(train.count), testOrder = generator.permutation(test.count)
        return (trainOrder.map { train[$0] }, testOrder.map { test[$0] })
    }

    /// The per-class counts closest to proportional, ties for the leftover draws broken at random
    /// (scikit-learn's `_approximate_mode`).
    static func approximateMode(_ counts: [Int], draws: Int, generator: inout LegacyMersenneTwister) -> [Int] {
        let total = Double(counts.reduce(0, +))
        let continuous = counts.map { Double($0) / total * Double(draws) }
        var floored = continuous.map { $0.rounded(.down) }
        var needToAdd = draws - Int(floored.reduce(0, +))
        if needToAdd > 0 {
            let remainders = zip(continuous, floored).map { $0 - $1 }
            for value in Set(remainders).sorted(by: >) {
                let candidates = remainders.indices.filter { remainders[$0] == value }
                let addNow = min(candidates.count, needToAdd)
                for pick in generator.permutation(candidates.count).prefix(addNow) { floored[candidates[pick]] += 1 }
                needToAdd -= addNow
                if needToAdd == 0 { break }
            }
        }
        return floored.map { Int($0) }
    }
}
