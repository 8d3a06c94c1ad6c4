/// Keras' default `filters`: punctuation, tab and newline, each turned into a separator.
public let defaultTextFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

/// The words of `text`, as Keras' `text_to_word_sequence`: lowercased (when `lower`), every
/// character of `filters` replaced by `split`, split on `split`, empty pieces dropped.
/// Characters are Unicode scalars, as Python's string characters are.
public func textToWordSequence(_ text: String, filters: String = defaultTextFilters, lower: Bool = true,
                               split: String = " ") -> [String] {
    let source = lower ? text.lowercased() : text
    let filtered = Set(filters.unicodeScalars)
    let separator = Array(split.unicodeScalars)
    var scalars: [Unicode.Scalar] = []
    for scalar in source.unicodeScalars {
        if filtered.contains(scalar) { scalars += separator } else { scalars.append(scalar) }
    }
    return splitScalars(scalars, on: separator).filter { !$0.isEmpty }
}

/// Python's `str.split(separator)`: the pieces between exact occurrences of `separator`.
private func splitScalars(_ scalars: [Unicode.Scalar], on separator: [Unicode.Scalar]) -> [String] {
    precondition(!separator.isEmpty, "textToWordSequence: split must not be empty")
    var pieces: [String] = []
    var current = String.UnicodeScalarView()
    var position = 0
    while position < scalars.count {
        if scalars[position] == separator[0], position + separator.count <= scalars.count,
           scalars[position..<(position + separator.count)].elementsEqual(separator) {
            pieces.append(String(current))
            current = String.UnicodeScalarView()
            position += separator.count
        } else {
            current.append(scalars[position])
            position += 1
        }
    }
    pieces.append(String(current))
    return pieces
}
