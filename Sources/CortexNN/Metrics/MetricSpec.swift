import Cortex

/// A metric named in `compile(metrics:)`, turned into a fresh streaming `Metric` per output.
public enum MetricSpec: Sendable {
    /// Keras' `"accuracy"`: binary, categorical or sparse categorical, chosen from the loss and
    /// the output shape as Keras does.
    case accuracy
    case binaryAccuracy(threshold: Float = 0.5)
    case categoricalAccuracy
    case sparseCategoricalAccuracy
    case topKCategoricalAccuracy(k: Int = 5)
    case sparseTopKCategoricalAccuracy(k: Int = 5)
    case precision(threshold: Float = 0.5)
    case recall(threshold: Float = 0.5)
    case auc(thresholds: Int = 200)
    case meanSquaredError
    case meanAbsoluteError
    /// Any user metric, made fresh for each output.
    case custom(@Sendable () -> Metric)

    public static var binaryAccuracy: MetricSpec { .binaryAccuracy() }
    public static var precision: MetricSpec { .precision() }
    public static var recall: MetricSpec { .recall() }
    public static var auc: MetricSpec { .auc() }

    /// The metric for an output trained with `loss` whose samples have `outputShape`.
    func make(loss: Loss, outputShape: [Int]?) -> Metric {
        switch self {
        case .accuracy:
            switch loss.name {
            case "sparse_categorical_crossentropy": return MetricSpec.sparseAccuracy(name: "accuracy")
            case "categorical_crossentropy": return MetricSpec.categoricalAccuracy(name: "accuracy")
            case "binary_crossentropy": return MetricSpec.binary(threshold: 0.5, name: "accuracy")
            default:
                if let outputShape, (outputShape.last ?? 1) > 1 { return MetricSpec.categoricalAccuracy(name: "accuracy") }
                return MetricSpec.binary(threshold: 0.5, name: "accuracy")
            }
        case .binaryAccuracy(let threshold): return MetricSpec.binary(threshold: threshold, name: "binary_accuracy")
        case .categoricalAccuracy: return MetricSpec.categoricalAccuracy(name: "categorical_accuracy")
        case .sparseCategoricalAccuracy: return MetricSpec.sparseAccuracy(name: "sparse_categorical_accuracy")
        case .topKCategoricalAccuracy(let k):
            return MeanMetric(name: "top_k_categorical_accuracy") { yTrue, yPred in
                MetricSpec.inTopK(yPred, classes: yTrue.argmax(axis: -1), k: k)
            }
        case .sparseTopKCategoricalAccuracy(let k):
            return MeanMetric(name: "sparse_top_k_categorical_accuracy") { yTrue, yPred in
                MetricSpec.inTopK(yPred, classes: yTrue.reshaped(to: [yPred.shape[0]]), k: k)
            }
        case .precision(let threshold): return ConfusionMetric(.precision, threshold: threshold)
        case .recall(let threshold): return ConfusionMetric(.recall, threshold: threshold)
        case .auc(let thresholds): return AUCMetric(thresholdCount: thresholds)
        case .meanSquaredError:
            return MeanMetric(name: "mean_squared_error") { yTrue, yPred in (yPred - yTrue).square().mean(axis: -1) }
        case .meanAbsoluteError:
            return MeanMetric(name: "mean_absolute_error") { yTrue, yPred in (yPred - yTrue).abs().mean(axis: -1) }
        case .custom(let make): return make()
        }
    }

    private static func binary(threshold: Float, name: String) -> Metric {
        MeanMetric(name: name) { yTrue, yPred in ((yPred .> threshold) .== (yTrue .> 0.5)) }
    }

    private static func categoricalAccuracy(name: String) -> Metric {
        MeanMetric(name: name) { yTrue, yPred in yTrue.argmax(axis: -1) .== yPred.argmax(axis: -1) }
    }

    private static func sparseAccuracy(name: String) -> Metric {
        MeanMetric(name: name) { yTrue, yPred in
            yTrue.reshaped(to: Array(yPred.shape.dropLast())) .== yPred.argmax(axis: -1)
        }
    }

    /// 1 where the score of the true class is among the `k` highest of its row.
    private static func inTopK(_ scores: Tensor, classes: Tensor, k: Int) -> Tensor {
        let trueScores = scores.takeAlongAxis(indices: classes.reshaped(to: [-1, 1]), axis: -1)
        let higher = (scores .> trueScores).sum(axis: -1)
        return higher .< Float(k)
    }
}
