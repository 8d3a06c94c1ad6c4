import Foundation

/// How ROC AUC handles more than two classes.
public enum MultiClassStrategy: String, Sendable {
    /// One-vs-rest: each class against all others (sensitive to class imbalance).
    case ovr
    /// One-vs-one: every pair of classes, averaged (insensitive to imbalance with `.macro`).
    case ovo
}

/// The area under the ROC curve: the probability that a random positive is scored above a
/// random negative (ties count half).
///
/// Binary `yTrue`: `yScore` is the score of the greater label, shape `[n]`; `average` is
/// ignored; `maxFpr` gives McClish's standardised partial AUC over [0, maxFpr].
/// Multiclass `yTrue`: `yScore` is `[n, classes]` probabilities (rows summing to 1) in the order
/// of `labels` (default: sorted labels of `yTrue`), and `multiClass` must be given.
/// Throws `MetricsError.undefinedMetric` when `yTrue` holds a single class.
public func rocAucScore(yTrue: some LabelInput, yScore: some NumericInput, average: Average = .macro,
                        maxFpr: Double? = nil, multiClass: MultiClassStrategy? = nil, labels: [Int]? = nil) throws -> Double {
    try checkRankingAverage(average)
    return try rocAucScores(yTrue: yTrue, yScore: yScore, average: average, maxFpr: maxFpr,
                            multiClass: multiClass, labels: labels)[0]
}

/// The one-vs-rest ROC AUC of each class, in the order of `labels` (default: sorted labels of
/// `yTrue`); scikit-learn's `average=None`. A binary target gives the single positive-class AUC.
public func rocAucScorePerClass(yTrue: some LabelInput, yScore: some NumericInput, labels: [Int]? = nil) throws -> [Double] {
    try rocAucScores(yTrue: yTrue, yScore: yScore, average: nil, maxFpr: nil, multiClass: .ovr, labels: labels)
}

private func rocAucScores(yTrue: some LabelInput, yScore: some NumericInput, average: Average?, maxFpr: Double?,
                          multiClass: MultiClassStrategy?, labels: [Int]?) throws -> [Double] {
    try reportingWarnings { log in
        let truth = try yTrue.classLabels(argument: "yTrue")
        let scores = try yScore.numericValues(argument: "yScore")
        let type = TargetType(labels: truth)
        if type == .multiclass || (!scores.isVector && scores.columns > 2) {
            if let maxFpr, maxFpr != 1 {
                throw MetricsError.invalidParameter("Partial AUC computation not available in multiclass setting, maxFpr must be set to nil, received maxFpr=\(maxFpr) instead")
            }
            guard let multiClass else {
                throw MetricsError.invalidParameter("multiClass must be .ovr or .ovo for a multiclass target")
            }
            return try multiclassRocAuc(truth, scores, labels: labels, multiClass: multiClass, average: average, log: log)
        }
        let classes = Set(truth).sorted()
        let positive = classes.count == 2 ? classes[1] : nil
        let binaryTruth = truth.map { $0 == positive ? 1 : 0 }
        return [try binaryRocAuc(binaryTruth, try scores.vector(argument: "yScore"), maxFpr: maxFpr, log: log)]
    }
}

/// ROC AUC of 0/1 targets, optionally McClish-standardised over [0, maxFpr].
private func binaryRocAuc(_ yTrue: [Int], _ yScore: [Double], maxFpr: Double?, log: WarningLog) throws -> Double {
    guard Set(yTrue).count == 2 else {
        throw MetricsError.undefinedMetric("Only one class is present in yTrue. ROC AUC score is not defined in that case.")
    }
    let curve = try rocCurve(yTrue: yTrue, yScore: yScore, posLabel: nil, dropIntermediate: true, log: log)
    guard let maxFpr, maxFpr != 1 else { return try auc(x: curve.fpr, y: curve.tpr) }
    guard maxFpr > 0, maxFpr <= 1 else {
        throw MetricsError.invalidParameter("Expected maxFpr in range (0, 1], got: \(maxFpr)")
    }
    let stop = curve.fpr.firstIndex { $0 > maxFpr } ?? curve.fpr.count
    let (x0, x1) = (curve.fpr[stop - 1], curve.fpr[stop])
    let (y0, y1) = (curve.tpr[stop - 1], curve.tpr[stop])
    let interpolated = y0 + (maxFpr - x0) * (y1 - y0) / (x1 - x0)
    let partial = try auc(x: Array(curve.fpr[..<stop]) + [maxFpr], y: Array(curve.tpr[..<stop]) + [interpolated])
    let minArea = 0.5 * maxFpr * maxFpr
    return 0.5 * (1 + (partial - minArea) / (maxFpr - minArea))
}

/// One-vs-rest or one-vs-one ROC AUC over the columns of a probability matrix.
private func multiclassRocAuc(_ yTrue: [Int], _ scores: NumericValues, labels: [Int]?, multiClass: MultiClassStrategy,
                              average: Average?, log: WarningLog) throws -> [Double] {
    guard !scores.isVector else {
        throw MetricsError.invalidInput(argument: "yScore", reason: "yScore needs to be of shape (n_samples, n_classes), since yTrue contains multiple classes. Got yScore.shape=\(scores.shapeDescription).")
    }
    try checkConsistentLength(yTrue.count, scores.rows)
    for row in 0..<scores.rows {
        let sum = scores.row(row).reduce(0, +)
        if abs(1 - sum) > 1e-8 + 1e-5 * abs(sum) {
            throw MetricsError.invalidInput(argument: "yScore", reason: "Target scores need to be probabilities for multiclass ROC AUC, i.e. they should sum up to 1.0 over classes")
        }
    }
    if multiClass == .ovo, average == .micro {
        throw MetricsError.invalidParameter("average must be one of [.macro, .weighted] for multiclass problems with multiClass .ovo")
    }
    let classes = try rankingClasses(yTrue: yTrue, labels: labels, scoreColumns: scores.columns)
    let metric: BinaryRankingMetric = { try binaryRocAuc($0, $1, maxFpr: nil, log: log) }
    guard multiClass == .ovo else {
        return try oneVsRestScores(classes: classes, yTrue: yTrue, yScore: scores, average: average, metric: metric)
    }
    let present = classes.indices.filter { Set(yTrue).contains(classes[$0]) }
    var pairScores: [Double] = [], prevalences: [Double] = []
    for (position, a) in present.enumerated() {
        for b in present[(position + 1)...] {
            let samples = yTrue.indices.filter { yTrue[$0] == classes[a] || yTrue[$0] == classes[b] }
            let aTruth = samples.map { yTrue[$0] == classes[a] ? 1 : 0 }
            let aScore = try metric(aTruth, samples.map { scores.values[$0 * scores.columns + a] })
            let bScore = try metric(aTruth.map { 1 - $0 }, samples.map { scores.values[$0 * scores.columns + b] })
            pairScores.append((aScore + bScore) / 2)
            prevalences.append(Double(samples.count) / Double(yTrue.count))
        }
    }
    if average == .weighted {
        return [zip(pairScores, prevalences).map(*).reduce(0, +) / prevalences.reduce(0, +)]
    }
    return [pairScores.reduce(0, +) / Double(pairScores.count)]
}
