/// One recorded op in a dynamic gradient graph.
///
/// A node keeps its inputs' nodes (nil where an input needs no gradient) and a closure that
/// turns the gradient of its output into gradients of its inputs. The closure is dropped after
/// a backward pass so the memory it holds goes free at once; walking the node again then fails
/// with a message that says so.
final class AutodiffNode {
    let shape: [Int]
    let inputs: [AutodiffNode?]
    private(set) var backward: ((Tensor) -> [Tensor?])?
    let opName: String
    /// Set once a backward pass has run through this node.
    private(set) var isConsumed = false

    /// A leaf: a tensor that gradients are taken with respect to.
    init(leafShape shape: [Int]) {
        self.shape = shape
        self.inputs = []
        self.backward = nil
        self.opName = "leaf"
        Autodiff.nodeCreated()
    }

    init(op opName: String, shape: [Int], inputs: [AutodiffNode?], backward: @escaping (Tensor) -> [Tensor?]) {
        self.shape = shape
        self.inputs = inputs
        self.backward = backward
        self.opName = opName
        Autodiff.nodeCreated()
    }

    deinit {
        Autodiff.nodeDestroyed()
    }

    var isLeaf: Bool { inputs.isEmpty }

    func propagate(_ gradient: Tensor) -> [Tensor?] {
        guard let backward else {
            preconditionFailure(
                "gradient: the graph through '\(opName)' was already used by a backward pass and its " +
                "intermediate values were freed; run the forward computation again to take another gradient")
        }
        return backward(gradient)
    }

    func consume() {
        backward = nil
        isConsumed = true
    }
}
