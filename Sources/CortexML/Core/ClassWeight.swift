/// How much each class counts in a classifier's loss, as scikit-learn's `class_weight`.
public enum ClassWeight: Codable, Sendable, Equatable {
    /// Weights inversely proportional to class frequencies: samples / (classes · count).
    case balanced
    /// An explicit weight per class label; classes not listed weigh 1.
    case weights([Float: Double])

    /// The weight of each of `classes`, given how many training samples each has.
    func perClass(classes: [Float], counts: [Int]) -> [Double] {
        switch self {
        case .balanced:
            let total = Double(counts.reduce(0, +))
            return counts.map { total / (Double(classes.count) * Double($0)) }
        case .weights(let weights):
            return classes.map { weights[$0] ?? 1 }
        }
    }

    /// The weight of each of `classes`, given the training labels `y`.
    func resolved(classes: [Float], labels y: [Float]) -> [Double] {
        perClass(classes: classes, counts: classes.map { label in y.filter { $0 == label }.count })
    }

    /// The weight of every sample given its class index into `classes`.
    func sampleWeights(classIndices: [Int32], classes: [Float]) -> [Double] {
        var counts = [Int](repeating: 0, count: classes.count)
        for c in classIndices { counts[Int(c)] += 1 }
        let weights = perClass(classes: classes, counts: counts)
        return classIndices.map { weights[Int($0)] }
    }
}
