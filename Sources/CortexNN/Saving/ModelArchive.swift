import CortexData
import Foundation

/// The file `Model.save(to:)` writes: a zip archive of stored entries, like Keras' `.keras`.
///
/// - `metadata.json`: `{"format": "cortex", "version": 1}`
/// - `config.json`: the architecture (`class_name`, `config`) and `compile_config`
/// - `model.safetensors`: every weight under its name (`dense.kernel`)
/// - `optimizer.safetensors`: the optimizer's slots, step count and scalar state
/// - `training.json`: in `BackupAndRestore` checkpoints only, where training stands
///
/// The archive is written to a temporary file and renamed into place, so a crash leaves the
/// previous file or the new one; reading checks each entry's CRC-32.
struct ModelArchive {
    static let formatVersion = 1

    var config: ConfigValue?
    var weights: SafeTensors
    var optimizer: SafeTensors?
    var training: Data?

    func write(to url: URL) throws {
        var entries: [(name: String, data: Data)] = [
            ("metadata.json", try ModelArchive.json(.object(["format": .string("cortex"), "version": .int(ModelArchive.formatVersion)])))
        ]
        if let config { entries.append(("config.json", try ModelArchive.json(config))) }
        entries.append(("model.safetensors", weights.serialized()))
        if let optimizer { entries.append(("optimizer.safetensors", optimizer.serialized())) }
        if let training { entries.append(("training.json", training)) }
        do {
            try AtomicFile.write(try ZipArchive.data(entries: entries), to: url)
        } catch let error as DataError {
            throw SavedModelError.io(path: url.path, reason: "\(error)")
        }
    }

    static func read(from url: URL) throws -> ModelArchive {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SavedModelError.io(path: url.path, reason: error.localizedDescription)
        }
        return try ModelArchive(data: data, path: url.path)
    }

    static func json(_ value: ConfigValue) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func decodeJSON(_ data: Data) throws -> ConfigValue {
        try JSONDecoder().decode(ConfigValue.self, from: data)
    }
}

extension ModelArchive {
    /// Parses and checks an archive's bytes; `path` names it in errors.
    init(data: Data, path: String) throws {
        func fail(_ reason: String) -> SavedModelError { .malformedFile(path: path, reason: reason) }
        let entries: [String: Data]
        do {
            entries = try ZipArchive.entries(of: data, name: (path as NSString).lastPathComponent)
        } catch let error as DataError {
            throw fail("\(error)")
        }
        guard let metadata = entries["metadata.json"], let header = try? ModelArchive.decodeJSON(metadata),
              case .object(let fields) = header, fields["format"] == .string("cortex"), case .int(let version) = fields["version"] else {
            throw fail("not a saved Cortex model (metadata.json is missing or not Cortex's)")
        }
        guard version <= ModelArchive.formatVersion else { throw fail("format version \(version) is newer than this library's \(ModelArchive.formatVersion)") }
        guard let weights = entries["model.safetensors"] else { throw fail("model.safetensors is missing") }
        do {
            self.init(config: try entries["config.json"].map(ModelArchive.decodeJSON),
                      weights: try SafeTensors(data: weights),
                      optimizer: try entries["optimizer.safetensors"].map { try SafeTensors(data: $0) },
                      training: entries["training.json"])
        } catch let error as SafeTensorsError {
            throw fail("\(error)")
        } catch let error as DecodingError {
            throw fail("config.json is not valid JSON: \(error)")
        }
    }
}
