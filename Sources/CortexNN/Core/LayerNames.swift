import Foundation

/// Keras-style automatic layer names: the first `Dense` is `dense`, the next `dense_1`, ...
public enum LayerNames {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counters: [String: Int] = [:]

    static func unique(for prefix: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        let count = counters[prefix, default: 0]
        counters[prefix] = count + 1
        return count == 0 ? prefix : "\(prefix)_\(count)"
    }

    /// Keeps automatic names clear of `name`, a name given explicitly (by a loaded model):
    /// after `dense_3` is taken, the next automatic `Dense` is `dense_4`.
    static func reserve(_ name: String) {
        var prefix = name, index = 0
        if let separator = name.lastIndex(of: "_"), let number = Int(name[name.index(after: separator)...]), number >= 0 {
            prefix = String(name[..<separator])
            index = number
        }
        lock.lock()
        counters[prefix] = Swift.max(counters[prefix, default: 0], index + 1)
        lock.unlock()
    }

    /// Restarts automatic naming, like Keras' `clear_session()`.
    public static func reset() {
        lock.lock()
        counters = [:]
        lock.unlock()
    }

    /// `Conv2DTranspose` → `conv2d_transpose`, `BatchNormalization` → `batch_normalization`.
    static func snakeCase(_ typeName: String) -> String {
        let base = typeName.split(separator: "<").first.map(String.init) ?? typeName
        var result = ""
        let characters = Array(base)
        for (index, character) in characters.enumerated() {
            if character.isUppercase {
                let previous = index > 0 ? characters[index - 1] : nil
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord = previous.map { $0.isLowercase || ($0.isUppercase && (next?.isLowercase ?? false)) } ?? false
                if startsWord { result.append("_") }
                result.append(Character(character.lowercased()))
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// Helpers for layer shapes without the batch axis, where -1 is an unknown extent.
enum LayerShapes {
    /// Whether two shapes agree, -1 matching any extent.
    static func compatible<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool where A.Element == Int, B.Element == Int {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || $0 == -1 || $1 == -1 }
    }

    /// Keras' notation with the batch axis: `(None, 28, 28, 1)`.
    static func describe(_ shape: [Int]) -> String {
        "(" + (["None"] + shape.map { $0 == -1 ? "None" : String($0) }).joined(separator: ", ") + ")"
    }

    static func describe(_ shapes: [[Int]]) -> String {
        shapes.count == 1 ? describe(shapes[0]) : "[" + shapes.map(describe).joined(separator: ", ") + "]"
    }
}
