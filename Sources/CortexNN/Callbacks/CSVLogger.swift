import Foundation

/// Writes one CSV row per epoch (`epoch`, then every log value in name order), as Keras'
/// `CSVLogger`: a training record that survives the process and opens in any spreadsheet.
///
/// The columns are fixed by the first epoch's logs; when those have no `val_` values, a `val_`
/// column is added for each (holding `NA`), as Keras does. Rows end with `\r\n` (Python's csv
/// dialect). With `append`, rows go after an existing file's, and the header is written only
/// when the file is empty.
public final class CSVLogger: Callback {
    public let filename: String
    public let separator: Character
    public let append: Bool
    private var file: FileHandle?
    private var keys: [String]?
    private var writeHeader = true

    public init(filename: String, separator: Character = ",", append: Bool = false) {
        self.filename = filename
        self.separator = separator
        self.append = append
    }

    deinit { try? file?.close() }

    public override func onTrainBegin(logs: Logs) throws {
        try file?.close()
        let manager = FileManager.default
        let exists = manager.fileExists(atPath: filename)
        let size = exists ? (try manager.attributesOfItem(atPath: filename)[.size] as? NSNumber)?.intValue ?? 0 : 0
        writeHeader = !append || size == 0
        if !append || !exists {
            guard manager.createFile(atPath: filename, contents: nil) else {
                throw ModelError.invalidArgument(name: "CSVLogger(filename:)", reason: "cannot create '\(filename)'")
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filename))
        try handle.seekToEnd()
        file = handle
        keys = nil
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) throws {
        guard let file else { return }
        if keys == nil {
            var columns = logs.keys.sorted()
            if !columns.contains(where: { $0.hasPrefix("val_") }) { columns += columns.map { "val_" + $0 } }
            keys = columns
        }
        let columns = keys ?? []
        var text = ""
        if writeHeader {
            text += row(["epoch"] + columns)
            writeHeader = false
        }
        text += row(["\(epoch)"] + columns.map { key in logs[key].map { "\($0)" } ?? "NA" })
        try file.write(contentsOf: Data(text.utf8))
    }

    public override func onTrainEnd(logs: Logs) throws {
        try file?.close()
        file = nil
    }

    /// One line of fields, quoting a field that holds the separator, a quote or a line break.
    private func row(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: String(separator)) + "\r\n"
    }
}
