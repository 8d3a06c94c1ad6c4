import Cortex

/// Where `padSequences` adds padding or removes the excess: before or after the values.
public enum SequenceEnd: String, Sendable {
    case pre, post
}

/// The element type `padSequences` stores, as Keras' `dtype`: `.int32` (Keras' default)
/// truncates values and padding toward zero, `.float32` keeps them.
public enum SequenceDType: String, Sendable {
    case int32, float32
}

/// Sequences of different lengths as one `[sequences, maxlen]` tensor, as Keras'
/// `pad_sequences`: shorter ones padded with `value`, longer ones cut, both at the start by
/// default (`.pre`); `maxlen` nil means the longest sequence's length.
public func padSequences(_ sequences: [[Int]], maxlen: Int? = nil, dtype: SequenceDType = .int32,
                         padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre, value: Float = 0) -> Tensor {
    padSequences(sequences.map { $0.map(Float.init) }, maxlen: maxlen, dtype: dtype, padding: padding, truncating: truncating, value: value)
}

/// `padSequences` for sequences of real values.
public func padSequences(_ sequences: [[Float]], maxlen: Int? = nil, dtype: SequenceDType = .int32,
                         padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre, value: Float = 0) -> Tensor {
    precondition((maxlen ?? 0) >= 0, "padSequences: maxlen must not be negative, got \(maxlen!)")
    let length = maxlen ?? sequences.map(\.count).max() ?? 0
    let stored: (Float) -> Float = dtype == .int32 ? { $0.rounded(.towardZero) } : { $0 }
    var values = [Float](repeating: stored(value), count: sequences.count * length)
    for (row, sequence) in sequences.enumerated() {
        let kept = truncating == .pre ? sequence.suffix(length) : sequence.prefix(length)
        let start = row * length + (padding == .pre ? length - kept.count : 0)
        for (offset, element) in kept.enumerated() { values[start + offset] = stored(element) }
    }
    return Tensor(shape: [sequences.count, length], scalars: values)
}
