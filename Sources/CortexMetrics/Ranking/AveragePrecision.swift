/// Average precision: the precision at each threshold weighted by the recall it adds, a
/// summary of the precision-recall curve without interpolation.
///
/// Binary `yTrue`: `yScore` is the positive-class score, shape `[n]`, and `posLabel` the
/// positive class. Multiclass `yTrue`: `yScore` is `[n, classes]` in the order of the sorted
/// labels of `yTrue`, each class scored against the rest and combined as `average` says.
public func averagePrecisionScore(yTrue: some LabelInput, yScore: some NumericInput, average: Average = .macro,
                                  posLabel: Int = 1) throws -> Double {
    try checkRankingAverage(average)
    return try averagePrecisionScores(yTrue: yTrue, yScore: yScore, average: average, posLabel: posLabel)[0]
}

/// The average precision of each class against the rest, in the order of the sorted labels of
/// `yTrue`; scikit-learn's `average=None`. A binary target gives the single positive-class value.
public func averagePrecisionScorePerClass(yTrue: some LabelInput, yScore: some NumericInput, posLabel: Int = 1) throws -> [Double] {
    try averagePrecisionScores(yTrue: yTrue, yScore: yScore, average: nil, posLabel: posLabel)
}

private func averagePrecisionScores(yTrue: some LabelInput, yScore: some NumericInput, average: Average?,
                                    posLabel: Int) throws -> [Double] {
    try reportingWarnings { log in
        let truth = try yTrue.classLabels(argument: "yTrue")
        let scores = try yScore.numericValues(argument: "yScore")
        let classes = Set(truth).sorted()
        let metric: BinaryRankingMetric = { yTrue, yScore in
            let curve = try precisionRecallCurve(yTrue: yTrue, yScore: yScore, posLabel: posLabel, dropIntermediate: false, log: log)
            var sum = 0.0
            for i in 1..<curve.recall.count { sum += (curve.recall[i] - curve.recall[i - 1]) * curve.precision[i - 1] }
            return max(0, -sum)
        }
        guard TargetType(labels: truth) == .multiclass else {
            if classes.count == 2, !classes.contains(posLabel) {
                throw MetricsError.invalidParameter("posLabel=\(posLabel) is not a valid label. It should be one of \(classes)")
            }
            return [try metric(truth, try scores.vector(argument: "yScore"))]
        }
        if posLabel != 1 {
            throw MetricsError.invalidParameter("Parameter posLabel is fixed to 1 for multiclass yTrue. Do not set posLabel or set posLabel to 1.")
        }
        if scores.isVector || scores.rows != truth.count || scores.columns != classes.count {
            throw MetricsError.invalidInput(argument: "yScore", reason: "yScore needs to be of shape (n_samples, n_classes) = (\(truth.count), \(classes.count)), since yTrue contains multiple classes. Got yScore.shape=\(scores.shapeDescription).")
        }
        return try oneVsRestScores(classes: classes, yTrue: truth, yScore: scores, average: average, metric: metric)
    }
}
