/// False and true positive counts when every distinct score in turn is the decision
/// threshold, highest first (scikit-learn's `confusion_matrix_at_thresholds`).
struct ThresholdCounts {
    /// Negatives scored at or above each threshold; the last is the number of negatives.
    var falsePositives: [Double]
    /// Positives scored at or above each threshold; the last is the number of positives.
    var truePositives: [Double]
    /// The distinct scores, decreasing.
    var thresholds: [Double]

    /// `posLabel` nil means 1, allowed only when `yTrue` takes values in {0, 1} or {-1, 1}.
    init(yTrue: [Int], yScore: [Double], posLabel: Int?) throws {
        try checkConsistentLength(yTrue.count, yScore.count)
        if yTrue.isEmpty { throw MetricsError.emptyInput(argument: "yTrue") }
        let classes = Set(yTrue).sorted()
        if classes.count > 2, posLabel == nil {
            throw MetricsError.invalidInput(argument: "yTrue", reason: "multiclass format is not supported")
        }
        let positive = try posLabel ?? defaultPositiveLabel(classes)
        guard yScore.allSatisfy(\.isFinite) else {
            throw MetricsError.invalidInput(argument: "yScore", reason: "Input contains NaN or infinity.")
        }
        let order = yScore.indices.sorted { yScore[$0] > yScore[$1] || (yScore[$0] == yScore[$1] && $0 < $1) }
        falsePositives = []
        truePositives = []
        thresholds = []
        var positives = 0.0
        for (rank, sample) in order.enumerated() {
            if yTrue[sample] == positive { positives += 1 }
            if rank == order.count - 1 || yScore[order[rank + 1]] != yScore[sample] {
                truePositives.append(positives)
                falsePositives.append(Double(rank + 1) - positives)
                thresholds.append(yScore[sample])
            }
        }
    }

    /// Keeps the first and last points and those where `keep(i)` holds for the inner ones.
    mutating func keepPoints(where keep: (Int) -> Bool) {
        let kept = falsePositives.indices.filter { $0 == 0 || $0 == falsePositives.count - 1 || keep($0) }
        falsePositives = kept.map { falsePositives[$0] }
        truePositives = kept.map { truePositives[$0] }
        thresholds = kept.map { thresholds[$0] }
    }
}

/// 1 when the classes are {0, 1}, {-1, 1} or a single one of 0, -1, 1; otherwise the caller
/// has to say which label is positive (scikit-learn's `_check_pos_label_consistency`).
func defaultPositiveLabel(_ classes: [Int]) throws -> Int {
    let accepted: [[Int]] = [[0, 1], [-1, 1], [0], [-1], [1]]
    guard accepted.contains(classes) else {
        let values = classes.map(String.init).joined(separator: ", ")
        throw MetricsError.invalidParameter("yTrue takes value in {\(values)} and posLabel is not specified: either make yTrue take value in {0, 1} or {-1, 1} or pass posLabel explicitly.")
    }
    return 1
}
