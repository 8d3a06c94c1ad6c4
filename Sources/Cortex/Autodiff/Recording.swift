extension Tensor {
    /// Attaches a graph node for `name` to `result` when any input takes part in a gradient
    /// computation and recording is on; otherwise returns `result` untouched.
    ///
    /// `backward` receives the gradient of `result` and, for each input, whether that input
    /// needs a gradient; it returns one gradient per input (nil where none is needed). A
    /// gradient may have the broadcast shape of the op's output: the engine sums it down to the
    /// input's shape. Closures must not capture `result` with its node (that would be a cycle);
    /// capture `result.detached()` instead.
    static func record(_ name: String, _ result: Tensor, inputs: [Tensor],
                       backward: @escaping (Tensor, [Bool]) -> [Tensor?]) -> Tensor {
        guard inputs.contains(where: { $0.node != nil }), GradientRecording.isEnabled else { return result }
        let needs = inputs.map { $0.node != nil }
        var output = result
        output.node = AutodiffNode(op: name, shape: result.shape, inputs: inputs.map(\.node)) { gradient in
            backward(gradient, needs)
        }
        return output
    }

    /// `record` for an op of one input.
    static func record(_ name: String, _ result: Tensor, input: Tensor,
                       backward: @escaping (Tensor) -> Tensor) -> Tensor {
        record(name, result, inputs: [input]) { gradient, _ in [backward(gradient)] }
    }

    /// The same values as a new leaf of a gradient computation: `gradient(of:wrt:)` can then
    /// differentiate any result computed from it.
    public func requiringGradient() -> Tensor {
        Tensor(shape: shape, storage: storage, node: AutodiffNode(leafShape: shape))
    }

    /// Whether this tensor takes part in a gradient computation.
    public var requiresGradient: Bool { node != nil }
}
