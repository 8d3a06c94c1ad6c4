/// Points of a receiver operating characteristic curve.
public struct ROCCurve: Sendable, Equatable {
    /// False positive rates, increasing from 0.
    public var fpr: [Double]
    /// True positive rates, increasing from 0.
    public var tpr: [Double]
    /// Decreasing score thresholds; point `i` predicts positive when score >= `thresholds[i]`.
    /// The first is +infinity (nothing predicted positive).
    public var thresholds: [Double]
}

/// The ROC curve of a binary classifier's scores.
///
/// `posLabel` names the positive class (needed unless `yTrue` is in {0, 1} or {-1, 1}).
/// `dropIntermediate` removes points collinear with their neighbours, which changes neither
/// the plot nor the area. Without negatives (or positives) the rates are NaN, with a warning.
public func rocCurve(yTrue: some LabelInput, yScore: some NumericInput, posLabel: Int? = nil,
                     dropIntermediate: Bool = true) throws -> ROCCurve {
    try reportingWarnings { log in
        try rocCurve(yTrue: yTrue.classLabels(argument: "yTrue"),
                     yScore: yScore.numericValues(argument: "yScore").vector(argument: "yScore"),
                     posLabel: posLabel, dropIntermediate: dropIntermediate, log: log)
    }
}

func rocCurve(yTrue: [Int], yScore: [Double], posLabel: Int?, dropIntermediate: Bool, log: WarningLog) throws -> ROCCurve {
    var counts = try ThresholdCounts(yTrue: yTrue, yScore: yScore, posLabel: posLabel)
    if dropIntermediate, counts.falsePositives.count > 2 {
        let (fps, tps) = (counts.falsePositives, counts.truePositives)
        func secondDifference(_ x: [Double], _ i: Int) -> Double { (x[i + 1] - x[i]) - (x[i] - x[i - 1]) }
        counts.keepPoints { secondDifference(fps, $0) != 0 || secondDifference(tps, $0) != 0 }
    }
    let fps = [0] + counts.falsePositives
    let tps = [0] + counts.truePositives
    func rates(_ counts: [Double], warning: String) -> [Double] {
        guard let total = counts.last, total > 0 else {
            log.warn(.undefinedMetric, warning)
            return counts.map { _ in .nan }
        }
        return counts.map { $0 / total }
    }
    return ROCCurve(
        fpr: rates(fps, warning: "No negative samples in yTrue, false positive value should be meaningless"),
        tpr: rates(tps, warning: "No positive samples in yTrue, true positive value should be meaningless"),
        thresholds: [.infinity] + counts.thresholds)
}
