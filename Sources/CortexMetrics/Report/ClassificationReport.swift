import Foundation

/// Precision, recall, F1 and support per class with their averages, as data and as the text
/// table scikit-learn's `classification_report` prints (character for character).
public struct ClassificationReport: Sendable, Equatable, CustomStringConvertible {
    /// One line of the report.
    public struct Row: Sendable, Equatable {
        public var name: String
        public var precision: Double
        public var recall: Double
        public var f1Score: Double
        public var support: Int
    }

    /// One row per class, in the order of `labels`.
    public var classes: [Row]
    /// Accuracy, reported instead of the micro average when the two are equal (every label of
    /// the data is among `labels`).
    public var accuracy: Double?
    /// The micro average, when it differs from accuracy (some labels were left out).
    public var microAverage: Row?
    public var macroAverage: Row
    public var weightedAverage: Row
    /// The number of samples whose true label is among `labels`.
    public var totalSupport: Int { macroAverage.support }

    /// Computes the report. `labels` picks and orders the classes (default: every label in
    /// either array, sorted); `targetNames` names them (default: the label numbers).
    public init(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil, targetNames: [String]? = nil,
                zeroDivision: ZeroDivision = .warn) throws {
        self = try reportingWarnings { log in
            let targets = try ClassificationTargets(yTrue: yTrue, yPred: yPred)
            let reportLabels = labels ?? targets.presentLabels
            let names = try Self.names(targetNames, for: reportLabels, labelsGiven: labels != nil, log: log)
            let warnFor: Set<SetWiseMetric> = [.precision, .recall, .fscore]
            let perClass = try perClassScores(targets, beta: 1, labels: reportLabels, warnFor: warnFor,
                                              zeroDivision: zeroDivision, log: log)
            let totalSupport = perClass.support.reduce(0, +)
            func averageRow(_ average: Average, name: String) throws -> Row {
                let scores = try averagedScores(targets, beta: 1, labels: reportLabels, posLabel: 1, average: average,
                                                warnFor: warnFor, zeroDivision: zeroDivision, log: log)
                return Row(name: name, precision: scores.precision, recall: scores.recall, f1Score: scores.fscore,
                           support: totalSupport)
            }
            let micro = try averageRow(.micro, name: "micro avg")
            let microIsAccuracy = Set(reportLabels).isSuperset(of: targets.presentLabels)
            return ClassificationReport(
                classes: zip(names, reportLabels.indices).map { name, index in
                    Row(name: name, precision: perClass.precision[index], recall: perClass.recall[index],
                        f1Score: perClass.fscore[index], support: perClass.support[index])
                },
                accuracy: microIsAccuracy ? micro.f1Score : nil,
                microAverage: microIsAccuracy ? nil : micro,
                macroAverage: try averageRow(.macro, name: "macro avg"),
                weightedAverage: try averageRow(.weighted, name: "weighted avg"))
        }
    }

    private init(classes: [Row], accuracy: Double?, microAverage: Row?, macroAverage: Row, weightedAverage: Row) {
        self.classes = classes
        self.accuracy = accuracy
        self.microAverage = microAverage
        self.macroAverage = macroAverage
        self.weightedAverage = weightedAverage
    }

    /// The row names: `targetNames`, or the labels as text.
    private static func names(_ targetNames: [String]?, for labels: [Int], labelsGiven: Bool, log: WarningLog) throws -> [String] {
        guard let targetNames else { return labels.map(String.init) }
        if targetNames.count != labels.count {
            guard labelsGiven else {
                throw MetricsError.invalidParameter("Number of classes, \(labels.count), does not match size of targetNames, \(targetNames.count). Try specifying the labels parameter")
            }
            log.warn(.user, "labels size, \(labels.count), does not match size of targetNames, \(targetNames.count)")
        }
        return targetNames
    }

    /// The table with `digits` decimals, laid out exactly like scikit-learn's text report.
    public func text(digits: Int = 2) -> String {
        let heading = "weighted avg"
        let nameWidth = classes.map { $0.name.unicodeScalars.count }.max() ?? 0
        let width = max(nameWidth, heading.count, digits)
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.unicodeScalars.count)) + text
        }
        func line(_ name: String, _ cells: [String]) -> String {
            pad(name, width) + " " + cells.map { " " + pad($0, 9) }.joined() + "\n"
        }
        func row(_ row: Row) -> String {
            line(row.name, [row.precision, row.recall, row.f1Score].map { pythonFixed($0, digits: digits) } + [String(row.support)])
        }
        var report = line("", ["precision", "recall", "f1-score", "support"]) + "\n"
        report += classes.map(row).joined() + "\n"
        if let accuracy {
            report += line("accuracy", ["", "", pythonFixed(accuracy, digits: digits), String(totalSupport)])
        }
        if let microAverage { report += row(microAverage) }
        return report + row(macroAverage) + row(weightedAverage)
    }

    public var description: String { text() }
}

/// Builds the classification report text (scikit-learn's `classification_report`).
/// Use `ClassificationReport` for the numbers themselves.
public func classificationReport(yTrue: some LabelInput, yPred: some LabelInput, labels: [Int]? = nil,
                                 targetNames: [String]? = nil, digits: Int = 2,
                                 zeroDivision: ZeroDivision = .warn) throws -> String {
    guard digits >= 0 else { throw MetricsError.invalidParameter("digits must be >= 0, got \(digits)") }
    return try ClassificationReport(yTrue: yTrue, yPred: yPred, labels: labels, targetNames: targetNames,
                                    zeroDivision: zeroDivision).text(digits: digits)
}

/// `value` with `digits` decimals as Python's `format(value, ".{digits}f")` writes it.
func pythonFixed(_ value: Double, digits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.\(digits)f", value)
}
