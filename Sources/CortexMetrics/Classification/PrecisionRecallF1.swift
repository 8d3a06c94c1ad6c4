/// The fraction of predicted positives that are right: tp / (tp + fp).
///
/// `average` combines classes (`.binary` scores `posLabel` only); `precisionScorePerClass`
/// gives each class's value. A class never predicted has no precision: `zeroDivision` decides.
public func precisionScore(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil, posLabel: Int = 1,
                           average: Average = .binary, zeroDivision: ZeroDivision = .warn) throws -> Double {
    try averagedSetWiseScore(yTrue, yPred, beta: 1, labels: labels, posLabel: posLabel, average: average,
                             metric: .precision, zeroDivision: zeroDivision).precision
}

/// The fraction of true positives that are found: tp / (tp + fn).
///
/// `average` combines classes (`.binary` scores `posLabel` only); `recallScorePerClass`
/// gives each class's value. A class absent from `yTrue` has no recall: `zeroDivision` decides.
public func recallScore(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil, posLabel: Int = 1,
                        average: Average = .binary, zeroDivision: ZeroDivision = .warn) throws -> Double {
    try averagedSetWiseScore(yTrue, yPred, beta: 1, labels: labels, posLabel: posLabel, average: average,
                             metric: .recall, zeroDivision: zeroDivision).recall
}

/// The harmonic mean of precision and recall: 2 tp / (2 tp + fp + fn).
public func f1Score(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil, posLabel: Int = 1,
                    average: Average = .binary, zeroDivision: ZeroDivision = .warn) throws -> Double {
    try fbetaScore(yTrue: yTrue, yPred: yPred, beta: 1, labels: labels, posLabel: posLabel, average: average,
                   zeroDivision: zeroDivision)
}

/// The weighted harmonic mean of precision and recall, recall counting `beta` times as much:
/// (1 + β²) tp / ((1 + β²) tp + β² fn + fp).
public func fbetaScore(yTrue: some LabelInput, yPred: some LabelInput, beta: Double, labels: [Int]? = nil,
                       posLabel: Int = 1, average: Average = .binary, zeroDivision: ZeroDivision = .warn) throws -> Double {
    try averagedSetWiseScore(yTrue, yPred, beta: beta, labels: labels, posLabel: posLabel, average: average,
                             metric: .fscore, zeroDivision: zeroDivision).fscore
}

/// Precision of each of `labels` (default: every label in either array, sorted).
public func precisionScorePerClass(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil,
                                   zeroDivision: ZeroDivision = .warn) throws -> [Double] {
    try perClassSetWiseScores(yTrue, yPred, beta: 1, labels: labels, metric: .precision, zeroDivision: zeroDivision).precision
}

/// Recall of each of `labels` (default: every label in either array, sorted).
public func recallScorePerClass(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil,
                                zeroDivision: ZeroDivision = .warn) throws -> [Double] {
    try perClassSetWiseScores(yTrue, yPred, beta: 1, labels: labels, metric: .recall, zeroDivision: zeroDivision).recall
}

/// F1 of each of `labels` (default: every label in either array, sorted).
public func f1ScorePerClass(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil,
                            zeroDivision: ZeroDivision = .warn) throws -> [Double] {
    try fbetaScorePerClass(yTrue: yTrue, yPred: yPred, beta: 1, labels: labels, zeroDivision: zeroDivision)
}

/// F-beta of each of `labels` (default: every label in either array, sorted).
public func fbetaScorePerClass(yTrue: some LabelInput, yPred: some LabelInput, beta: Double, labels: [Int]? = nil,
                               zeroDivision: ZeroDivision = .warn) throws -> [Double] {
    try perClassSetWiseScores(yTrue, yPred, beta: beta, labels: labels, metric: .fscore, zeroDivision: zeroDivision).fscore
}

/// One averaged score, warning only about `metric` as scikit-learn's single-score functions do.
private func averagedSetWiseScore(_ yTrue: some LabelInput, _ yPred: some LabelInput, beta: Double, labels: [Int]?,
                                  posLabel: Int, average: Average, metric: SetWiseMetric,
                                  zeroDivision: ZeroDivision) throws -> PrecisionRecallFscore {
    try reportingWarnings { log in
        try averagedScores(ClassificationTargets(yTrue: yTrue, yPred: yPred), beta: beta, labels: labels,
                           posLabel: posLabel, average: average, warnFor: [metric], zeroDivision: zeroDivision, log: log)
    }
}

/// Per-class scores, warning only about `metric`.
private func perClassSetWiseScores(_ yTrue: some LabelInput, _ yPred: some LabelInput, beta: Double, labels: [Int]?,
                                   metric: SetWiseMetric, zeroDivision: ZeroDivision) throws -> PerClassScores {
    try reportingWarnings { log in
        try perClassScores(ClassificationTargets(yTrue: yTrue, yPred: yPred), beta: beta, labels: labels,
                           warnFor: [metric], zeroDivision: zeroDivision, log: log)
    }
}
