import Foundation

/// The image files of a directory with one subdirectory per class, listed the way Keras'
/// `flow_from_directory` lists them: classes in alphabetical order (their index is their
/// position), files of each class walked recursively in sorted order, and with a validation
/// split, the first `validationSplit` fraction of each class for `.validation` and the rest for
/// `.training`.
///
/// PNG and JPEG files are taken (by extension, any case); other files are ignored. A file whose
/// first bytes are not a PNG or JPEG header, or which cannot be read, is skipped with a
/// `DataWarning` naming it.
public struct ImageDirectory: Sendable {
    /// The root directory.
    public let directory: URL
    /// Class name → class index.
    public let classIndices: [String: Int]
    /// The class names in index order.
    public let classNames: [String]
    /// The files, relative to `directory` (`"cats/001.png"`), in order.
    public let filenames: [String]
    /// The class index of each file.
    public let classes: [Int]

    /// The number of images.
    public var samples: Int { filenames.count }

    /// Lists `directory`. `classes` restricts and orders the classes (default: every
    /// subdirectory, alphabetically); `subset` with `validationSplit` in (0, 1) takes one part.
    public init(_ directory: URL, classes: [String]? = nil, subset: DataSubset? = nil, validationSplit: Double = 0) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError.fileNotFound(path: directory.path)
        }
        if subset != nil, !(validationSplit > 0 && validationSplit < 1) {
            throw DataError.invalidArgument(name: "validationSplit", reason: "a subset needs a validationSplit strictly between 0 and 1, got \(validationSplit)")
        }
        let names = try classes ?? manager.contentsOfDirectory(atPath: directory.path).filter { name in
            var isFolder: ObjCBool = false
            return manager.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
        var filenames: [String] = []
        var labels: [Int] = []
        for (index, name) in names.enumerated() {
            let folder = directory.appendingPathComponent(name)
            guard manager.fileExists(atPath: folder.path) else {
                throw DataError.fileNotFound(path: folder.path)
            }
            var files = try Self.imageFiles(in: folder, relativeTo: name)
            if let subset {
                let cut = Int(validationSplit * Double(files.count))
                files = subset == .validation ? Array(files[..<cut]) : Array(files[cut...])
            }
            for file in files where Self.hasImageHeader(directory.appendingPathComponent(file)) {
                filenames.append(file)
                labels.append(index)
            }
        }
        self.directory = directory
        self.classNames = names
        self.classIndices = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.filenames = filenames
        self.classes = labels
    }

    /// PNG and JPEG files under `folder`, recursively, as paths starting with `prefix`: sorted
    /// by folder, then by name within each folder (Keras sorts `os.walk` by root).
    private static func imageFiles(in folder: URL, relativeTo prefix: String) throws -> [String] {
        let manager = FileManager.default
        var folders = [(folder, prefix)]
        var found: [(folder: String, name: String)] = []
        while let (current, relative) = folders.popLast() {
            for name in try manager.contentsOfDirectory(atPath: current.path) {
                let url = current.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    folders.append((url, relative + "/" + name))
                } else if ImageFormat(pathExtension: url.pathExtension) != nil {
                    found.append((relative, name))
                }
            }
        }
        return found.sorted { ($0.folder, $0.name) < ($1.folder, $1.name) }.map { $0.folder + "/" + $0.name }
    }

    /// Whether the file starts with a PNG or JPEG signature; warns and returns false otherwise.
    private static func hasImageHeader(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            DataWarnings.warn("cannot be opened; skipped", file: url.path)
            return false
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 8)) ?? Data()
        guard header.withUnsafeBytes({ ImageFormat(signature: $0) }) != nil else {
            DataWarnings.warn("is not a PNG or JPEG image; skipped", file: url.path)
            return false
        }
        return true
    }
}
