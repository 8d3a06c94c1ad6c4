import Cortex
import XCTest
@testable import CortexData

/// Expected values are Keras 3's legacy `Tokenizer` and `pad_sequences` on the same inputs
/// (see scripts/text_reference.py).
final class TextPreprocessingTests: XCTestCase {
    private let texts = [
        "The cat sat on the mat.",
        "The dog ate my homework!",
        "Cat and dog: friends? Maybe...",
        "Éclair, café\tand crème brûlée\nfor the cat",
    ]
    private let newTexts = ["the unknown cat ate the éclair", "", "dog dog dog"]

    private func fitted(_ tokenizer: Tokenizer) -> Tokenizer {
        var tokenizer = tokenizer
        tokenizer.fitOnTexts(texts)
        return tokenizer
    }

    private func assertRows(_ tensor: Tensor, _ expected: [[Float]], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(tensor.shape, [expected.count, expected.first?.count ?? 0], file: file, line: line)
        XCTAssertTrue(tensor.isAlmostEqual(to: Tensor(shape: tensor.shape, scalars: expected.flatMap { $0 }), absoluteTolerance: 1e-5),
                      "\(tensor.scalars)", file: file, line: line)
    }

    func testWordSequence() {
        XCTAssertEqual(textToWordSequence(texts[2]), ["cat", "and", "dog", "friends", "maybe"])
    }

    func testVocabularyRankedByFrequencyThenFirstAppearance() {
        let tokenizer = fitted(Tokenizer())
        XCTAssertEqual(tokenizer.wordIndex, ["the": 1, "cat": 2, "dog": 3, "and": 4, "sat": 5, "on": 6, "mat": 7, "ate": 8, "my": 9,
                                             "homework": 10, "friends": 11, "maybe": 12, "éclair": 13, "café": 14, "crème": 15,
                                             "brûlée": 16, "for": 17])
        XCTAssertEqual(tokenizer.wordsInOrderOfAppearance, ["the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework", "and",
                                                            "friends", "maybe", "éclair", "café", "crème", "brûlée", "for"])
        XCTAssertEqual(tokenizer.wordCounts["the"], 4)
        XCTAssertEqual(tokenizer.wordCounts["cat"], 3)
        XCTAssertEqual(tokenizer.wordCounts["dog"], 2)
        XCTAssertEqual(tokenizer.wordDocs, ["and": 2, "ate": 1, "brûlée": 1, "café": 1, "cat": 3, "crème": 1, "dog": 2, "for": 1,
                                            "friends": 1, "homework": 1, "mat": 1, "maybe": 1, "my": 1, "on": 1, "sat": 1, "the": 3,
                                            "éclair": 1])
        XCTAssertEqual(tokenizer.indexWord[13], "éclair")
        XCTAssertEqual(tokenizer.indexDocs[1], 3)
        XCTAssertEqual(tokenizer.documentCount, 4)
        XCTAssertEqual(tokenizer.textsToSequences(newTexts), [[1, 2, 8, 1, 13], [], [3, 3, 3]])
        XCTAssertEqual(tokenizer.sequencesToTexts([[1, 2, 99, 3], [0, 14]]), ["the cat dog", "café"])
    }

    func testMatrixModes() throws {
        let tokenizer = fitted(Tokenizer())
        let rows = [newTexts[0], newTexts[2]]
        func row(_ entries: [Int: Float]) -> [Float] { (0..<18).map { entries[$0] ?? 0 } }
        assertRows(try tokenizer.textsToMatrix(rows), [row([1: 1, 2: 1, 8: 1, 13: 1]), row([3: 1])])
        assertRows(try tokenizer.textsToMatrix(rows, mode: .count), [row([1: 2, 2: 1, 8: 1, 13: 1]), row([3: 3])])
        assertRows(try tokenizer.textsToMatrix(rows, mode: .freq), [row([1: 0.4, 2: 0.2, 8: 0.2, 13: 0.2]), row([3: 1])])
        assertRows(try tokenizer.textsToMatrix(rows, mode: .tfidf),
                   [row([1: 1.1736, 2: 0.693147, 8: 1.098612, 13: 1.098612]), row([3: 1.77815])])
        XCTAssertThrowsError(try Tokenizer().textsToMatrix(["a"]))
        XCTAssertThrowsError(try Tokenizer(numWords: 3).textsToMatrix(["a"], mode: .tfidf))
    }

    func testNumWordsAndOOVToken() throws {
        let tokenizer = fitted(Tokenizer(numWords: 5, oovToken: "<OOV>"))
        XCTAssertEqual(tokenizer.wordIndex["<OOV>"], 1)
        XCTAssertEqual(tokenizer.wordIndex["the"], 2)
        XCTAssertEqual(tokenizer.wordIndex["for"], 18)
        XCTAssertEqual(tokenizer.textsToSequences(newTexts), [[2, 1, 3, 1, 2, 1], [], [4, 4, 4]])
        XCTAssertEqual(tokenizer.sequencesToTexts([[2, 3, 4, 5, 6, 99]]), ["the cat dog <OOV> <OOV> <OOV>"])
        assertRows(try tokenizer.textsToMatrix(newTexts, mode: .count), [[0, 3, 2, 1, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 3]])
        assertRows(try tokenizer.textsToMatrix(newTexts, mode: .tfidf),
                   [[0, 3.377586, 1.1736, 0.693147, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 1.77815]])

        let cut = fitted(Tokenizer(numWords: 4))
        XCTAssertEqual(cut.textsToSequences(newTexts), [[1, 2, 1], [], [3, 3, 3]])
        XCTAssertEqual(cut.sequencesToTexts([[1, 2, 3, 4, 5]]), ["the cat dog"])
    }

    func testCharacterLevelAndCustomSplit() {
        var characters = Tokenizer(lower: false, charLevel: true)
        characters.fitOnTexts(["abca", "Bb!"])
        XCTAssertEqual(characters.wordIndex, ["a": 1, "b": 2, "c": 3, "B": 4, "!": 5])
        XCTAssertEqual(characters.textsToSequences(["cab", "B?"]), [[3, 1, 2], [4]])

        var custom = Tokenizer(filters: "", lower: false, split: ",")
        custom.fitOnTexts(["a,b,,c", "b,B c"])
        XCTAssertEqual(custom.wordIndex, ["b": 1, "a": 2, "c": 3, "B c": 4])
        XCTAssertEqual(custom.textsToSequences(["c,a,B c,d"]), [[3, 2, 4]])
    }

    func testPadSequencesMatchesKeras() {
        let sequences = [[1], [2, 3], [4, 5, 6], []]
        assertRows(padSequences(sequences), [[0, 0, 1], [0, 2, 3], [4, 5, 6], [0, 0, 0]])
        assertRows(padSequences(sequences, maxlen: 2, padding: .post), [[1, 0], [2, 3], [5, 6], [0, 0]])
        assertRows(padSequences(sequences, maxlen: 2, truncating: .post, value: -1), [[-1, 1], [2, 3], [4, 5], [-1, -1]])
        assertRows(padSequences(sequences, maxlen: 4, value: -1.7), [[-1, -1, -1, 1], [-1, -1, 2, 3], [-1, 4, 5, 6], [-1, -1, -1, -1]])
        assertRows(padSequences([[1.5, 2.25], [3.75]] as [[Float]], dtype: .float32, value: 0.5), [[1.5, 2.25], [0.5, 3.75]])
        assertRows(padSequences([[1.5, -2.75], [3.75]] as [[Float]]), [[1, -2], [0, 3]])
        XCTAssertEqual(padSequences([[Int]]()).shape, [0, 0])
    }
}
