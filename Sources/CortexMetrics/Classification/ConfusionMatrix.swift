/// Which sums a confusion matrix is divided by (scikit-learn's `normalize=`).
public enum ConfusionMatrixNormalization: Sendable {
    /// Each row by its total: rows become recall per true class.
    case `true`
    /// Each column by its total: columns become precision per predicted class.
    case pred
    /// Everything by the number of samples.
    case all
}

/// Counts of samples with true label `labels[i]` (row) predicted as `labels[j]` (column).
///
/// `labels` picks and orders the classes (default: the sorted labels found in either array);
/// samples whose true or predicted label is not among them are left out. At least one of
/// `labels` must occur in `yTrue`.
public func confusionMatrix(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil) throws -> [[Int]] {
    try reportingWarnings { log in
        try confusionCounts(ClassificationTargets(yTrue: yTrue, yPred: yPred), labels: labels, log: log)
    }
}

/// The confusion matrix divided by row, column or overall totals; a zero total gives zeros.
public func confusionMatrix(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil,
                            normalize: ConfusionMatrixNormalization) throws -> [[Double]] {
    normalized(try confusionMatrix(yTrue: yTrue, yPred: yPred, labels: labels), normalize)
}

/// Counts divided by row, column or overall totals; a zero total gives zeros.
func normalized(_ counts: [[Int]], _ normalization: ConfusionMatrixNormalization) -> [[Double]] {
    let values = counts.map { $0.map(Double.init) }
    func divided(_ value: Double, _ total: Double) -> Double { total == 0 ? 0 : value / total }
    switch normalization {
    case .true:
        return values.map { row in row.map { divided($0, row.reduce(0, +)) } }
    case .pred:
        let totals = values.indices.map { column in values.reduce(0) { $0 + $1[column] } }
        return values.map { row in row.indices.map { divided(row[$0], totals[$0]) } }
    case .all:
        let total = values.joined().reduce(0, +)
        return values.map { row in row.map { divided($0, total) } }
    }
}

/// The confusion matrix of checked targets, warning like scikit-learn when it comes out 1x1.
func confusionCounts(_ targets: ClassificationTargets, labels givenLabels: [Int]?, log: WarningLog) throws -> [[Int]] {
    let labels = givenLabels ?? targets.presentLabels
    if givenLabels != nil {
        if labels.isEmpty { throw MetricsError.invalidParameter("`labels` should contain at least one label.") }
        if Set(labels).isDisjoint(with: targets.yTrue) {
            throw MetricsError.invalidParameter("At least one label specified must be in yTrue")
        }
    }
    var index: [Int: Int] = [:]
    for (position, label) in labels.enumerated() { index[label] = position }
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
    for (truth, prediction) in zip(targets.yTrue, targets.yPred) {
        if let row = index[truth], let column = index[prediction] { matrix[row][column] += 1 }
    }
    if labels.count == 1 {
        log.warn(.user, "A single label was found in yTrue and yPred. For the confusion matrix to have the correct shape, pass all known labels through `labels:`.")
    }
    return matrix
}
