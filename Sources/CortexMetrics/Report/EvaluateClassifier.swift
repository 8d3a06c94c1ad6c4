import Foundation

/// What `evaluateClassifier` found and wrote.
public struct ClassifierEvaluation {
    /// The classes, in the order of the score columns.
    public var labels: [Int]
    /// Their display names.
    public var classNames: [String]
    /// The label predicted for each sample (argmax, or the threshold for one score column).
    public var predictions: [Int]
    public var report: ClassificationReport
    /// Rows: true class, columns: predicted class, in the order of `labels`.
    public var confusionMatrix: [[Int]]
    /// One-vs-rest ROC AUC per class; nil where the class is absent from `yTrue` (or is
    /// everything), so the AUC is undefined. For a binary problem, one entry: the positive class.
    public var rocAucPerClass: [Double?]
    /// The mean of the defined per-class values: ROC AUC for binary, one-vs-rest macro average
    /// for multiclass probabilities.
    public var rocAuc: Double?
    /// Average precision per class, nil where undefined, like `rocAucPerClass`.
    public var averagePrecisionPerClass: [Double?]
    public var averagePrecision: Double?
    /// The files written: report.txt and each plot as SVG and PNG.
    public var files: [URL]
}

/// Evaluates a classifier from its scores in one call: classification report, confusion
/// matrix, ROC AUC and average precision, written with ROC, precision-recall and
/// confusion-matrix plots (SVG and PNG) to `outputDirectory`.
///
/// `yScore` is either one column per class (probabilities or logits; shape `[n, k]`), in the
/// order of `labels` (default `0..<k`), or a single positive-class score (shape `[n]`) for
/// two classes (`labels` default `[0, 1]`), predicted positive at `threshold` (default 0.5
/// for probabilities, 0 for decision values). Each file is written whole or not at all.
@discardableResult
public func evaluateClassifier(yTrue: some LabelInput, yScore: some NumericInput, labels: [Int]? = nil,
                               targetNames: [String]? = nil, threshold: Double? = nil,
                               outputDirectory: URL) throws -> ClassifierEvaluation {
    let truth = try yTrue.classLabels(argument: "yTrue")
    let scores = try yScore.numericValues(argument: "yScore")
    try checkConsistentLength(truth.count, scores.rows)
    guard !truth.isEmpty else { throw MetricsError.emptyInput(argument: "yTrue") }
    let oneColumn = scores.isVector || scores.columns == 1
    let classes = labels ?? Array(0..<(oneColumn ? 2 : scores.columns))
    guard classes.count == (oneColumn ? 2 : scores.columns), Set(classes).count == classes.count else {
        throw MetricsError.invalidParameter("labels must name \(oneColumn ? 2 : scores.columns) distinct classes, one per score column, got \(classes)")
    }
    let unknown = Set(truth).subtracting(classes)
    guard unknown.isEmpty else { throw MetricsError.invalidParameter("yTrue contains labels not in labels \(classes): \(unknown.sorted())") }
    let names = targetNames ?? classes.map(String.init)
    guard names.count == classes.count else {
        throw MetricsError.invalidParameter("targetNames has \(names.count) names for \(classes.count) classes")
    }

    // One score column per class scored against the rest (the positive class only when binary).
    let columns: [(index: Int, scores: [Double])]
    let predictions: [Int]
    if oneColumn {
        let values = scores.values
        let cut = threshold ?? (values.allSatisfy { $0 >= 0 && $0 <= 1 } ? 0.5 : 0)
        predictions = values.map { $0 >= cut ? classes[1] : classes[0] }
        columns = [(1, values)]
    } else {
        predictions = scores.rowArgmax().map { classes[$0] }
        columns = classes.count == 2 ? [(1, scores.column(1))] : classes.indices.map { ($0, scores.column($0)) }
    }

    let report = try ClassificationReport(yTrue: truth, yPred: predictions, labels: classes, targetNames: names,
                                          zeroDivision: .zero)
    let matrix = try confusionMatrix(yTrue: truth, yPred: predictions, labels: classes)
    var rocCurves: [(name: String, curve: ROCCurve)] = []
    var prCurves: [(name: String, curve: PrecisionRecallCurve)] = []
    var rocAucs: [Double?] = [], averagePrecisions: [Double?] = []
    for column in columns {
        let indicator = truth.map { $0 == classes[column.index] ? 1 : 0 }
        guard Set(indicator).count == 2 else {
            rocAucs.append(nil)
            averagePrecisions.append(nil)
            continue
        }
        rocCurves.append((names[column.index], try rocCurve(yTrue: indicator, yScore: column.scores)))
        prCurves.append((names[column.index], try precisionRecallCurve(yTrue: indicator, yScore: column.scores)))
        rocAucs.append(try rocAucScore(yTrue: indicator, yScore: column.scores))
        averagePrecisions.append(try averagePrecisionScore(yTrue: indicator, yScore: column.scores))
    }
    func mean(_ values: [Double?]) -> Double? {
        let defined = values.compactMap { $0 }
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }

    var evaluation = ClassifierEvaluation(
        labels: classes, classNames: names, predictions: predictions, report: report, confusionMatrix: matrix,
        rocAucPerClass: rocAucs, rocAuc: mean(rocAucs), averagePrecisionPerClass: averagePrecisions,
        averagePrecision: mean(averagePrecisions), files: [])
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    let reportURL = outputDirectory.appendingPathComponent("report.txt")
    try Data(evaluationText(evaluation, scoredClasses: columns.map { names[$0.index] }).utf8).write(to: reportURL, options: .atomic)
    evaluation.files.append(reportURL)
    var figures = [("confusion_matrix", try Figure.confusionMatrix(matrix, classNames: names))]
    if !rocCurves.isEmpty {
        figures.append(("roc_curve", Figure.rocCurves(rocCurves)))
        figures.append(("precision_recall_curve", Figure.precisionRecallCurves(prCurves)))
    }
    for (name, figure) in figures {
        for fileExtension in ["svg", "png"] {
            let url = outputDirectory.appendingPathComponent(name).appendingPathExtension(fileExtension)
            try figure.write(to: url)
            evaluation.files.append(url)
        }
    }
    return evaluation
}

/// report.txt: the classification report, the confusion matrix and the ranking scores.
private func evaluationText(_ evaluation: ClassifierEvaluation, scoredClasses: [String]) -> String {
    func fixed(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "undefined" }
    var text = "Classification report\n\n" + evaluation.report.text(digits: 4)
    text += "\nConfusion matrix (rows: true label, columns: predicted label)\n\n"
    let cells = [[""] + evaluation.classNames] + zip(evaluation.classNames, evaluation.confusionMatrix).map { [$0] + $1.map(String.init) }
    let widths = (0..<cells[0].count).map { column in cells.map { $0[column].count }.max() ?? 0 }
    for row in cells {
        text += zip(row, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ") + "\n"
    }
    let averaging = scoredClasses.count == 1 ? "" : " (one-vs-rest, macro average)"
    text += "\nROC AUC\(averaging): \(fixed(evaluation.rocAuc))\n"
    text += "Average precision\(averaging): \(fixed(evaluation.averagePrecision))\n"
    if scoredClasses.count > 1 {
        let nameWidth = max("Per class".count, scoredClasses.map(\.count).max() ?? 0)
        func line(_ name: String, _ auc: String, _ precision: String) -> String {
            name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " + auc.leftPadded(to: 9, with: " ")
                + "  " + precision.leftPadded(to: 17, with: " ") + "\n"
        }
        text += "\n" + line("Per class", "ROC AUC", "average precision")
        for (index, name) in scoredClasses.enumerated() {
            text += line(name, fixed(evaluation.rocAucPerClass[index]), fixed(evaluation.averagePrecisionPerClass[index]))
        }
    }
    return text
}
