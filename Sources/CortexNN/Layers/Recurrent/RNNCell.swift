import Cortex

/// One step of a user-defined recurrent layer, for `RNN(cell:)` (Keras' RNN cells).
///
/// A cell is a layer: it makes its weights in `build(inputShape:)` (the input shape being
/// `[features]`) and maps one step's input `[batch, features]` and states (each
/// `[batch, size]`) to the step's output and new states with ordinary tensor ops, so gradients
/// come from autodiff. `RNN` handles sequences, masks, reversal and returned states.
open class RNNCell: Layer {
    /// The sizes of the states (Keras' `state_size`).
    open var stateSize: [Int] { preconditionFailure("\(type(of: self)) must override stateSize") }

    /// The size of each step's output; by default the first state's.
    open var outputSize: Int { stateSize[0] }

    /// One step: the output and the new states.
    open func call(_ input: Tensor, states: [Tensor], training: Bool) -> (output: Tensor, states: [Tensor]) {
        preconditionFailure("\(type(of: self)) must override call(_:states:training:)")
    }
}
