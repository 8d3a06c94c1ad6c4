/// How much each class counts in a classifier's loss, as scikit-learn's `class_weight`.
public enum ClassWeight: Codable, Sendable, Equatable {
    /// Weights inversely proportional to class frequencies: samples / (classes · count).
    case balanced
    /// An explicit weight per class label; classes not listed weigh 1.
    case weights([Float: Double])

    /// The weight of each of `classes`, given the training labels `y`.
    func resolved(classes: [Float], labels y: [Float]) -> [Double] {
        switch self {
        case .balanced:
            let counts = classes.map { label in Double(y.filter { $0 == label }.count) }
            return counts.map { Double(y.count) / (Double(classes.count) * $0) }
        case .weights(let weights):
            return classes.map { weights[$0] ?? 1 }
        }
    }
}
