/// The kind of a classification target, as scikit-learn's `type_of_target` names it for
/// integer labels.
enum TargetType: String {
    /// At most two distinct labels.
    case binary
    /// More than two distinct labels.
    case multiclass

    init(labels: [Int]) {
        self = Set(labels).count <= 2 ? .binary : .multiclass
    }
}

/// True and predicted labels checked to describe the same samples (scikit-learn's
/// `_check_targets`).
struct ClassificationTargets {
    let yTrue: [Int]
    let yPred: [Int]
    /// Binary when the two arrays together hold at most two labels.
    let type: TargetType
    /// The sorted union of the labels in both arrays.
    let presentLabels: [Int]

    init(yTrue trueInput: some LabelInput, yPred predictedInput: some LabelInput,
         trueName: String = "yTrue", predictedName: String = "yPred") throws {
        let yTrue = try trueInput.classLabels(argument: trueName)
        let yPred = try predictedInput.classLabels(argument: predictedName)
        try self.init(yTrue: yTrue, yPred: yPred, trueName: trueName, predictedName: predictedName)
    }

    init(yTrue: [Int], yPred: [Int], trueName: String = "yTrue", predictedName: String = "yPred") throws {
        try checkConsistentLength(yTrue.count, yPred.count)
        if yTrue.isEmpty { throw MetricsError.emptyInput(argument: "\(trueName), \(predictedName)") }
        self.yTrue = yTrue
        self.yPred = yPred
        presentLabels = Set(yTrue).union(yPred).sorted()
        type = presentLabels.count <= 2 ? .binary : .multiclass
    }
}
