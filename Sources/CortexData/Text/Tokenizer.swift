import Cortex
import Foundation

/// Keras' (legacy) text `Tokenizer`: builds a vocabulary ranked by frequency and turns texts
/// into sequences of word indices or into bag-of-words matrices, with Keras' exact results.
///
/// Index 0 is never a word (it is left for padding). The most frequent word gets index 1, ties
/// ranked by first appearance; with an `oovToken`, the token takes index 1 and stands in for
/// words never seen. With `numWords`, only words of index below `numWords` are kept when
/// converting (the rest become the OOV token, or are dropped without one).
public struct Tokenizer: Sendable {
    public let numWords: Int?
    public let filters: String
    public let lower: Bool
    public let split: String
    public let charLevel: Bool
    public let oovToken: String?

    /// How often each word occurred in the texts fitted on.
    public private(set) var wordCounts: [String: Int] = [:]
    /// In how many texts each word occurred.
    public private(set) var wordDocs: [String: Int] = [:]
    /// Word → index (1-based, most frequent first).
    public private(set) var wordIndex: [String: Int] = [:]
    /// Index → word, the inverse of `wordIndex`.
    public private(set) var indexWord: [Int: String] = [:]
    /// Index → in how many texts (or sequences) it occurred, which tf-idf weighs by.
    public private(set) var indexDocs: [Int: Int] = [:]
    /// The number of texts and sequences fitted on.
    public private(set) var documentCount = 0
    /// The words in order of first appearance, the tie-break of the frequency ranking.
    public private(set) var wordsInOrderOfAppearance: [String] = []

    public init(numWords: Int? = nil, filters: String = defaultTextFilters, lower: Bool = true, split: String = " ",
                charLevel: Bool = false, oovToken: String? = nil) {
        precondition((numWords ?? 0) >= 0, "Tokenizer: numWords must not be negative, got \(numWords!)")
        self.numWords = numWords
        self.filters = filters
        self.lower = lower
        self.split = split
        self.charLevel = charLevel
        self.oovToken = oovToken
    }

    /// Counts the words of `texts` and ranks the whole vocabulary seen so far again.
    public mutating func fitOnTexts(_ texts: [String]) {
        for text in texts {
            documentCount += 1
            let words = tokens(of: text)
            for word in words {
                if wordCounts[word] == nil { wordsInOrderOfAppearance.append(word) }
                wordCounts[word, default: 0] += 1
            }
            for word in Set(words) { wordDocs[word, default: 0] += 1 }
        }
        // Most frequent first; ties in order of first appearance, as Python's stable sort leaves them.
        let ranked = wordsInOrderOfAppearance.enumerated().sorted { a, b in
            let (countA, countB) = (wordCounts[a.element]!, wordCounts[b.element]!)
            return countA != countB ? countA > countB : a.offset < b.offset
        }.map(\.element)
        let vocabulary = (oovToken.map { [$0] } ?? []) + ranked
        wordIndex = [:]
        for (position, word) in vocabulary.enumerated() { wordIndex[word] = position + 1 }
        indexWord = Dictionary(uniqueKeysWithValues: wordIndex.map { ($0.value, $0.key) })
        for (word, documents) in wordDocs { indexDocs[wordIndex[word]!] = documents }
    }

    /// Counts, for tf-idf, the texts each index occurs in, from sequences already made.
    public mutating func fitOnSequences(_ sequences: [[Int]]) {
        documentCount += sequences.count
        for sequence in sequences {
            for index in Set(sequence) { indexDocs[index, default: 0] += 1 }
        }
    }

    /// Each text as the indices of its words; unknown and out-of-range words become the OOV
    /// index, or are dropped without an `oovToken`.
    public func textsToSequences(_ texts: [String]) -> [[Int]] {
        let oovIndex = oovToken.flatMap { wordIndex[$0] }
        return texts.map { text in
            tokens(of: text).compactMap { word in
                guard let index = wordIndex[word] else { return oovToken == nil ? nil : oovIndex }
                return isKept(index) ? index : oovIndex
            }
        }
    }

    /// Each sequence as its words joined by spaces; indices without a kept word become the OOV
    /// token, or are dropped without one.
    public func sequencesToTexts(_ sequences: [[Int]]) -> [String] {
        let oovWord = oovToken.flatMap { wordIndex[$0] }.flatMap { indexWord[$0] }
        return sequences.map { sequence in
            sequence.compactMap { index in
                guard let word = indexWord[index] else { return oovToken == nil ? nil : oovWord }
                return isKept(index) ? word : oovWord
            }.joined(separator: " ")
        }
    }

    /// How `textsToMatrix` fills a text's row: 1 per word present, the word's count, its share
    /// of the text's words, or tf-idf (`(1 + ln count) · ln(1 + documents / (1 + documents with the word))`).
    public enum MatrixMode: String, Sendable {
        case binary, count, freq, tfidf
    }

    /// `[texts, numWords]` (or one column per known word plus column 0 when `numWords` is nil).
    public func textsToMatrix(_ texts: [String], mode: MatrixMode = .binary) throws -> Tensor {
        try sequencesToMatrix(textsToSequences(texts), mode: mode)
    }

    /// `textsToMatrix` for sequences already made.
    public func sequencesToMatrix(_ sequences: [[Int]], mode: MatrixMode = .binary) throws -> Tensor {
        let columns: Int
        if let numWords, numWords > 0 {
            columns = numWords
        } else if !wordIndex.isEmpty {
            columns = wordIndex.count + 1
        } else {
            throw DataError.invalidArgument(name: "Tokenizer", reason: "give numWords, or fit on some texts first")
        }
        if mode == .tfidf && documentCount == 0 {
            throw DataError.invalidArgument(name: "Tokenizer", reason: "fit on some texts before using tfidf mode")
        }
        var values = [Float](repeating: 0, count: sequences.count * columns)
        for (row, sequence) in sequences.enumerated() {
            var counts: [Int: Int] = [:]
            for index in sequence where index < columns { counts[index, default: 0] += 1 }
            for (index, count) in counts {
                let value: Double
                switch mode {
                case .binary: value = 1
                case .count: value = Double(count)
                case .freq: value = Double(count) / Double(sequence.count)
                case .tfidf:
                    let documents = Double(indexDocs[index] ?? 0)
                    value = (1 + log(Double(count))) * log(1 + Double(documentCount) / (1 + documents))
                }
                values[row * columns + index] = Float(value)
            }
        }
        return Tensor(shape: [sequences.count, columns], scalars: values)
    }

    private func isKept(_ index: Int) -> Bool {
        guard let numWords, numWords > 0 else { return true }
        return index < numWords
    }

    /// The words of a text, or its characters with `charLevel`.
    private func tokens(of text: String) -> [String] {
        guard !charLevel else { return (lower ? text.lowercased() : text).unicodeScalars.map { String($0) } }
        return textToWordSequence(text, filters: filters, lower: lower, split: split)
    }
}
