import Foundation

/// Cross-entropy of predicted probabilities against the true labels: the mean over samples of
/// -log(probability given to the true class), or the sum when `normalize` is false.
///
/// `yProba` holds one column per class in the order of `labels` (default: the sorted labels of
/// `yTrue`); for two classes it may be the probability of the greater label alone.
/// Probabilities are clipped to [ε, 1 - ε] with ε = `Double.ulpOfOne`.
public func logLoss(yTrue: some LabelInput, yProba: some NumericInput, normalize: Bool = true,
                    labels: [Int]? = nil) throws -> Double {
    try reportingWarnings { log in
        let truth = try yTrue.classLabels(argument: "yTrue")
        let probabilities = try yProba.numericValues(argument: "yProba")
        if let maximum = probabilities.values.max(), maximum > 1 {
            throw MetricsError.invalidInput(argument: "yProba", reason: "yProba contains values greater than 1: \(maximum)")
        }
        if let minimum = probabilities.values.min(), minimum < 0 {
            throw MetricsError.invalidInput(argument: "yProba", reason: "yProba contains values lower than 0: \(minimum)")
        }
        try checkConsistentLength(probabilities.rows, truth.count)
        let classes = try logLossClasses(yTrue: truth, labels: labels, log: log)
        let columns = probabilities.columns == 1 ? 2 : probabilities.columns
        func probability(_ row: Int, _ column: Int) -> Double {
            guard probabilities.columns == 1 else { return probabilities.values[row * columns + column] }
            let positive = probabilities.values[row]
            return column == 1 ? positive : 1 - positive
        }
        let tolerance = Double.ulpOfOne.squareRoot()
        for row in 0..<probabilities.rows {
            let sum = (0..<columns).reduce(0) { $0 + probability(row, $1) }
            if abs(sum - 1) > 1e-8 + tolerance {
                log.warn(.user, "The yProba values do not sum to one. Make sure to pass probabilities.")
                break
            }
        }
        if classes.count != columns {
            if labels == nil {
                throw MetricsError.invalidParameter("yTrue and yProba contain different number of classes: \(classes.count) vs \(columns). Please provide the true labels explicitly through the labels argument. Classes found in yTrue: \(classes)")
            }
            throw MetricsError.invalidParameter("The number of classes in labels is different from that in yProba. Classes found in labels: \(classes)")
        }
        let epsilon = Double.ulpOfOne
        var total = 0.0
        for (row, label) in truth.enumerated() {
            let column = classes.firstIndex(of: label)!
            total -= Foundation.log(min(max(probability(row, column), epsilon), 1 - epsilon))
        }
        return normalize ? total / Double(truth.count) : total
    }
}

/// The sorted classes that the probability columns stand for, checked like scikit-learn's
/// `LabelBinarizer` step in `log_loss`.
private func logLossClasses(yTrue: [Int], labels: [Int]?, log: WarningLog) throws -> [Int] {
    let classes = Set(labels ?? yTrue).sorted()
    if let labels {
        if labels != classes {
            log.warn(.user, "Labels passed were \(labels). But this function assumes labels are ordered lexicographically. Pass the ordered labels=\(classes) and ensure that the columns of yProba correspond to this ordering.")
        }
        let undeclared = Set(yTrue).subtracting(labels)
        if !undeclared.isEmpty {
            throw MetricsError.invalidParameter("yTrue contains values \(undeclared.sorted()) not belonging to the passed labels \(labels).")
        }
    }
    if classes.count == 1 {
        if labels == nil {
            throw MetricsError.invalidParameter("yTrue contains only one label (\(classes[0])). Please provide the list of all expected class labels explicitly through the labels argument.")
        }
        throw MetricsError.invalidParameter("The labels array needs to contain at least two labels, got \(classes).")
    }
    return classes
}
