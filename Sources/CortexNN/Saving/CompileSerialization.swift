import Cortex

/// What `compile` set, as Keras' `compile_config`: the optimizer with its hyper-parameters, one
/// loss per output (`{"class_name": "categorical_crossentropy", "config": {...}}`), the loss
/// weights and the metrics. Custom losses and metrics are saved by name and found again in the
/// registries filled by `Loss.register` and `MetricSpec.register`.
enum CompileSerialization {
    static let losses = NamedRegistry<Loss>()
    static let metrics = NamedRegistry<@Sendable () -> Metric>()

    static func serialize(_ configuration: CompiledConfiguration) throws -> ConfigValue {
        .object([
            "optimizer": try OptimizerSerialization.serialize(configuration.optimizer),
            "loss": .array(configuration.losses.map { .object(["class_name": .string($0.name), "config": .object($0.config)]) }),
            "loss_weights": configuration.lossWeights.map { .array($0.map { .double(Double($0)) }) } ?? .null,
            "metrics": .array(configuration.metrics.map(serialize)),
        ])
    }

    static func compile(_ model: Model, from value: ConfigValue) throws {
        let c = ConfigReader(try value.objectEntries(owner: "compile_config"), owner: "compile_config")
        let optimizer = try c.decoded("optimizer", OptimizerSerialization.deserialize)
        let losses = try c.array("loss").map(loss)
        let weights = c.contains("loss_weights") ? try c.array("loss_weights").map { value -> Float in
            switch value {
            case .double(let weight): return Float(weight)
            case .int(let weight): return Float(weight)
            default: throw c.failure("loss_weights", "expected numbers, got \(value)")
            }
        } : nil
        let metrics = try c.array("metrics").map(metric)
        model.compile(optimizer: optimizer, loss: losses, metrics: metrics, lossWeights: weights)
    }

    private static func loss(_ value: ConfigValue) throws -> Loss {
        let entry = ConfigReader(try value.objectEntries(owner: "loss"), owner: "loss")
        let name = try entry.string("class_name")
        let c = ConfigReader(entry.contains("config") ? try entry.object("config") : [:], owner: name)
        switch name {
        case "categorical_crossentropy":
            return .categoricalCrossentropy(fromLogits: try c.bool("from_logits"), labelSmoothing: try c.float("label_smoothing"))
        case "sparse_categorical_crossentropy": return .sparseCategoricalCrossentropy(fromLogits: try c.bool("from_logits"))
        case "binary_crossentropy":
            return .binaryCrossentropy(fromLogits: try c.bool("from_logits"), labelSmoothing: try c.float("label_smoothing"))
        case "mean_squared_error": return .meanSquaredError
        case "mean_absolute_error": return .meanAbsoluteError
        case "huber": return .huber(delta: try c.float("delta"))
        case "kl_divergence": return .kullbackLeiblerDivergence
        case "hinge": return .hinge
        case "squared_hinge": return .squaredHinge
        case "cosine_similarity": return .cosineSimilarity
        default:
            guard let registered = losses[name] else { throw SavedModelError.unknownClass(kind: "loss", name: name) }
            return registered
        }
    }

    private static func serialize(_ metric: MetricSpec) -> ConfigValue {
        func entry(_ name: String, _ config: [String: ConfigValue] = [:]) -> ConfigValue {
            .object(["class_name": .string(name), "config": .object(config)])
        }
        switch metric {
        case .accuracy: return entry("accuracy")
        case .binaryAccuracy(let threshold): return entry("binary_accuracy", ["threshold": .double(Double(threshold))])
        case .categoricalAccuracy: return entry("categorical_accuracy")
        case .sparseCategoricalAccuracy: return entry("sparse_categorical_accuracy")
        case .topKCategoricalAccuracy(let k): return entry("top_k_categorical_accuracy", ["k": .int(k)])
        case .sparseTopKCategoricalAccuracy(let k): return entry("sparse_top_k_categorical_accuracy", ["k": .int(k)])
        case .precision(let threshold): return entry("precision", ["thresholds": .double(Double(threshold))])
        case .recall(let threshold): return entry("recall", ["thresholds": .double(Double(threshold))])
        case .auc(let thresholds): return entry("auc", ["num_thresholds": .int(thresholds)])
        case .meanSquaredError: return entry("mean_squared_error")
        case .meanAbsoluteError: return entry("mean_absolute_error")
        case .custom(let make): return entry(make().name)
        }
    }

    private static func metric(_ value: ConfigValue) throws -> MetricSpec {
        let entry = ConfigReader(try value.objectEntries(owner: "metric"), owner: "metric")
        let name = try entry.string("class_name")
        let c = ConfigReader(entry.contains("config") ? try entry.object("config") : [:], owner: name)
        switch name {
        case "accuracy": return .accuracy
        case "binary_accuracy": return .binaryAccuracy(threshold: try c.float("threshold"))
        case "categorical_accuracy": return .categoricalAccuracy
        case "sparse_categorical_accuracy": return .sparseCategoricalAccuracy
        case "top_k_categorical_accuracy": return .topKCategoricalAccuracy(k: try c.int("k", atLeast: 1))
        case "sparse_top_k_categorical_accuracy": return .sparseTopKCategoricalAccuracy(k: try c.int("k", atLeast: 1))
        case "precision": return .precision(threshold: try c.float("thresholds"))
        case "recall": return .recall(threshold: try c.float("thresholds"))
        case "auc": return .auc(thresholds: try c.int("num_thresholds", atLeast: 2))
        case "mean_squared_error": return .meanSquaredError
        case "mean_absolute_error": return .meanAbsoluteError
        default:
            guard let make = metrics[name] else { throw SavedModelError.unknownClass(kind: "metric", name: name) }
            return .custom(make)
        }
    }
}

extension Loss {
    /// Registers a custom loss under its `name`, so that models compiled with it load compiled.
    public static func register(_ loss: Loss) {
        CompileSerialization.losses[loss.name] = loss
    }
}

extension MetricSpec {
    /// Registers a custom metric under `name` (the name its `Metric` reports), so that models
    /// compiled with `.custom` metrics load compiled.
    public static func register(name: String, _ make: @escaping @Sendable () -> Metric) {
        CompileSerialization.metrics[name] = make
    }
}
