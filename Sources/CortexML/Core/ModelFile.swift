import CortexData
import Foundation

/// Why a model could not be saved or loaded.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case unwritable(path: String, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason): return "cannot save model to \(path): \(reason)"
        case .unreadable(let path, let reason): return "cannot load model from \(path): \(reason)"
        }
    }
}

/// A model that saves its hyper-parameters and fitted state as JSON and loads back from it.
///
/// The file records the model type, so loading a random forest as a decision tree fails with a
/// clear error instead of producing a broken model.
public protocol PersistentModel: Codable {}

extension PersistentModel {
    /// Writes the model to `url` through a temporary file renamed into place, so a failure never
    /// leaves a half-written file behind.
    public func save(to url: URL) throws {
        try ModelFile.write(self, to: url)
    }

    /// Reads a model saved with `save(to:)`.
    public static func load(from url: URL) throws -> Self {
        try ModelFile.read(Self.self, from: url)
    }
}

/// The JSON envelope behind `PersistentModel`, written with `AtomicFile`.
enum ModelFile {
    static let formatVersion = 1

    private struct Envelope<Model: Codable>: Codable {
        let format: String
        let version: Int
        let model: String
        let state: Model
    }

    private struct Header: Decodable {
        let format: String
        let version: Int
        let model: String
    }

    static func write<Model: Codable>(_ model: Model, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data: Data
        do {
            data = try encoder.encode(Envelope(format: "cortex-ml", version: formatVersion,
                                               model: String(describing: Model.self), state: model))
        } catch {
            throw ModelFileError.unwritable(path: url.path, reason: "\(error)")
        }
        do {
            try AtomicFile.write(data, to: url)
        } catch let DataError.unwritable(_, reason) {
            throw ModelFileError.unwritable(path: url.path, reason: reason)
        }
    }

    static func read<Model: Codable>(_ type: Model.Type, from url: URL) throws -> Model {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let header = try? decoder.decode(Header.self, from: data), header.format == "cortex-ml" else {
            throw ModelFileError.unreadable(path: url.path, reason: "not a Cortex model file")
        }
        guard header.version <= formatVersion else {
            throw ModelFileError.unreadable(path: url.path, reason: "format version \(header.version) is newer than this library's \(formatVersion)")
        }
        let expected = String(describing: Model.self)
        guard header.model == expected else {
            throw ModelFileError.unreadable(path: url.path, reason: "the file holds a \(header.model), not a \(expected)")
        }
        do {
            return try decoder.decode(Envelope<Model>.self, from: data).state
        } catch {
            throw ModelFileError.unreadable(path: url.path, reason: "malformed \(expected): \(error)")
        }
    }
}
