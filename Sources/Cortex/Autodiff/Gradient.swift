/// Gradients of `output` with respect to each of `inputs`, by reverse-mode differentiation.
///
/// Each input must come from `requiringGradient()` (or be a variable inside
/// `valueWithGradient(at:in:)`). A non-scalar `output` is differentiated as if summed, unless a
/// `seed` of its shape gives the upstream gradient. An input that `output` does not depend on gets
/// zeros. The graph is freed as it is walked: differentiating it a second time fails.
public func gradient(of output: Tensor, wrt inputs: [Tensor], seed: Tensor? = nil) -> [Tensor] {
    if let seed {
        precondition(seed.shape == output.shape,
                     "gradient(of:wrt:seed:): seed shape \(seed.shape) must equal output shape \(output.shape)")
    }
    guard let root = output.node else {
        return inputs.map { Tensor.zeros($0.shape) }
    }
    for (index, input) in inputs.enumerated() {
        precondition(input.node != nil,
                     "gradient(of:wrt:): input \(index) of shape \(input.shape) does not require a gradient; " +
                     "make it with requiringGradient()")
    }
    let leafGradients = withoutGradients {
        Backpropagation.run(from: root, seed: seed ?? Tensor(repeating: 1, shape: output.shape))
    }
    return inputs.map { input in
        leafGradients[ObjectIdentifier(input.node!)] ?? Tensor.zeros(input.shape)
    }
}

/// The value of `body` and its gradients with respect to `variables`.
///
/// Inside `body`, each variable's value takes part in the gradient computation; afterwards the
/// variables hold their plain values again. This is the step a training loop (or a GAN's or
/// VAE's custom step) is built on.
public func valueWithGradient(at variables: [Variable], in body: () throws -> Tensor) rethrows
    -> (value: Tensor, gradients: [Tensor]) {
    let saved = variables.map(\.value)
    let tracked = saved.map { $0.requiringGradient() }
    for (variable, value) in zip(variables, tracked) { variable.value = value }
    defer { for (variable, value) in zip(variables, saved) { variable.value = value } }
    let value = try body()
    return (value.detached(), gradient(of: value, wrt: tracked))
}

/// The value of `body` at `points` and its gradients with respect to each point.
public func valueWithGradient(at points: [Tensor], in body: ([Tensor]) throws -> Tensor) rethrows
    -> (value: Tensor, gradients: [Tensor]) {
    let tracked = points.map { $0.requiringGradient() }
    let value = try body(tracked)
    return (value.detached(), gradient(of: value, wrt: tracked))
}

/// The gradient of `body` at `point`.
public func gradient(at point: Tensor, in body: (Tensor) throws -> Tensor) rethrows -> Tensor {
    try valueWithGradient(at: [point]) { try body($0[0]) }.gradients[0]
}

/// The reverse walk over a recorded graph.
enum Backpropagation {
    /// Gradients of the leaves reached from `root`, keyed by node identity.
    static func run(from root: AutodiffNode, seed: Tensor) -> [ObjectIdentifier: Tensor] {
        var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        var leaves: [ObjectIdentifier: Tensor] = [:]
        for node in reverseTopologicalOrder(from: root) {
            let id = ObjectIdentifier(node)
            guard let upstream = gradients.removeValue(forKey: id) else { continue }
            if node.isLeaf {
                leaves[id] = upstream
                continue
            }
            let inputGradients = node.propagate(upstream)
            node.consume()
            precondition(inputGradients.count == node.inputs.count,
                         "gradient: op '\(node.opName)' returned \(inputGradients.count) gradients for \(node.inputs.count) inputs")
            for (input, inputGradient) in zip(node.inputs, inputGradients) {
                guard let input, let inputGradient else { continue }
                let reduced = inputGradient.shape == input.shape
                    ? inputGradient : inputGradient.sumToShape(input.shape)
                let key = ObjectIdentifier(input)
                if let existing = gradients[key] {
                    gradients[key] = existing + reduced
                } else {
                    gradients[key] = reduced
                }
            }
        }
        return leaves
    }

    /// Nodes ordered so that every node comes before the nodes it was computed from.
    static func reverseTopologicalOrder(from root: AutodiffNode) -> [AutodiffNode] {
        var order: [AutodiffNode] = []
        var visited: Set<ObjectIdentifier> = []
        var stack: [(node: AutodiffNode, nextInput: Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while !stack.isEmpty {
            let (node, nextInput) = stack[stack.count - 1]
            if nextInput < node.inputs.count {
                stack[stack.count - 1].nextInput += 1
                if let input = node.inputs[nextInput], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order.reversed()
    }
}
