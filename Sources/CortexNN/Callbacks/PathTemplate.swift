import Foundation

/// A file path with Python `str.format` placeholders, as Keras' checkpoint paths:
/// `"ckpt/epoch-{epoch:02d}-{val_loss:.2f}"`. A placeholder is `{name}` or `{name:spec}` with
/// spec `[0][width][.precision][d|f|e|g|s]`; `{{` and `}}` are literal braces.
struct PathTemplate {
    let template: String

    enum Failure: Error, CustomStringConvertible {
        case unknownKey(String, available: [String])
        case badPlaceholder(String)

        var description: String {
            switch self {
            case .unknownKey(let key, let available):
                return "the path names {\(key)}, which is not among \(available.sorted().joined(separator: ", "))"
            case .badPlaceholder(let text): return "cannot read the placeholder {\(text)}"
            }
        }
    }

    /// The path with each placeholder replaced by its value.
    func formatted(_ values: [String: Double]) throws -> String {
        var result = ""
        var characters = template[...]
        while let character = characters.popFirst() {
            if character == "{" {
                if characters.first == "{" {
                    characters.removeFirst()
                    result.append("{")
                    continue
                }
                guard let close = characters.firstIndex(of: "}") else { throw Failure.badPlaceholder(String(characters)) }
                let placeholder = String(characters[..<close])
                characters = characters[characters.index(after: close)...]
                result += try format(placeholder, values)
            } else if character == "}" {
                if characters.first == "}" { characters.removeFirst() }
                result.append("}")
            } else {
                result.append(character)
            }
        }
        return result
    }

    private func format(_ placeholder: String, _ values: [String: Double]) throws -> String {
        let parts = placeholder.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(parts[0])
        guard let value = values[key] else { throw Failure.unknownKey(key, available: Array(values.keys)) }
        guard parts.count == 2, !parts[1].isEmpty else {
            return value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : String(Float(value))
        }
        var spec = Substring(parts[1])
        var type: Character = "g"
        if let last = spec.last, "dfegs".contains(last) {
            type = last
            spec = spec.dropLast()
        }
        let zero = spec.first == "0"
        let pieces = spec.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count <= 2, pieces.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { throw Failure.badPlaceholder(placeholder) }
        let width = pieces.first.flatMap { Int($0) }.map(String.init) ?? ""
        let precision = pieces.count == 2 ? "." + pieces[1] : ""
        let flags = zero ? "0" : ""
        switch type {
        case "d" where value.isFinite && Swift.abs(value) < 9e18:
            return String(format: "%\(flags)\(width)lld", Int64(value.rounded(.towardZero)))
        case "s":
            let text = String(Float(value))
            return text.padding(toLength: Swift.max(Int(width) ?? 0, text.count), withPad: " ", startingAt: 0)
        default:
            return String(format: "%\(flags)\(width)\(precision)\(type == "d" || type == "s" ? "g" : String(type))", value)
        }
    }
}
