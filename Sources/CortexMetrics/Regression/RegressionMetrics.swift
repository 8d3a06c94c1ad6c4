/// The mean of the squared errors.
public func meanSquaredError(yTrue: some NumericInput, yPred: some NumericInput) throws -> Double {
    let (truth, prediction) = try regressionTargets(yTrue, yPred)
    return mean(zip(truth, prediction).map { ($0 - $1) * ($0 - $1) })
}

/// The square root of the mean squared error, in the units of the target.
public func rootMeanSquaredError(yTrue: some NumericInput, yPred: some NumericInput) throws -> Double {
    try meanSquaredError(yTrue: yTrue, yPred: yPred).squareRoot()
}

/// The mean of the absolute errors: less swayed by outliers than the squared error.
public func meanAbsoluteError(yTrue: some NumericInput, yPred: some NumericInput) throws -> Double {
    let (truth, prediction) = try regressionTargets(yTrue, yPred)
    return mean(zip(truth, prediction).map { abs($0 - $1) })
}

/// The coefficient of determination: 1 - (residual sum of squares) / (total sum of squares).
/// 1 is perfect, 0 predicts no better than the mean, negative is worse.
///
/// With `forceFinite`, a constant `yTrue` gives 1 for a perfect prediction and 0 otherwise
/// instead of NaN or -infinity. Fewer than two samples give NaN with a warning.
public func r2Score(yTrue: some NumericInput, yPred: some NumericInput, forceFinite: Bool = true) throws -> Double {
    try reportingWarnings { log in
        let (truth, prediction) = try regressionTargets(yTrue, yPred)
        guard truth.count >= 2 else {
            log.warn(.undefinedMetric, "R^2 score is not well-defined with less than two samples.")
            return .nan
        }
        let average = mean(truth)
        let residual = zip(truth, prediction).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = truth.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        return explainedFraction(unexplained: residual, total: total, forceFinite: forceFinite)
    }
}

/// The fraction of the target's variance that the prediction explains:
/// 1 - Var(yTrue - yPred) / Var(yTrue). Unlike `r2Score`, a constant bias is not penalised.
/// `forceFinite` as for `r2Score`.
public func explainedVarianceScore(yTrue: some NumericInput, yPred: some NumericInput, forceFinite: Bool = true) throws -> Double {
    let (truth, prediction) = try regressionTargets(yTrue, yPred)
    let differences = zip(truth, prediction).map { $0 - $1 }
    let differenceMean = mean(differences)
    let truthMean = mean(truth)
    return explainedFraction(unexplained: mean(differences.map { ($0 - differenceMean) * ($0 - differenceMean) }),
                             total: mean(truth.map { ($0 - truthMean) * ($0 - truthMean) }),
                             forceFinite: forceFinite)
}

/// 1 - unexplained / total, with scikit-learn's finite replacements when `total` is 0.
private func explainedFraction(unexplained: Double, total: Double, forceFinite: Bool) -> Double {
    guard forceFinite else { return 1 - unexplained / total }
    if unexplained == 0 { return 1 }
    if total == 0 { return 0 }
    return 1 - unexplained / total
}

/// True and predicted values of a single-output regression, checked to match in length.
private func regressionTargets(_ yTrue: some NumericInput, _ yPred: some NumericInput) throws -> ([Double], [Double]) {
    let truth = try yTrue.numericValues(argument: "yTrue")
    let prediction = try yPred.numericValues(argument: "yPred")
    try checkConsistentLength(truth.rows, prediction.rows)
    if truth.rows == 0 { throw MetricsError.emptyInput(argument: "yTrue") }
    return (try truth.vector(argument: "yTrue"), try prediction.vector(argument: "yPred"))
}

private func mean(_ values: [Double]) -> Double {
    values.reduce(0, +) / Double(values.count)
}
