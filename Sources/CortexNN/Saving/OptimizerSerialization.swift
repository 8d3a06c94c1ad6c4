import Cortex

/// Optimizers and learning-rate schedules as Keras-shaped configurations
/// (`{"class_name": "Adam", "config": {"learning_rate": 0.001, "beta_1": 0.9, ...}}`) and back.
enum OptimizerSerialization {
    static func serialize(_ optimizer: Optimizer) throws -> ConfigValue {
        func number(_ value: Float) -> ConfigValue { .double(Double(value)) }
        var config: [String: ConfigValue] = [
            "learning_rate": try serialize(schedule: optimizer.learningRate),
            "clipnorm": optimizer.clipNorm.map(number) ?? .null,
            "clipvalue": optimizer.clipValue.map(number) ?? .null,
            "global_clipnorm": optimizer.globalClipNorm.map(number) ?? .null,
            "weight_decay": optimizer.weightDecay.map(number) ?? .null,
        ]
        let className: String
        switch optimizer {
        case let sgd as SGD:
            className = "SGD"
            config["momentum"] = number(sgd.momentum)
            config["nesterov"] = .bool(sgd.nesterov)
        case let adam as Adam:
            className = adam is AdamW ? "AdamW" : "Adam"
            config.merge(["beta_1": number(adam.beta1), "beta_2": number(adam.beta2), "epsilon": number(adam.epsilon),
                          "amsgrad": .bool(adam.amsgrad)]) { $1 }
        case let rms as RMSprop:
            className = "RMSprop"
            config.merge(["rho": number(rms.rho), "momentum": number(rms.momentum), "epsilon": number(rms.epsilon),
                          "centered": .bool(rms.centered)]) { $1 }
        case let adagrad as Adagrad:
            className = "Adagrad"
            config["initial_accumulator_value"] = number(adagrad.initialAccumulatorValue)
            config["epsilon"] = number(adagrad.epsilon)
        case let adadelta as Adadelta:
            className = "Adadelta"
            config["rho"] = number(adadelta.rho)
            config["epsilon"] = number(adadelta.epsilon)
        case let adamax as Adamax:
            className = "Adamax"
            config.merge(["beta_1": number(adamax.beta1), "beta_2": number(adamax.beta2), "epsilon": number(adamax.epsilon)]) { $1 }
        case let nadam as Nadam:
            className = "Nadam"
            config.merge(["beta_1": number(nadam.beta1), "beta_2": number(nadam.beta2), "epsilon": number(nadam.epsilon)]) { $1 }
        default:
            throw SavedModelError.unsupported(what: "optimizer \(type(of: optimizer))", reason: "only the built-in optimizers are saved with a model")
        }
        return .object(["class_name": .string(className), "config": .object(config)])
    }

    static func deserialize(_ value: ConfigValue) throws -> Optimizer {
        let entry = ConfigReader(try value.objectEntries(owner: "optimizer"), owner: "optimizer")
        let className = try entry.string("class_name")
        let c = ConfigReader(try entry.object("config"), owner: className)
        let optimizer: Optimizer
        switch className {
        case "SGD": optimizer = SGD(momentum: try c.float("momentum"), nesterov: try c.bool("nesterov"))
        case "Adam", "AdamW":
            let (beta1, beta2, epsilon, amsgrad) = (try c.float("beta_1"), try c.float("beta_2"), try c.float("epsilon"), try c.bool("amsgrad"))
            optimizer = className == "Adam" ? Adam(beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
                : AdamW(beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
        case "RMSprop":
            optimizer = RMSprop(rho: try c.float("rho"), momentum: try c.float("momentum"), epsilon: try c.float("epsilon"),
                                centered: try c.bool("centered"))
        case "Adagrad": optimizer = Adagrad(initialAccumulatorValue: try c.float("initial_accumulator_value"), epsilon: try c.float("epsilon"))
        case "Adadelta": optimizer = Adadelta(rho: try c.float("rho"), epsilon: try c.float("epsilon"))
        case "Adamax": optimizer = Adamax(beta1: try c.float("beta_1"), beta2: try c.float("beta_2"), epsilon: try c.float("epsilon"))
        case "Nadam": optimizer = Nadam(beta1: try c.float("beta_1"), beta2: try c.float("beta_2"), epsilon: try c.float("epsilon"))
        default: throw SavedModelError.unknownClass(kind: "optimizer", name: className)
        }
        optimizer.learningRate = try c.decoded("learning_rate", schedule(from:))
        optimizer.clipNorm = try c.optionalFloat("clipnorm")
        optimizer.clipValue = try c.optionalFloat("clipvalue")
        optimizer.globalClipNorm = try c.optionalFloat("global_clipnorm")
        optimizer.weightDecay = try c.optionalFloat("weight_decay")
        guard [optimizer.clipNorm, optimizer.clipValue, optimizer.globalClipNorm].compactMap({ $0 }).count <= 1 else {
            throw c.failure("clipnorm", "at most one of clipnorm, clipvalue and global_clipnorm may be set")
        }
        return optimizer
    }

    static func serialize(schedule: LearningRateSchedule) throws -> ConfigValue {
        func number(_ value: Float) -> ConfigValue { .double(Double(value)) }
        func entry(_ name: String, _ config: [String: ConfigValue]) -> ConfigValue {
            .object(["class_name": .string(name), "config": .object(config)])
        }
        switch schedule {
        case let constant as ConstantLearningRate: return number(constant.rate)
        case let s as ExponentialDecay:
            return entry("ExponentialDecay", ["initial_learning_rate": number(s.initialLearningRate), "decay_steps": .int(s.decaySteps),
                                              "decay_rate": number(s.decayRate), "staircase": .bool(s.staircase)])
        case let s as InverseTimeDecay:
            return entry("InverseTimeDecay", ["initial_learning_rate": number(s.initialLearningRate), "decay_steps": .int(s.decaySteps),
                                              "decay_rate": number(s.decayRate), "staircase": .bool(s.staircase)])
        case let s as PiecewiseConstantDecay:
            return entry("PiecewiseConstantDecay", ["boundaries": .ints(s.boundaries), "values": .array(s.values.map(number))])
        case let s as CosineDecay:
            return entry("CosineDecay", ["initial_learning_rate": number(s.initialLearningRate), "decay_steps": .int(s.decaySteps),
                                         "alpha": number(s.alpha), "warmup_target": s.warmupTarget.map(number) ?? .null,
                                         "warmup_steps": .int(s.warmupSteps)])
        default:
            throw SavedModelError.unsupported(what: "learning-rate schedule \(type(of: schedule))", reason: "only the built-in schedules are saved with a model")
        }
    }

    static func schedule(from value: ConfigValue) throws -> LearningRateSchedule {
        switch value {
        case .double(let rate): return ConstantLearningRate(Float(rate))
        case .int(let rate): return ConstantLearningRate(Float(rate))
        default: break
        }
        let entry = ConfigReader(try value.objectEntries(owner: "learning_rate"), owner: "learning_rate")
        let className = try entry.string("class_name")
        let c = ConfigReader(try entry.object("config"), owner: className)
        switch className {
        case "ExponentialDecay":
            return ExponentialDecay(initialLearningRate: try c.float("initial_learning_rate"), decaySteps: try c.int("decay_steps", atLeast: 1),
                                    decayRate: try c.float("decay_rate"), staircase: try c.bool("staircase"))
        case "InverseTimeDecay":
            return InverseTimeDecay(initialLearningRate: try c.float("initial_learning_rate"), decaySteps: try c.int("decay_steps", atLeast: 1),
                                    decayRate: try c.float("decay_rate"), staircase: try c.bool("staircase"))
        case "PiecewiseConstantDecay":
            let boundaries = try c.ints("boundaries")
            let values = try c.array("values").map { value -> Float in
                switch value {
                case .double(let number): return Float(number)
                case .int(let number): return Float(number)
                default: throw c.failure("values", "expected numbers, got \(value)")
                }
            }
            guard values.count == boundaries.count + 1 else {
                throw c.failure("values", "needs one more value than boundaries, got \(values.count) for \(boundaries.count)")
            }
            return PiecewiseConstantDecay(boundaries: boundaries, values: values)
        case "CosineDecay":
            return CosineDecay(initialLearningRate: try c.float("initial_learning_rate"), decaySteps: try c.int("decay_steps", atLeast: 1),
                               alpha: try c.float("alpha"), warmupTarget: try c.optionalFloat("warmup_target"),
                               warmupSteps: try c.int("warmup_steps", atLeast: 0))
        default: throw SavedModelError.unknownClass(kind: "learning-rate schedule", name: className)
        }
    }
}
