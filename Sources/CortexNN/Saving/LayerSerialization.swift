import Cortex

/// Layers and models as Keras-shaped configurations (`{"class_name": ..., "config": ...}`)
/// and back. `Sequential` lists its layers; a functional model lists each layer once with its
/// `inbound_nodes` (one list of `[layer, node, tensor]` references per call, so shared layers
/// and nested models keep their wiring), then its `input_layers` and `output_layers`. The
/// tensor is 0, or `i + 1` for the i-th final state of a recurrent call with `returnState`.
enum LayerSerialization {
    // MARK: - Saving

    static func serialize(_ layer: Layer) throws -> ConfigValue {
        let className: String
        var config: [String: ConfigValue]
        if let model = layer as? Sequential {
            (className, config) = ("Sequential", try sequentialConfig(model))
        } else if let model = layer as? Model, type(of: model) == Model.self, model.graph != nil {
            (className, config) = ("Functional", try functionalConfig(model))
        } else {
            className = LayerRegistry.className(of: layer)
            guard LayerRegistry.factory(for: className) != nil else {
                let reason = layer is Lambda
                    ? "a Lambda layer holds a closure; write it as a layer class that conforms to SerializableLayer"
                    : "its class \(className) is not registered; conform it to SerializableLayer and call LayerRegistry.register(\(className).self)"
                throw SavedModelError.unsupported(what: "layer \(layer.name)", reason: reason)
            }
            config = layer.config
            if let wrapper = layer as? WrappingLayer {
                for (key, wrapped) in wrapper.wrappedLayers { config[key] = try serialize(wrapped) }
            }
        }
        config["name"] = .string(layer.name)
        config["trainable"] = .bool(layer.trainable)
        if let regularizer = layer.activityRegularizer { config["activity_regularizer"] = regularizer.configValue }
        return .object(["class_name": .string(className), "config": .object(config)])
    }

    private static func sequentialConfig(_ model: Model) throws -> [String: ConfigValue] {
        var entries: [ConfigValue] = []
        if let input = model.graph?.inputs.first?.node.layer {
            entries.append(try serialize(input))
        }
        entries += try model.layers.map(serialize)
        return ["layers": .array(entries)]
    }

    private static func functionalConfig(_ model: Model) throws -> [String: ConfigValue] {
        let graph = model.graph!
        // Node indices count the calls of each layer within this model.
        var references: [ObjectIdentifier: ConfigValue] = [:]
        var callCounts: [ObjectIdentifier: Int] = [:]
        var inbound: [ObjectIdentifier: [ConfigValue]] = [:]
        func reference(_ tensor: SymbolicTensor) -> ConfigValue { references[ObjectIdentifier(tensor)]! }
        for input in graph.inputs {
            references[ObjectIdentifier(input)] = .array([.string(input.node.layer.name), .int(0), .int(0)])
        }
        for step in graph.steps {
            if let state = step.node.layer as? RecurrentStateOutput {
                // A returned state is tensor `index + 1` of the recurrent call, as in Keras.
                guard case .array(let call) = reference(step.node.inputs[0]) else { preconditionFailure("references are lists") }
                references[ObjectIdentifier(step)] = .array([call[0], call[1], .int(state.index + 1)])
                continue
            }
            let layer = ObjectIdentifier(step.node.layer)
            let index = callCounts[layer, default: 0]
            callCounts[layer] = index + 1
            inbound[layer, default: []].append(.array(step.node.inputs.map(reference)))
            references[ObjectIdentifier(step)] = .array([.string(step.node.layer.name), .int(index), .int(0)])
        }
        var seenNames: Set<String> = []
        let layers = try graph.layers.filter { !($0 is RecurrentStateOutput) }.map { layer -> ConfigValue in
            guard seenNames.insert(layer.name).inserted else {
                throw SavedModelError.unsupported(what: "model \(model.name)", reason: "two of its layers are named \(layer.name)")
            }
            guard case .object(var entry) = try serialize(layer) else { preconditionFailure("serialize returns an object") }
            entry["name"] = .string(layer.name)
            entry["inbound_nodes"] = .array(inbound[ObjectIdentifier(layer)] ?? [])
            return .object(entry)
        }
        return ["layers": .array(layers), "input_layers": .array(graph.inputs.map(reference)),
                "output_layers": .array(graph.outputs.map(reference))]
    }

    // MARK: - Loading

    static func deserialize(_ value: ConfigValue) throws -> Layer {
        let entry = ConfigReader(try value.objectEntries(owner: "layer"), owner: "layer")
        let className = try entry.string("class_name")
        let config = ConfigReader(try entry.object("config"), owner: className)
        let name = try config.name
        let named = ConfigReader(config.values, owner: name)
        let layer: Layer
        switch className {
        case "Sequential": layer = try sequential(named)
        case "Functional": layer = try functional(named)
        default:
            guard let factory = LayerRegistry.factory(for: className) else {
                throw SavedModelError.unknownClass(kind: "layer", name: className)
            }
            layer = try factory(named)
        }
        if named.contains("trainable") { layer.trainable = try named.bool("trainable") }
        layer.activityRegularizer = try named.regularizer("activity_regularizer")
        LayerNames.reserve(name)
        return layer
    }

    private static func sequential(_ config: ConfigReader) throws -> Sequential {
        let model = Sequential(name: try config.name)
        for entry in try config.array("layers") {
            let layer = try deserialize(entry)
            if let input = layer as? InputLayer {
                guard model.layers.isEmpty, model.inputShapes == nil else {
                    throw config.failure("layers", "an InputLayer may only come first")
                }
                model.add(input.output)
            } else {
                model.add(layer)
            }
        }
        // Throws the first shape error met while stacking the layers.
        try model.prepare(forInputShapes: [])
        return model
    }

    private static func functional(_ config: ConfigReader) throws -> Model {
        struct Call {
            let layer: Layer
            let node: Int
            let inputs: [ConfigValue]
        }
        var layers: [String: Layer] = [:]
        var outputs: [String: SymbolicTensor] = [:]
        var pending: [Call] = []
        func key(_ layer: String, _ node: Int, _ tensor: Int = 0) -> String { "\(layer)[\(node)][\(tensor)]" }
        for value in try config.array("layers") {
            let layer = try deserialize(value)
            guard layers.updateValue(layer, forKey: layer.name) == nil else {
                throw config.failure("layers", "name \(layer.name) appears twice")
            }
            let entry = ConfigReader(try value.objectEntries(owner: layer.name), owner: layer.name)
            if let input = layer as? InputLayer {
                outputs[key(input.name, 0)] = input.output
                continue
            }
            for (node, call) in try entry.array("inbound_nodes").enumerated() {
                guard case .array(let inputs) = call, !inputs.isEmpty else {
                    throw entry.failure("inbound_nodes", "expected a non-empty list of [layer, node, tensor] per call")
                }
                pending.append(Call(layer: layer, node: node, inputs: inputs))
            }
        }
        func resolve(_ reference: ConfigValue, owner: String) throws -> SymbolicTensor? {
            guard case .array(let parts) = reference, parts.count == 3, case .string(let layer) = parts[0],
                  case .int(let node) = parts[1], case .int(let tensor) = parts[2] else {
                throw SavedModelError.invalidConfig(owner: owner, reason: "expected a [layer, node, tensor] reference, got \(reference)")
            }
            guard layers[layer] != nil else {
                throw SavedModelError.invalidConfig(owner: owner, reason: "refers to unknown layer \(layer)")
            }
            return outputs[key(layer, node, tensor)]
        }
        // Calls run once all their inputs exist, in as many passes as the graph is deep.
        while !pending.isEmpty {
            var waiting: [Call] = []
            for call in pending {
                let inputs = try call.inputs.map { try resolve($0, owner: call.layer.name) }
                guard inputs.allSatisfy({ $0 != nil }) else {
                    waiting.append(call)
                    continue
                }
                if let recurrent = call.layer as? RecurrentLayer, recurrent.returnState {
                    for (tensor, result) in recurrent.callWithStates(inputs.map { $0! }).enumerated() {
                        outputs[key(call.layer.name, call.node, tensor)] = result
                    }
                } else {
                    outputs[key(call.layer.name, call.node)] = call.layer(inputs.map { $0! })
                }
            }
            guard waiting.count < pending.count else {
                throw config.failure("layers", "the inputs of \(waiting.map(\.layer.name).joined(separator: ", ")) are never produced")
            }
            pending = waiting
        }
        func endpoints(_ key: String) throws -> [SymbolicTensor] {
            try config.array(key).map { reference in
                guard let tensor = try resolve(reference, owner: config.owner) else {
                    throw config.failure(key, "refers to \(reference), which no call produces")
                }
                return tensor
            }
        }
        return try Model(inputs: try endpoints("input_layers"), outputs: try endpoints("output_layers"), name: try config.name)
    }
}
