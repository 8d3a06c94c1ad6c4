import Cortex
import Foundation

/// The cells of a CSV file, with its header row when it has one.
public struct CSVTable: Sendable {
    public let header: [String]?
    public let rows: [[String]]

    /// The given columns (all when nil) parsed as numbers into a `[rows, columns]` tensor.
    public func numericTensor(columns: [Int]? = nil, name: String = "CSV") throws -> Tensor {
        let width = rows.first?.count ?? 0
        let selected = columns ?? Array(0..<width)
        var scalars: [Float] = []
        scalars.reserveCapacity(rows.count * selected.count)
        for (rowIndex, row) in rows.enumerated() {
            for column in selected {
                guard column < row.count else {
                    throw DataError.malformed(file: name, reason: "row \(rowIndex + 1) has \(row.count) cells, expected at least \(column + 1)")
                }
                guard let value = Float(row[column].trimmingCharacters(in: .whitespaces)) else {
                    throw DataError.malformed(file: name, reason: "row \(rowIndex + 1), column \(column + 1): '\(row[column])' is not a number")
                }
                scalars.append(value)
            }
        }
        return Tensor(shape: [rows.count, selected.count], scalars: scalars)
    }
}

/// Reads comma-separated (or otherwise delimited) text, RFC 4180 quoting included.
public enum CSVReader {
    public static func read(contentsOf url: URL, delimiter: Character = ",", hasHeader: Bool = true) throws -> CSVTable {
        let data = try Gzip.contentsOfFile(at: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError.malformed(file: url.lastPathComponent, reason: "not UTF-8 text")
        }
        return try parse(text, delimiter: delimiter, hasHeader: hasHeader, name: url.lastPathComponent)
    }

    public static func parse(_ text: String, delimiter: Character = ",", hasHeader: Bool = true,
                             name: String = "CSV") throws -> CSVTable {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                inQuotes = true
            } else if character == delimiter {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                endRow()
            } else {
                field.append(character)
            }
        }
        if inQuotes { throw DataError.malformed(file: name, reason: "a quoted field is never closed") }
        if !field.isEmpty || !row.isEmpty { endRow() }
        if hasHeader, let first = rows.first {
            return CSVTable(header: first, rows: Array(rows.dropFirst()))
        }
        return CSVTable(header: nil, rows: rows)
    }
}
