import Cortex

/// A streaming measure updated batch by batch during `fit`/`evaluate`, with Keras' names.
open class Metric {
    /// The name in logs (`accuracy`, `precision`, ...).
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// Accumulates one batch.
    open func update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor?) {
        preconditionFailure("\(type(of: self)) must override update(yTrue:yPred:sampleWeight:)")
    }

    /// Accumulates one batch whose prediction carries a mask (masked time steps); by default
    /// the mask is ignored.
    open func update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor?, mask: Tensor?) {
        update(yTrue: yTrue, yPred: yPred, sampleWeight: sampleWeight)
    }

    /// The value over everything accumulated since the last reset.
    open func result() -> Float {
        preconditionFailure("\(type(of: self)) must override result()")
    }

    /// Starts accumulating afresh (at each epoch).
    open func reset() {
        preconditionFailure("\(type(of: self)) must override reset()")
    }
}

/// The (weighted) mean of a per-sample value, the shape of most Keras metrics.
public final class MeanMetric: Metric {
    private let perSample: (Tensor, Tensor) -> Tensor
    private var total: Double = 0
    private var weight: Double = 0

    public init(name: String, _ perSample: @escaping (_ yTrue: Tensor, _ yPred: Tensor) -> Tensor) {
        self.perSample = perSample
        super.init(name: name)
    }

    /// With a mask, each kept value counts with its sample's weight and masked ones not at all
    /// (Keras passes the mask as sample weights).
    public override func update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor?, mask: Tensor?) {
        guard let mask else { return update(yTrue: yTrue, yPred: yPred, sampleWeight: sampleWeight) }
        let values = perSample(yTrue, yPred)
        var weights = mask.reshaped(to: values.shape)
        if let sampleWeight {
            weights = weights * sampleWeight.reshaped(to: [-1] + Array(repeating: 1, count: values.rank - 1))
        }
        total += Double((values * weights).sum().scalar)
        weight += Double(weights.sum().scalar)
    }

    public override func update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor?) {
        var values = perSample(yTrue, yPred)
        if values.rank > 1 { values = values.mean(axes: Array(1..<values.rank)) }
        if let sampleWeight {
            let w = sampleWeight.reshaped(to: [-1])
            total += Double((values * w).sum().scalar)
            weight += Double(w.sum().scalar)
        } else {
            total += Double(values.sum().scalar)
            weight += Double(values.count)
        }
    }

    /// Adds an already-reduced value of `count` samples (used for the loss).
    func add(mean value: Float, count: Int) {
        total += Double(value) * Double(count)
        weight += Double(count)
    }

    public override func result() -> Float { weight > 0 ? Float(total / weight) : 0 }

    public override func reset() {
        total = 0
        weight = 0
    }
}

/// Binary precision or recall at a threshold, from streaming true/false positive counts.
public final class ConfusionMetric: Metric {
    public enum Kind: Sendable { case precision, recall }
    public let kind: Kind
    public let threshold: Float
    private var truePositives: Double = 0
    private var falsePositives: Double = 0
    private var falseNegatives: Double = 0

    public init(_ kind: Kind, threshold: Float = 0.5, name: String? = nil) {
        self.kind = kind
        self.threshold = threshold
        super.init(name: name ?? (kind == .precision ? "precision" : "recall"))
    }

    public override func update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor?) {
        let predicted = (yPred .> threshold).reshaped(to: [yPred.shape[0], -1])
        let actual = (yTrue .> 0.5).reshaped(to: [yTrue.shape[0], -1])
        let weights = sampleWeight?.reshaped(to: [-1, 1]) ?? Tensor(1)
        truePositives += Double((predicted * actual * weights).sum().scalar)
        falsePositives += Double((predicted * (1 - actual) * weights).sum().scalar)
        falseNegatives += Double(((1 - predicted) * actual * weights).sum().scalar)
    }

    public override func result() -> Float {
        let denominator = kind == .precision ? truePositives + falsePositives : truePositives + falseNegatives
        return denominator > 0 ? Float(truePositives / denominator) : 0
    }

    public override func reset() {
        truePositives = 0
        falsePositives = 0
        falseNegatives = 0
    }
}

/// The area under the ROC curve, approximated like Keras' `AUC` by counting predictions at
/// `thresholdCount` evenly spaced thresholds and summing trapezoids between them.
public final class AUCMetric: Metric {
    public let thresholdCount: Int
    private var positives: [Double]
    private var negatives: [Double]

    public init(thresholdCount: Int = 200, name: String = "auc") {
        precondition(thresholdCount > 1, "AUC: thresholdCount must be at least 2, got \(thresholdCount)")
        self.thresholdCount = thresholdCount
        positives = [Double](repeating: 0, count: thresholdCount)
        negatives = [Double](repeating: 0, count: thresholdCount)
        super.init(name: name)
    }

    public override func update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor?) {
        let scores = yPred.scalars, labels = yTrue.scalars
        let perSample = scores.count / Swift.max(yPred.shape.first ?? 1, 1)
        let weights = sampleWeight?.scalars
        for (index, score) in scores.enumerated() {
            // Thresholds are −ε, 1/(n−1), ..., (n−2)/(n−1), 1+ε; a score lands in the bucket
            // of the highest threshold it exceeds.
            let bucket = Swift.min(Swift.max(Int((score * Float(thresholdCount - 1)).rounded(.up)) - 1, 0), thresholdCount - 1)
            let weight = weights.map { Double($0[index / Swift.max(perSample, 1)]) } ?? 1
            if labels[index] > 0.5 { positives[bucket] += weight } else { negatives[bucket] += weight }
        }
    }

    public override func result() -> Float {
        // Cumulate from the top: predictions above threshold k.
        var truePositive = [Double](repeating: 0, count: thresholdCount + 1)
        var falsePositive = [Double](repeating: 0, count: thresholdCount + 1)
        for k in stride(from: thresholdCount - 1, through: 0, by: -1) {
            truePositive[k] = truePositive[k + 1] + positives[k]
            falsePositive[k] = falsePositive[k + 1] + negatives[k]
        }
        let totalPositive = truePositive[0], totalNegative = falsePositive[0]
        guard totalPositive > 0, totalNegative > 0 else { return 0 }
        var area = 0.0
        var previous = (fpr: 1.0, tpr: 1.0)
        for k in 1...thresholdCount {
            let point = (fpr: falsePositive[k] / totalNegative, tpr: truePositive[k] / totalPositive)
            area += (previous.fpr - point.fpr) * (previous.tpr + point.tpr) / 2
            previous = point
        }
        return Float(area)
    }

    public override func reset() {
        positives = [Double](repeating: 0, count: thresholdCount)
        negatives = [Double](repeating: 0, count: thresholdCount)
    }
}
