import Foundation

/// A model that saves to and loads from a JSON file: its hyper-parameters and fitted state.
///
/// Saving writes a temporary file next to the target and renames it over the target, so a
/// failure never leaves a half-written model behind.
public protocol JSONPersistable: Codable {}

extension JSONPersistable {
    /// Writes the model as JSON to `url`, replacing any file there atomically.
    public func save(to url: URL) throws {
        let data: Data
        do {
            data = try JSONEncoder().encode(self)
        } catch {
            throw MLError.invalidInput(argument: "model", reason: "could not be encoded as JSON: \(error)")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw MLError.invalidInput(argument: "url", reason: "could not write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads a model saved by `save(to:)`.
    public static func load(from url: URL) throws -> Self {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MLError.invalidInput(argument: "url", reason: "could not read \(url.path): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw MLError.invalidInput(argument: "url", reason: "\(url.lastPathComponent) is not a saved \(Self.self): \(error)")
        }
    }
}
