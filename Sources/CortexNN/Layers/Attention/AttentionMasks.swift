import Cortex

/// The pieces attention layers share: the combined mask of which query may look at which key,
/// and dropout on the attention weights. Masks are Float tensors of 1 (attend) and 0 (skip).
enum AttentionMasks {
    /// The product of the masks that are given, shaped to broadcast against scores
    /// `[batch, queries, keys]`: `queryMask [batch, queries]` → `[batch, queries, 1]`,
    /// `valueMask`/`keyMask [batch, keys]` → `[batch, 1, keys]`, the causal mask `[1, queries, keys]`
    /// and `attentionMask [batch, queries, keys]` as given. Nil when there is none.
    static func combined(queryMask: Tensor? = nil, valueMask: Tensor? = nil, keyMask: Tensor? = nil,
                         attentionMask: Tensor? = nil, causal: Bool = false,
                         queryLength: Int, keyLength: Int) -> Tensor? {
        var parts: [Tensor] = []
        if let queryMask { parts.append(queryMask.reshaped(to: [-1, queryLength, 1])) }
        if let valueMask { parts.append(valueMask.reshaped(to: [-1, 1, keyLength])) }
        if let keyMask { parts.append(keyMask.reshaped(to: [-1, 1, keyLength])) }
        if causal { parts.append(causalMask(queries: queryLength, keys: keyLength)) }
        if let attentionMask { parts.append((attentionMask .!= 0)) }
        guard let first = parts.first else { return nil }
        return withoutGradients { parts.dropFirst().reduce(first .!= 0) { $0 * ($1 .!= 0) } }
    }

    /// Keras' causal mask `[1, queries, keys]`: query `i` sees keys `0...i`.
    static func causalMask(queries: Int, keys: Int) -> Tensor {
        var scalars = [Float](repeating: 0, count: queries * keys)
        for i in 0..<queries {
            for j in 0..<Swift.min(i + 1, keys) { scalars[i * keys + j] = 1 }
        }
        return Tensor(shape: [1, queries, keys], scalars: scalars)
    }

    /// Softmax over the last axis of `scores`, restricted to `mask` when there is one.
    static func softmax(_ scores: Tensor, mask: Tensor?) -> Tensor {
        mask.map { scores.softmax(mask: $0) } ?? scores.softmax(axis: -1)
    }

    /// Inverted dropout of attention weights while training (Keras drops whole weights, so a
    /// query attends to a random subset of its keys, rescaled by `1 / (1 - rate)`).
    static func dropout(_ weights: Tensor, rate: Float, training: Bool) -> Tensor {
        guard training, rate > 0 else { return weights }
        return weights * (Tensor.bernoulli(weights.shape, probability: 1 - rate) * (1 / (1 - rate)))
    }

    /// Checks that a mask has the shape `[batch, steps]` of the input it belongs to.
    static func check(_ mask: Tensor?, named name: String, layer: String, batch: Int, steps: Int) {
        guard let mask else { return }
        precondition(mask.shape == [batch, steps],
                     "\(layer): \(name) must have shape [\(batch), \(steps)] (batch, steps), got \(mask.shape)")
    }
}

extension Layer {
    /// Builds an attention layer for an eager call with keyword arguments (which bypasses
    /// `apply`); stops on inputs it cannot take, as other eager calls do.
    func ensureBuilt(query: Tensor, value: Tensor, key: Tensor?) {
        let shapes = ([query, value] + (key.map { [$0] } ?? [])).map { Array($0.shape.dropFirst()) }
        do { try ensureBuilt(inputShapes: shapes) } catch { preconditionFailure("\(error)") }
    }
}
