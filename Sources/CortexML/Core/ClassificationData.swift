import Cortex

/// Validated training data of a classifier: doubles, the sorted classes and each sample's
/// class index.
struct ClassificationData {
    let x: DoubleMatrix
    let labels: [Float]
    let classes: [Float]
    /// `classIndex[sample]` is the position of the sample's label in `classes`.
    let classIndex: [Int]

    init(_ x: Tensor, _ y: Tensor) throws {
        try InputValidation.checkSamplesAndTargets(x, y)
        labels = y.scalars
        classes = try InputValidation.classLabels(y)
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        classIndex = labels.map { position[$0]! }
        self.x = DoubleMatrix(x)
    }

    /// Per-class weights (all 1 without `classWeight`), checked to be positive and finite.
    func weights(_ classWeight: ClassWeight?) throws -> [Double] {
        let weights = classWeight?.resolved(classes: classes, labels: labels) ?? classes.map { _ in 1 }
        if let bad = weights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw MLError.invalidParameter(name: "classWeight", reason: "weights must be positive and finite, got \(weights[bad]) for class \(classes[bad])")
        }
        return weights
    }
}

/// A fitted model's check of the samples given to `predict`: validated, then widened to doubles.
func predictionMatrix(_ x: Tensor, features: Int?, model: String) throws -> DoubleMatrix {
    guard let features else { throw MLError.notFitted(model: model) }
    try InputValidation.checkSamples(x, features: features)
    return DoubleMatrix(x)
}

/// Labels for each row's best score (first best on ties, as NumPy's argmax).
func argmaxLabels(_ scores: DoubleMatrix, classes: [Float]) -> Tensor {
    var labels = [Float](repeating: 0, count: scores.rows)
    for r in 0..<scores.rows {
        var best = 0
        for c in 1..<scores.columns where scores[r, c] > scores[r, best] { best = c }
        labels[r] = classes[best]
    }
    return Tensor(labels)
}
