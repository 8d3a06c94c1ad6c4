import Cortex

/// A recurrent layer around a user-defined `RNNCell`, as Keras' `RNN(cell)`: the cell runs
/// step by step with ordinary tensor ops (autodiff records each step), with the same masks,
/// reversal, initial and returned states as the built-in layers. `SimpleRNN`, `LSTM` and
/// `GRU` are fused and much faster; use this for cells they do not cover.
public final class RNN: RecurrentLayer, WrappingLayer {
    public let cell: RNNCell

    public init(cell: RNNCell, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                stateful: Bool = false, name: String? = nil) {
        self.cell = cell
        super.init(returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                   stateful: stateful, name: name)
    }

    public override var units: Int { cell.outputSize }
    public override var stateSizes: [Int] { cell.stateSize }
    public override var sublayers: [Layer] { [cell] }

    public override func build(features: Int) throws {
        try cell.ensureBuilt(inputShapes: [[features]])
    }

    public override func runSequence(_ input: Tensor, initialStates: [Tensor], mask: Tensor?, training: Bool)
        -> (outputs: Tensor, states: [Tensor]) {
        let (batch, steps) = (input.shape[0], input.shape[1])
        var states = initialStates
        var previous = Tensor.zeros([batch, units])
        var outputs: [Tensor] = []
        for t in 0..<steps {
            let s = goBackwards ? steps - 1 - t : t
            let stepInput = input.slice(axis: 1, start: s, end: s + 1).squeezing(axes: [1])
            var (output, newStates) = cell.call(stepInput, states: states, training: training)
            if let mask {
                let kept = mask.slice(axis: 1, start: s, end: s + 1).detached()
                output = Tensor.where(kept, output, previous)
                newStates = zip(newStates, states).map { Tensor.where(kept, $0, $1) }
            }
            outputs.append(output)
            previous = output
            states = newStates
        }
        return (Tensor.stack(outputs, axis: 1), states)
    }

    /// Saved under Keras' key `cell`; a custom cell is saved once registered with `LayerRegistry`.
    var wrappedLayers: [String: Layer] { ["cell": cell] }
}
