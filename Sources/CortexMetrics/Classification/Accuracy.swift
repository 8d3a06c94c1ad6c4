/// The fraction of samples whose predicted label equals the true one, or their number when
/// `normalize` is false.
public func accuracyScore(yTrue: some LabelInput, yPred: some LabelInput, normalize: Bool = true) throws -> Double {
    let targets = try ClassificationTargets(yTrue: yTrue, yPred: yPred)
    let correct = Double(zip(targets.yTrue, targets.yPred).filter { $0 == $1 }.count)
    return normalize ? correct / Double(targets.yTrue.count) : correct
}

/// The mean of the recalls of the classes present in `yTrue`: accuracy that an imbalanced
/// class cannot dominate. `adjusted` rescales it so that chance scores 0 and perfect 1.
public func balancedAccuracyScore(yTrue: some LabelInput, yPred: some LabelInput, adjusted: Bool = false) throws -> Double {
    try reportingWarnings { log in
        let matrix = try confusionCounts(ClassificationTargets(yTrue: yTrue, yPred: yPred), labels: nil, log: log)
        var recalls: [Double] = []
        for (row, counts) in matrix.enumerated() {
            let total = counts.reduce(0, +)
            if total > 0 { recalls.append(Double(counts[row]) / Double(total)) }
        }
        if recalls.count < matrix.count { log.warn(.user, "yPred contains classes not in yTrue") }
        var score = recalls.reduce(0, +) / Double(recalls.count)
        if adjusted {
            let chance = 1 / Double(recalls.count)
            score = (score - chance) / (1 - chance)
        }
        return score
    }
}

/// The fraction of samples whose true label is among the `k` highest scores.
///
/// `yScore` holds one column per class, ordered like `labels` (default: the sorted labels of
/// `yTrue`). For a binary `yTrue`, `yScore` may be the positive-class score alone; with `k == 1`
/// it is then thresholded at 0.5 (probabilities) or 0 (decision values). Equal scores rank the
/// higher class index first, as in scikit-learn.
public func topKAccuracyScore(yTrue: some LabelInput, yScore: some NumericInput, k: Int = 2,
                              normalize: Bool = true, labels: [Int]? = nil) throws -> Double {
    try reportingWarnings { log in
        let truth = try yTrue.classLabels(argument: "yTrue")
        let scores = try yScore.numericValues(argument: "yScore")
        var type = TargetType(labels: truth)
        if type == .binary, let labels, labels.count > 2 { type = .multiclass }
        if type == .binary, !scores.isVector, scores.columns != 1 {
            throw MetricsError.invalidInput(argument: "yScore", reason: "yTrue is binary while yScore is 2d with \(scores.columns) classes. If yTrue does not contain all the labels, `labels` must be provided.")
        }
        if type == .multiclass, scores.isVector {
            throw MetricsError.invalidInput(argument: "yScore", reason: "yScore needs to be of shape (n_samples, n_classes), since yTrue contains multiple classes. Got yScore.shape=\(scores.shapeDescription).")
        }
        try checkConsistentLength(truth.count, scores.rows)
        let scoreClasses = type == .binary ? 2 : scores.columns
        let classes = try rankingClasses(yTrue: truth, labels: labels, scoreColumns: scoreClasses)
        if k >= classes.count {
            log.warn(.undefinedMetric, "'k' (\(k)) greater than or equal to 'n_classes' (\(classes.count)) will result in a perfect score and is therefore meaningless.")
        }
        let encoded = truth.map { classes.firstIndex(of: $0)! }
        var hits = 0
        if type == .binary {
            if k == 1 {
                let values = scores.values
                let threshold = values.allSatisfy { $0 >= 0 && $0 <= 1 } ? 0.5 : 0
                hits = zip(values, encoded).filter { ($0 > threshold ? 1 : 0) == $1 }.count
            } else {
                hits = truth.count
            }
        } else {
            for (row, truthIndex) in encoded.enumerated() {
                let rowScores = scores.row(row)
                let ascending = rowScores.indices.sorted { rowScores[$0] < rowScores[$1] || (rowScores[$0] == rowScores[$1] && $0 < $1) }
                if ascending.reversed().prefix(k).contains(truthIndex) { hits += 1 }
            }
        }
        return normalize ? Double(hits) / Double(truth.count) : Double(hits)
    }
}

/// The classes that the columns of a score matrix stand for: `labels` after checking them, or
/// the sorted labels of `yTrue` (scikit-learn's checks in `top_k_accuracy_score` and
/// multiclass `roc_auc_score`).
func rankingClasses(yTrue: [Int], labels: [Int]?, scoreColumns: Int) throws -> [Int] {
    guard let labels else {
        let classes = Set(yTrue).sorted()
        if classes.count != scoreColumns {
            throw MetricsError.invalidParameter("Number of classes in yTrue (\(classes.count)) not equal to the number of classes in yScore (\(scoreColumns)). You can provide a list of all known classes by assigning it to the `labels` parameter.")
        }
        return classes
    }
    if Set(labels).count != labels.count { throw MetricsError.invalidParameter("Parameter `labels` must be unique.") }
    if labels != labels.sorted() { throw MetricsError.invalidParameter("Parameter `labels` must be ordered.") }
    if labels.count != scoreColumns {
        throw MetricsError.invalidParameter("Number of given labels (\(labels.count)) not equal to the number of classes in yScore (\(scoreColumns)).")
    }
    if !Set(yTrue).isSubset(of: labels) { throw MetricsError.invalidParameter("yTrue contains labels not in parameter `labels`.") }
    return labels
}
