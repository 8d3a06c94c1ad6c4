/// A whole recurrent layer over a sequence as one differentiable op (see `RecurrentCell` for
/// the equations and `RecurrentSequenceKernel` for how it is computed).
extension Tensor {
    /// Runs `cell` over `input` `[batch, steps, features]` and returns the output of every step
    /// `[batch, steps, units]` (in processing order, so reversed when `goBackwards`) and the final
    /// states (`[h]`, or `[h, c]` for an LSTM), each `[batch, units]`.
    ///
    /// `kernel` is `[features, gates·units]`, `recurrentKernel` `[units, gates·units]` and `bias`
    /// `cell.biasShape(units:)`, laid out as Keras lays them out. `initialStates` default to zeros.
    /// Where `mask` `[batch, steps]` is 0, the step is skipped: the states carry over and the
    /// output repeats the previous one (zeros before the first kept step). `recurrentDropoutMask`
    /// `[batch, units]` multiplies the previous state before its projection.
    ///
    /// The whole sequence records a single gradient node whose backward pass is a hand-written
    /// backpropagation through time.
    public static func recurrentSequence(_ cell: RecurrentCell, input: Tensor, kernel: Tensor, recurrentKernel: Tensor,
                                         bias: Tensor?, initialStates: [Tensor] = [], mask: Tensor? = nil,
                                         recurrentDropoutMask: Tensor? = nil, goBackwards: Bool = false)
        -> (outputs: Tensor, finalStates: [Tensor]) {
        let op = "recurrentSequence"
        guard input.rank == 3 else { ShapeError(op: op, "expected input [batch, steps, features], got shape \(input.shape)").fail() }
        let (batch, steps, features) = (input.shape[0], input.shape[1], input.shape[2])
        guard recurrentKernel.rank == 2, recurrentKernel.shape[1] == cell.gateCount * recurrentKernel.shape[0] else {
            ShapeError(op: op, "expected recurrent kernel [units, \(cell.gateCount)·units], got shape \(recurrentKernel.shape)").fail()
        }
        let units = recurrentKernel.shape[0]
        guard kernel.shape == [features, cell.gateCount * units] else {
            ShapeError(op: op, "expected kernel [\(features), \(cell.gateCount * units)], got shape \(kernel.shape)").fail()
        }
        if let bias, bias.shape != cell.biasShape(units: units) {
            ShapeError(op: op, "expected bias \(cell.biasShape(units: units)), got shape \(bias.shape)").fail()
        }
        guard initialStates.isEmpty || initialStates.count == cell.stateCount else {
            ShapeError(op: op, "expected \(cell.stateCount) initial states, got \(initialStates.count)").fail()
        }
        for state in initialStates where state.shape != [batch, units] {
            ShapeError(op: op, "expected initial states [\(batch), \(units)], got shape \(state.shape)").fail()
        }
        if let mask, mask.shape != [batch, steps] {
            ShapeError(op: op, "expected mask [\(batch), \(steps)], got shape \(mask.shape)").fail()
        }
        if let recurrentDropoutMask, recurrentDropoutMask.shape != [batch, units] {
            ShapeError(op: op, "expected recurrent dropout mask [\(batch), \(units)], got shape \(recurrentDropoutMask.shape)").fail()
        }
        let states = initialStates.isEmpty ? Array(repeating: Tensor.zeros([batch, units]), count: cell.stateCount) : initialStates
        let kernelRun = RecurrentSequenceKernel(
            cell: cell, input: input.detached(), kernel: kernel.detached(), recurrentKernel: recurrentKernel.detached(),
            bias: bias?.detached(), mask: mask?.detached(), recurrentDropoutMask: recurrentDropoutMask?.detached(),
            goBackwards: goBackwards)
        let packed = kernelRun.forward(initialStates: states.map { $0.detached() })
        let inputs = [input, kernel, recurrentKernel] + (bias.map { [$0] } ?? []) + states
        let hasBias = bias != nil
        let tracked = record(op, packed, inputs: inputs) { gradient, needs in
            let result = kernelRun.backward(gradient, needsInput: needs[0])
            return [result.input, result.kernel, result.recurrentKernel] + (hasBias ? [result.bias] : [])
                + result.states.map { Optional($0) }
        }
        let outputs = tracked.slice(axis: 1, end: steps)
        let finals = (0..<cell.stateCount).map { index in
            tracked.slice(axis: 1, start: steps + index, end: steps + index + 1).reshaped(to: [batch, units])
        }
        return (outputs, finals)
    }
}
