/// A score of binary 0/1 targets against scores.
typealias BinaryRankingMetric = (_ yTrue: [Int], _ yScore: [Double]) throws -> Double

/// Scores one class against the rest for every column of `yScore` and combines them
/// (scikit-learn's `_average_binary_score` on a label indicator matrix).
///
/// `average` nil gives the per-class scores. `.micro` scores all (sample, class) pairs as one
/// binary problem; `.weighted` weighs classes by their number of true samples, and classes
/// without samples are not scored.
func oneVsRestScores(classes: [Int], yTrue: [Int], yScore: NumericValues, average: Average?,
                     metric: BinaryRankingMetric) throws -> [Double] {
    let indicator = classes.map { label in yTrue.map { $0 == label ? 1 : 0 } }
    if average == .micro {
        let flatTruth = (0..<yScore.rows).flatMap { row in indicator.map { $0[row] } }
        return [try metric(flatTruth, yScore.values)]
    }
    let supports = indicator.map { Double($0.reduce(0, +)) }
    if average == .weighted, supports.reduce(0, +) == 0 { return [0] }
    let scores = try classes.indices.map { column in
        average == .weighted && supports[column] == 0 ? 0 : try metric(indicator[column], yScore.column(column))
    }
    switch average {
    case nil: return scores
    case .weighted: return [zip(scores, supports).map(*).reduce(0, +) / supports.reduce(0, +)]
    default: return [scores.reduce(0, +) / Double(scores.count)]
    }
}

/// Rejects `.binary` for ranking metrics, which average over classes only.
func checkRankingAverage(_ average: Average) throws {
    if average == .binary {
        throw MetricsError.invalidParameter("average has to be one of [.micro, .macro, .weighted] (or call the ...PerClass variant), got .binary")
    }
}
