import Foundation

/// How much the disagreement between two classes weighs in `cohenKappaScore`.
public enum KappaWeights: Sendable {
    /// |i - j|: for ordered classes, a near miss costs less.
    case linear
    /// (i - j)²: for ordered classes, far misses cost much more.
    case quadratic
}

/// The Matthews correlation coefficient: +1 perfect, 0 no better than chance, -1 inverse.
/// One number that stays informative on imbalanced classes; 0 when undefined.
public func matthewsCorrcoef(yTrue: some LabelInput, yPred: some LabelInput) throws -> Double {
    try reportingWarnings { log in
        let matrix = try confusionCounts(ClassificationTargets(yTrue: yTrue, yPred: yPred), labels: nil, log: log)
            .map { $0.map(Double.init) }
        let classes = matrix.indices
        let trueTotals = classes.map { matrix[$0].reduce(0, +) }
        let predictedTotals = classes.map { column in matrix.reduce(0) { $0 + $1[column] } }
        let correct = classes.reduce(0) { $0 + matrix[$1][$1] }
        let samples = predictedTotals.reduce(0, +)
        let dotTP = zip(trueTotals, predictedTotals).reduce(0) { $0 + $1.0 * $1.1 }
        let covariancePredictedTrue = correct * samples - dotTP
        let covariancePredicted = samples * samples - predictedTotals.reduce(0) { $0 + $1 * $1 }
        let covarianceTrue = samples * samples - trueTotals.reduce(0) { $0 + $1 * $1 }
        let product = covariancePredicted * covarianceTrue
        return product == 0 ? 0 : covariancePredictedTrue / product.squareRoot()
    }
}

/// Cohen's kappa: agreement between two annotators (or a model and the truth) corrected for
/// the agreement expected by chance. 1 is perfect, 0 chance level.
///
/// `labels` restricts the classes (at least one must occur in `y1`); `weights` makes it a
/// weighted kappa for ordered classes. When kappa is undefined it is `replaceUndefinedBy`,
/// with a warning.
public func cohenKappaScore(y1: some LabelInput, y2: some LabelInput, labels: [Int]? = nil,
                            weights: KappaWeights? = nil, replaceUndefinedBy: Double = .nan) throws -> Double {
    try reportingWarnings { log in
        let targets = try ClassificationTargets(yTrue: y1, yPred: y2, trueName: "y1", predictedName: "y2")
        let matrix: [[Double]]
        do {
            matrix = try confusionCounts(targets, labels: labels, log: log).map { $0.map(Double.init) }
        } catch MetricsError.invalidParameter(let message) where message.hasPrefix("At least one label") {
            throw MetricsError.invalidParameter("At least one label in `labels` must be present in `y1` (even though `cohenKappaScore` is otherwise agnostic to the order of `y1` and `y2`).")
        }
        let classes = matrix.indices
        let columnTotals = classes.map { column in matrix.reduce(0) { $0 + $1[column] } }
        let rowTotals = classes.map { matrix[$0].reduce(0, +) }
        let total = columnTotals.reduce(0, +)
        if total == 0 {
            log.warn(.undefinedMetric, "`y2` contains no labels that are present in both `y1` and `labels`. `cohenKappaScore` is undefined and set to the value defined by the `replaceUndefinedBy` param, which is set to \(replaceUndefinedBy).")
            return replaceUndefinedBy
        }
        func weight(_ i: Int, _ j: Int) -> Double {
            switch weights {
            case nil: return i == j ? 0 : 1
            case .linear: return Double(abs(i - j))
            case .quadratic: return Double((i - j) * (i - j))
            }
        }
        var observed = 0.0, expected = 0.0
        for i in classes {
            for j in classes {
                observed += weight(i, j) * matrix[i][j]
                expected += weight(i, j) * columnTotals[i] * rowTotals[j] / total
            }
        }
        if expected == 0 {
            log.warn(.undefinedMetric, "`y1`, `y2` and `labels` have only one label in common. `cohenKappaScore` is undefined and set to the value defined by the `replaceUndefinedBy` param, which is set to \(replaceUndefinedBy).")
            return replaceUndefinedBy
        }
        return 1 - observed / expected
    }
}
