/// Precision, recall and F-score averaged over classes.
public struct PrecisionRecallFscore: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var fscore: Double
}

/// Precision, recall, F-score and support of each class, in the order of `labels`.
public struct PerClassScores: Sendable, Equatable {
    public var labels: [Int]
    public var precision: [Double]
    public var recall: [Double]
    public var fscore: [Double]
    /// The number of samples of each class in `yTrue`.
    public var support: [Int]
}

/// Precision, recall and F-beta averaged as `average` says. Support is not averaged: read it
/// from `precisionRecallFscoreSupportPerClass`.
///
/// With `.binary`, only `posLabel` counts; `labels` then is ignored. With the other averages,
/// `labels` picks the classes to average over (default: every label in either array), and may
/// name classes absent from the data.
public func precisionRecallFscoreSupport(
    yTrue: some LabelInput, yPred: some LabelInput, beta: Double = 1, labels: [Int]? = nil,
    posLabel: Int = 1, average: Average = .binary, zeroDivision: ZeroDivision = .warn
) throws -> PrecisionRecallFscore {
    try reportingWarnings { log in
        let targets = try ClassificationTargets(yTrue: yTrue, yPred: yPred)
        return try averagedScores(targets, beta: beta, labels: labels, posLabel: posLabel, average: average,
                                  warnFor: [.precision, .recall, .fscore], zeroDivision: zeroDivision, log: log)
    }
}

/// Precision, recall, F-beta and support for each of `labels` (default: every label in either
/// array, sorted), scikit-learn's `average=None`.
public func precisionRecallFscoreSupportPerClass(
    yTrue: some LabelInput, yPred: some LabelInput, beta: Double = 1, labels: [Int]? = nil,
    zeroDivision: ZeroDivision = .warn
) throws -> PerClassScores {
    try reportingWarnings { log in
        let targets = try ClassificationTargets(yTrue: yTrue, yPred: yPred)
        return try perClassScores(targets, beta: beta, labels: labels,
                                  warnFor: [.precision, .recall, .fscore], zeroDivision: zeroDivision, log: log)
    }
}

/// The scores that warn when they are ill-defined (scikit-learn's `warn_for`).
enum SetWiseMetric: String {
    case precision = "Precision"
    case recall = "Recall"
    case fscore = "F-score"
}

/// Averaged scores: per-class scores (one pooled "class" for micro) then their mean.
func averagedScores(_ targets: ClassificationTargets, beta: Double, labels: [Int]?, posLabel: Int,
                    average: Average, warnFor: Set<SetWiseMetric>, zeroDivision: ZeroDivision,
                    log: WarningLog) throws -> PrecisionRecallFscore {
    let selected = try setWiseLabels(targets, average: average, labels: labels, posLabel: posLabel, log: log)
    let scores = try perClassScores(targets, beta: beta, labels: selected, pooled: average == .micro,
                                    warnFor: warnFor, zeroDivision: zeroDivision, log: log)
    let weights = average == .weighted ? scores.support.map(Double.init) : nil
    return PrecisionRecallFscore(precision: nanAverage(scores.precision, weights: weights),
                                 recall: nanAverage(scores.recall, weights: weights),
                                 fscore: nanAverage(scores.fscore, weights: weights))
}

/// The labels a set-wise average runs over, checking `average` against the target
/// (scikit-learn's `_check_set_wise_labels`).
func setWiseLabels(_ targets: ClassificationTargets, average: Average, labels: [Int]?, posLabel: Int,
                   log: WarningLog) throws -> [Int]? {
    guard average == .binary else {
        if posLabel != 1 {
            log.warn(.user, "Note that posLabel (set to \(posLabel)) is ignored when average != .binary (got \(average)). You may use labels: [posLabel] to specify a single positive class.")
        }
        return labels
    }
    guard targets.type == .binary else {
        throw MetricsError.invalidParameter("Target is multiclass but average is .binary. Please choose another average setting, one of [.micro, .macro, .weighted], or call the ...PerClass variant.")
    }
    if !targets.presentLabels.contains(posLabel), targets.presentLabels.count >= 2 {
        throw MetricsError.invalidParameter("posLabel=\(posLabel) is not a valid label. It should be one of \(targets.presentLabels)")
    }
    return [posLabel]
}

/// Per-class precision, recall and F-beta for `labels`; when `pooled` (micro average), one
/// entry from the counts summed over `labels`.
func perClassScores(_ targets: ClassificationTargets, beta: Double, labels givenLabels: [Int]?, pooled: Bool = false,
                    warnFor: Set<SetWiseMetric>, zeroDivision: ZeroDivision, log: WarningLog) throws -> PerClassScores {
    guard beta >= 0 else { throw MetricsError.invalidParameter("beta must be >= 0, got \(beta)") }
    let labels = givenLabels ?? targets.presentLabels
    var truePositivesByLabel: [Int: Int] = [:], predictedByLabel: [Int: Int] = [:], actualByLabel: [Int: Int] = [:]
    for (truth, prediction) in zip(targets.yTrue, targets.yPred) {
        actualByLabel[truth, default: 0] += 1
        predictedByLabel[prediction, default: 0] += 1
        if truth == prediction { truePositivesByLabel[truth, default: 0] += 1 }
    }
    var truePositives = labels.map { truePositivesByLabel[$0] ?? 0 }
    var predicted = labels.map { predictedByLabel[$0] ?? 0 }
    var actual = labels.map { actualByLabel[$0] ?? 0 }
    if pooled {
        truePositives = [truePositives.reduce(0, +)]
        predicted = [predicted.reduce(0, +)]
        actual = [actual.reduce(0, +)]
    }
    func divide(_ numerators: [Double], _ denominators: [Double], _ metric: SetWiseMetric, _ modifier: String) -> [Double] {
        var undefined = false
        let result = zip(numerators, denominators).map { numerator, denominator -> Double in
            if denominator == 0 { undefined = true; return zeroDivision.value }
            return numerator / denominator
        }
        if undefined, zeroDivision == .warn, warnFor.contains(metric) {
            let place = result.count == 1 ? "due to" : "in labels with"
            log.warn(.undefinedMetric, "\(metric.rawValue) is ill-defined and being set to 0.0 \(place) no \(modifier) samples. Use `zeroDivision` parameter to control this behavior.")
        }
        return result
    }
    let tp = truePositives.map(Double.init)
    let precision = divide(tp, predicted.map(Double.init), .precision, "predicted")
    let recall = divide(tp, actual.map(Double.init), .recall, "true")
    let fscore: [Double]
    if beta.isInfinite {
        fscore = recall
    } else if beta == 0 {
        fscore = precision
    } else {
        let beta2 = beta * beta
        fscore = divide(tp.map { (1 + beta2) * $0 },
                        zip(actual, predicted).map { beta2 * Double($0) + Double($1) },
                        .fscore, "true nor predicted")
    }
    return PerClassScores(labels: pooled ? [] : labels, precision: precision, recall: recall,
                          fscore: fscore, support: actual)
}

/// The (weighted) mean of the non-NaN values; NaN when there is none. All-zero weights count
/// as equal weights (scikit-learn's `_nanaverage`).
func nanAverage(_ values: [Double], weights: [Double]? = nil) -> Double {
    let kept = values.indices.filter { !values[$0].isNaN }
    guard !kept.isEmpty else { return .nan }
    let keptWeights = kept.map { weights?[$0] ?? 1 }
    let total = keptWeights.reduce(0, +)
    if total == 0 { return kept.map { values[$0] }.reduce(0, +) / Double(kept.count) }
    return zip(kept, keptWeights).map { values[$0] * $1 }.reduce(0, +) / total
}
