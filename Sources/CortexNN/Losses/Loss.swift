import Cortex

/// A training objective with Keras' name and formula: per-sample values from `(yTrue, yPred)`,
/// averaged over the batch (weighted by sample weights when given).
///
/// Cross-entropies accept `fromLogits: true` and then take one fused, numerically stable path
/// (log-softmax or softplus) instead of a softmax/sigmoid followed by a log.
public struct Loss: @unchecked Sendable {
    /// The name used in logs and saved configurations (`categorical_crossentropy`).
    public let name: String
    /// Per-sample losses: `[batch]` from `yTrue` and `yPred`.
    public let perSample: (_ yTrue: Tensor, _ yPred: Tensor) -> Tensor
    /// The configuration that rebuilds this loss.
    public let config: [String: ConfigValue]

    /// A loss from a closure returning one value per sample (or per element: extra axes are
    /// averaged, as Keras does).
    public init(name: String, config: [String: ConfigValue] = [:], _ perSample: @escaping (_ yTrue: Tensor, _ yPred: Tensor) -> Tensor) {
        self.name = name
        self.config = config
        self.perSample = perSample
    }

    /// The weighted mean over the batch, Keras' `sum_over_batch_size` reduction. A `mask` with
    /// one entry per loss value (`[batch, steps]` for a sequence output) drops the masked values
    /// and scales the kept ones so the mean is over the kept values only (Keras' `apply_mask`).
    public func callAsFunction(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil) -> Tensor {
        var values = perSample(yTrue, yPred)
        if let mask {
            let kept = mask.reshaped(to: values.shape).detached()
            values = values * (kept * (Float(kept.count) / (kept.sum() + 1e-7)))
        }
        if values.rank > 1 { values = values.mean(axes: Array(1..<values.rank)) }
        guard let sampleWeight else { return values.mean() }
        return (values * sampleWeight.reshaped(to: [-1])).sum() / Float(Swift.max(values.count, 1))
    }
}

extension Loss {
    private static let epsilon: Float = 1e-7

    public static var categoricalCrossentropy: Loss { categoricalCrossentropy() }

    /// Cross-entropy against one-hot (or soft) targets over the last axis.
    public static func categoricalCrossentropy(fromLogits: Bool = false, labelSmoothing: Float = 0) -> Loss {
        Loss(name: "categorical_crossentropy", config: ["from_logits": .bool(fromLogits), "label_smoothing": .double(Double(labelSmoothing))]) { yTrue, yPred in
            var target = yTrue
            if labelSmoothing > 0 {
                let classes = Float(yPred.shape.last ?? 1)
                target = target * (1 - labelSmoothing) + labelSmoothing / classes
            }
            let logProbabilities = fromLogits ? yPred.logSoftmax(axis: -1) : normalizedLog(yPred)
            return -(target * logProbabilities).sum(axis: -1)
        }
    }

    public static var sparseCategoricalCrossentropy: Loss { sparseCategoricalCrossentropy() }

    /// Cross-entropy against integer class indices (`[batch]` or `[batch, 1]`).
    public static func sparseCategoricalCrossentropy(fromLogits: Bool = false) -> Loss {
        Loss(name: "sparse_categorical_crossentropy", config: ["from_logits": .bool(fromLogits)]) { yTrue, yPred in
            let logProbabilities = fromLogits ? yPred.logSoftmax(axis: -1) : normalizedLog(yPred)
            let indices = yTrue.reshaped(to: Array(yPred.shape.dropLast()) + [1])
            return -logProbabilities.takeAlongAxis(indices: indices, axis: -1).squeezing(axes: [-1])
        }
    }

    public static var binaryCrossentropy: Loss { binaryCrossentropy() }

    /// Cross-entropy of independent 0/1 targets; averaged over the last axis.
    public static func binaryCrossentropy(fromLogits: Bool = false, labelSmoothing: Float = 0) -> Loss {
        Loss(name: "binary_crossentropy", config: ["from_logits": .bool(fromLogits), "label_smoothing": .double(Double(labelSmoothing))]) { yTrue, yPred in
            let target = labelSmoothing > 0 ? yTrue * (1 - labelSmoothing) + 0.5 * labelSmoothing : yTrue
            if fromLogits {
                // softplus(z) − y·z = max(z, 0) − y·z + log(1 + exp(−|z|)), stable for any z.
                return (yPred.softplus() - target * yPred).mean(axis: -1)
            }
            let p = yPred.clipped(min: epsilon, max: 1 - epsilon)
            return -(target * p.log() + (1 - target) * (1 - p).log()).mean(axis: -1)
        }
    }

    public static var meanSquaredError: Loss {
        Loss(name: "mean_squared_error") { yTrue, yPred in (yPred - yTrue).square().mean(axis: -1) }
    }

    public static var meanAbsoluteError: Loss {
        Loss(name: "mean_absolute_error") { yTrue, yPred in (yPred - yTrue).abs().mean(axis: -1) }
    }

    public static var huber: Loss { huber() }

    /// Quadratic within `delta` of the target, linear beyond.
    public static func huber(delta: Float = 1) -> Loss {
        Loss(name: "huber", config: ["delta": .double(Double(delta))]) { yTrue, yPred in
            let error = (yPred - yTrue).abs()
            let quadratic = error.clipped(min: 0, max: delta)
            let linear = error - quadratic
            return (0.5 * quadratic.square() + delta * linear).mean(axis: -1)
        }
    }

    /// `Σ yTrue · log(yTrue / yPred)` with both clipped to [1e-7, 1].
    public static var kullbackLeiblerDivergence: Loss {
        Loss(name: "kl_divergence") { yTrue, yPred in
            let t = yTrue.clipped(min: epsilon, max: 1), p = yPred.clipped(min: epsilon, max: 1)
            return (t * (t / p).log()).sum(axis: -1)
        }
    }

    /// `mean(max(1 − y·ŷ, 0))` with 0/1 labels mapped to −1/1.
    public static var hinge: Loss {
        Loss(name: "hinge") { yTrue, yPred in (1 - signedLabels(yTrue) * yPred).relu().mean(axis: -1) }
    }

    public static var squaredHinge: Loss {
        Loss(name: "squared_hinge") { yTrue, yPred in (1 - signedLabels(yTrue) * yPred).relu().square().mean(axis: -1) }
    }

    /// The negative cosine similarity along the last axis (−1 when aligned), as Keras.
    public static var cosineSimilarity: Loss {
        Loss(name: "cosine_similarity") { yTrue, yPred in
            let t = yTrue / max(yTrue.square().sum(axis: -1, keepDims: true).sqrt(), Tensor(1e-12))
            let p = yPred / max(yPred.square().sum(axis: -1, keepDims: true).sqrt(), Tensor(1e-12))
            return -(t * p).sum(axis: -1)
        }
    }

    /// Probabilities renormalised over the last axis and clipped before the log, as Keras does
    /// for `from_logits=False`.
    private static func normalizedLog(_ probabilities: Tensor) -> Tensor {
        let normalized = probabilities / probabilities.sum(axis: -1, keepDims: true)
        return normalized.clipped(min: epsilon, max: 1 - epsilon).log()
    }

    private static func signedLabels(_ y: Tensor) -> Tensor {
        Tensor.where(y .== 0, Tensor(-1), y).detached()
    }
}
