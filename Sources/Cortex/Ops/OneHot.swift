extension Tensor {
    /// Class indices (whole-number floats in `0..<depth`, any shape) as one-hot vectors along a
    /// new last axis of extent `depth`: the form categorical cross-entropy expects its labels in.
    /// Carries no gradient: indices are not differentiable.
    public static func oneHot(indices: Tensor, depth: Int, onValue: Float = 1, offValue: Float = 0) -> Tensor {
        precondition(depth >= 0, "oneHot: depth must not be negative, got \(depth)")
        let classes = validatedIndices(indices, extent: depth, op: "oneHot", place: "depth \(depth)", countsFromEnd: false)
        let result = Tensor(repeating: offValue, shape: indices.shape + [depth])
        let output = result.storage.pointer
        for (position, label) in classes.enumerated() { output[position * depth + label] = onValue }
        return result
    }
}
