import Cortex

/// Class indices as one-hot rows, as Keras' `to_categorical`: a trailing axis of extent 1 is
/// replaced by the classes, any other shape gains a last axis of `numClasses` (nil: the
/// largest label plus one). Throws for labels that are not whole numbers in range.
public func toCategorical(_ y: Tensor, numClasses: Int? = nil) throws -> Tensor {
    var labels = y
    if labels.rank > 1 && labels.shape[labels.rank - 1] == 1 {
        labels = labels.reshaped(to: Array(labels.shape.dropLast()))
    }
    let values = labels.scalars
    // Above 2^24 a Float no longer holds every whole number, so no label can be that large.
    if let bad = values.first(where: { $0 != $0.rounded() || $0 < 0 || $0 >= 16_777_216 }) {
        throw DataError.invalidArgument(name: "y", reason: "labels must be whole numbers in 0..<2^24, found \(bad)")
    }
    let classes = numClasses ?? values.max().map { Int($0) + 1 } ?? 0
    if let bad = values.first(where: { $0 >= Float(classes) }) {
        throw DataError.invalidArgument(name: "y", reason: "label \(Int(bad)) is out of range for numClasses \(classes)")
    }
    return Tensor.oneHot(indices: labels, depth: classes)
}
