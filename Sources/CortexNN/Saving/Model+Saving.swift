import Cortex
import CortexData
import Foundation

extension Model {
    // MARK: - Whole models

    /// Saves the architecture, the weights, and (when compiled) the compile configuration and
    /// optimizer state to one archive at `url` (see `docs/saving.md`), crash-safely.
    /// `Model.load(from:)` gives back a model that predicts identically and trains on exactly
    /// as this one would.
    public func save(to url: URL) throws {
        guard case .object(var config) = try LayerSerialization.serialize(self) else {
            preconditionFailure("a layer serializes to an object")
        }
        config["compile_config"] = try compiled.map { try CompileSerialization.serialize($0) } ?? .null
        let optimizer = compiled.map { OptimizerState.tensors(of: $0.optimizer, variables: variables) }
        try ModelArchive(config: .object(config), weights: try weightFile(), optimizer: optimizer).write(to: url)
    }

    /// Loads a model saved with `save(to:)`: rebuilt from its configuration (custom layers must
    /// be registered with `LayerRegistry`), with its weights, and compiled with its optimizer
    /// state unless `compile` is false. Leaves the global random generator as it was.
    public static func load(from url: URL, compile: Bool = true) throws -> Model {
        try load(ModelArchive.read(from: url), path: url.path, compile: compile)
    }

    /// `load(from:)` for an archive already read.
    static func load(_ archive: ModelArchive, path: String, compile: Bool = true) throws -> Model {
        guard let config = archive.config else {
            throw SavedModelError.malformedFile(path: path, reason: "config.json is missing (a checkpoint of weights only?)")
        }
        let model = try fromConfig(config)
        try model.assignWeights(archive.weights, skipMismatch: false)
        if compile, case .object(let entries) = config, let compileConfig = entries["compile_config"], compileConfig != .null {
            try CompileSerialization.compile(model, from: compileConfig)
            if let optimizer = archive.optimizer {
                try OptimizerState.restore(optimizer, into: model.compiled!.optimizer, variables: model.variables)
            }
        }
        return model
    }

    // MARK: - Architecture

    /// The architecture as Keras-shaped JSON (`class_name`, `config`, `inbound_nodes`).
    public func toJSON() throws -> String {
        String(decoding: try ModelArchive.json(try LayerSerialization.serialize(self)), as: UTF8.self)
    }

    /// A new model with freshly initialised weights from `toJSON()`'s output.
    public static func fromJSON(_ json: String) throws -> Model {
        let config: ConfigValue
        do {
            config = try ModelArchive.decodeJSON(Data(json.utf8))
        } catch {
            throw SavedModelError.invalidConfig(owner: "model", reason: "not valid JSON: \(error)")
        }
        return try fromConfig(config)
    }

    /// Rebuilds a model from its configuration without disturbing the global random generator
    /// (the fresh weights draw from it).
    static func fromConfig(_ config: ConfigValue) throws -> Model {
        let randomState = Random.state
        defer { Random.state = randomState }
        guard let model = try LayerSerialization.deserialize(config) as? Model else {
            throw SavedModelError.invalidConfig(owner: "model", reason: "the configuration describes a layer, not a model")
        }
        return model
    }

    // MARK: - Weights

    /// Writes every weight under its name (`dense.kernel`) to a safetensors file, crash-safely.
    public func saveWeights(to url: URL) throws {
        do {
            try weightFile().write(to: url)
        } catch let SafeTensorsError.io(path, reason) {
            throw SavedModelError.io(path: path, reason: reason)
        }
    }

    /// Assigns weights by name from a safetensors file. Any missing, unexpected or wrongly
    /// shaped weight throws `SavedModelError.weightMismatch` listing them all, and nothing is
    /// assigned; with `skipMismatch`, the weights that match by name and shape are assigned
    /// and the rest are left alone.
    public func loadWeights(from url: URL, skipMismatch: Bool = false) throws {
        let file: SafeTensors
        do {
            file = try SafeTensors.read(from: url)
        } catch let error as SafeTensorsError {
            throw SavedModelError.malformedFile(path: url.path, reason: "\(error)")
        }
        try assignWeights(file, skipMismatch: skipMismatch)
    }

    /// The weights by name; two weights sharing a name cannot be saved.
    func weightFile() throws -> SafeTensors {
        var file = SafeTensors()
        for variable in variables {
            guard file.tensors.updateValue(variable.value, forKey: variable.name) == nil else {
                throw SavedModelError.unsupported(what: "model \(name)", reason: "two of its weights are named \(variable.name); give the layers distinct names")
            }
        }
        return file
    }

    func assignWeights(_ file: SafeTensors, skipMismatch: Bool) throws {
        let own = variables
        let names = Set(own.map(\.name))
        let missing = own.map(\.name).filter { file.tensors[$0] == nil }
        let unexpected = file.tensors.keys.filter { !names.contains($0) }.sorted()
        let wrongShape = own.compactMap { variable -> SavedModelError.WrongShape? in
            guard let saved = file.tensors[variable.name], saved.shape != variable.shape else { return nil }
            return SavedModelError.WrongShape(name: variable.name, expected: variable.shape, found: saved.shape)
        }
        if !skipMismatch, !(missing.isEmpty && unexpected.isEmpty && wrongShape.isEmpty) {
            throw SavedModelError.weightMismatch(missing: missing, unexpected: unexpected, wrongShape: wrongShape)
        }
        for variable in own {
            if let saved = file.tensors[variable.name], saved.shape == variable.shape { variable.assign(saved) }
        }
    }
}
