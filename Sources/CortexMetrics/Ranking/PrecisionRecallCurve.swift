/// Points of a precision-recall curve.
public struct PrecisionRecallCurve: Sendable, Equatable {
    /// Precision at each threshold, then a final 1.
    public var precision: [Double]
    /// Decreasing recall at each threshold, then a final 0.
    public var recall: [Double]
    /// Increasing thresholds; point `i` predicts positive when score >= `thresholds[i]`.
    public var thresholds: [Double]
}

/// Precision and recall of a binary classifier's scores at every distinct threshold.
///
/// `posLabel` names the positive class (needed unless `yTrue` is in {0, 1} or {-1, 1}).
/// `dropIntermediate` removes thresholds that do not change the plotted curve.
public func precisionRecallCurve(yTrue: some LabelInput, yScore: some NumericInput, posLabel: Int? = nil,
                                 dropIntermediate: Bool = false) throws -> PrecisionRecallCurve {
    try reportingWarnings { log in
        try precisionRecallCurve(yTrue: yTrue.classLabels(argument: "yTrue"),
                                 yScore: yScore.numericValues(argument: "yScore").vector(argument: "yScore"),
                                 posLabel: posLabel, dropIntermediate: dropIntermediate, log: log)
    }
}

func precisionRecallCurve(yTrue: [Int], yScore: [Double], posLabel: Int?, dropIntermediate: Bool,
                          log: WarningLog) throws -> PrecisionRecallCurve {
    var counts = try ThresholdCounts(yTrue: yTrue, yScore: yScore, posLabel: posLabel)
    if dropIntermediate, counts.falsePositives.count > 2 {
        let tps = counts.truePositives
        counts.keepPoints { tps[$0] != tps[$0 - 1] || tps[$0 + 1] != tps[$0] }
    }
    let precision = zip(counts.truePositives, counts.falsePositives).map { tp, fp in tp + fp == 0 ? 0 : tp / (tp + fp) }
    let recall: [Double]
    if let positives = counts.truePositives.last, positives > 0 {
        recall = counts.truePositives.map { $0 / positives }
    } else {
        log.warn(.user, "No positive class found in yTrue, recall is set to one for all thresholds.")
        recall = counts.truePositives.map { _ in 1 }
    }
    return PrecisionRecallCurve(precision: precision.reversed() + [1], recall: recall.reversed() + [0],
                                thresholds: counts.thresholds.reversed())
}
