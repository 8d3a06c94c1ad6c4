import Cortex
import CortexTestSupport
import Foundation
import XCTest

final class RecurrentSequenceTests: XCTestCase {
    private let cells: [RecurrentCell] = [
        .simple(activation: .tanh),
        .lstm(activation: .tanh, recurrentActivation: .sigmoid),
        .gru(activation: .tanh, recurrentActivation: .sigmoid, resetAfter: true),
        .gru(activation: .tanh, recurrentActivation: .sigmoid, resetAfter: false),
    ]

    private func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    func testTwoStepLSTMMatchesHandComputedValues() {
        // One feature, one unit: gates i, f, c, o.
        let w: [Float] = [0.5, -0.3, 0.8, 0.2], r: [Float] = [0.1, 0.4, -0.6, 0.3], b: [Float] = [0.05, 1, -0.1, 0.2]
        let xs: [Float] = [1, -2]
        var h: Float = 0, c: Float = 0
        var expected: [Float] = []
        for x in xs {
            let i = sigmoid(w[0] * x + r[0] * h + b[0]), f = sigmoid(w[1] * x + r[1] * h + b[1])
            let g = tanh(w[2] * x + r[2] * h + b[2]), o = sigmoid(w[3] * x + r[3] * h + b[3])
            c = f * c + i * g
            h = o * tanh(c)
            expected.append(h)
        }
        let (outputs, states) = Tensor.recurrentSequence(
            .lstm(activation: .tanh, recurrentActivation: .sigmoid), input: Tensor(shape: [1, 2, 1], scalars: xs),
            kernel: Tensor(shape: [1, 4], scalars: w), recurrentKernel: Tensor(shape: [1, 4], scalars: r), bias: Tensor(b))
        assertTensorsClose(outputs, Tensor(shape: [1, 2, 1], scalars: expected), tolerance: 1e-6)
        assertTensorsClose(states[0], Tensor(shape: [1, 1], scalars: [h]), tolerance: 1e-6)
        assertTensorsClose(states[1], Tensor(shape: [1, 1], scalars: [c]), tolerance: 1e-6)
    }

    func testTwoStepGRUMatchesHandComputedValuesInBothResetModes() {
        let w: [Float] = [0.5, -0.3, 0.8], r: [Float] = [0.1, 0.4, -0.6]
        let inputBias: [Float] = [0.05, 0.1, -0.1], recurrentBias: [Float] = [0.2, -0.2, 0.3]
        let xs: [Float] = [1, -2]
        // Recurrent dropout scales the state entering the projections, not the one the update gate keeps.
        for (resetAfter, dropout) in [(true, 1), (false, 1), (true, 0.5), (false, 0.5)] as [(Bool, Float)] {
            var h: Float = 0.3
            var expected: [Float] = []
            for x in xs {
                let rb = resetAfter ? recurrentBias : [0, 0, 0]
                let dropped = h * dropout
                let z = sigmoid(w[0] * x + inputBias[0] + r[0] * dropped + rb[0])
                let reset = sigmoid(w[1] * x + inputBias[1] + r[1] * dropped + rb[1])
                let candidate = resetAfter ? tanh(w[2] * x + inputBias[2] + reset * (r[2] * dropped + rb[2]))
                                           : tanh(w[2] * x + inputBias[2] + r[2] * (reset * dropped))
                h = z * h + (1 - z) * candidate
                expected.append(h)
            }
            let bias = resetAfter ? Tensor(shape: [2, 3], scalars: inputBias + recurrentBias) : Tensor(inputBias)
            let (outputs, states) = Tensor.recurrentSequence(
                .gru(activation: .tanh, recurrentActivation: .sigmoid, resetAfter: resetAfter), input: Tensor(shape: [1, 2, 1], scalars: xs),
                kernel: Tensor(shape: [1, 3], scalars: w), recurrentKernel: Tensor(shape: [1, 3], scalars: r), bias: bias,
                initialStates: [Tensor(shape: [1, 1], scalars: [0.3])], recurrentDropoutMask: Tensor(shape: [1, 1], scalars: [dropout]))
            assertTensorsClose(outputs, Tensor(shape: [1, 2, 1], scalars: expected), tolerance: 1e-6)
            assertTensorsClose(states[0], Tensor(shape: [1, 1], scalars: [h]), tolerance: 1e-6)
        }
    }

    /// Gradients w.r.t. input, kernels, bias and initial states, for every cell, with a mask,
    /// reversed processing and a recurrent dropout mask, through outputs and final states.
    func testGradientsMatchFiniteDifferences() {
        let (batch, steps, features, units) = (3, 4, 2, 3)
        let mask = Tensor([[1, 1, 0, 1], [0, 1, 1, 0], [1, 1, 1, 1]])
        let dropout = Tensor(shape: [batch, units], scalars: [1.25, 0, 1.25, 1.25, 1.25, 0, 0, 1.25, 1.25])
        for (index, cell) in cells.enumerated() {
            let parameters = randomParameters(cell, batch: batch, steps: steps, features: features, units: units, seed: 1)
            for (goBackwards, useMask, useDropout) in [(false, false, false), (true, true, true), (false, true, false)] {
                assertGradientsMatchFiniteDifferences(parameters, epsilon: 1e-2) { values in
                    let (outputs, finals) = Tensor.recurrentSequence(
                        cell, input: values[0], kernel: values[1], recurrentKernel: values[2], bias: values[3],
                        initialStates: Array(values[4...]), mask: useMask ? mask : nil,
                        recurrentDropoutMask: useDropout ? dropout : nil, goBackwards: goBackwards)
                    return Tensor.concatenate([outputs.reshaped(to: [batch, -1])] + finals, axis: 1)
                }
                if testRun?.failureCount ?? 0 > 0 { return XCTFail("cell \(index) goBackwards \(goBackwards) mask \(useMask)") }
            }
        }
    }

    func testMaskedStepsRepeatThePreviousOutputAndCarryTheState() {
        let cell = RecurrentCell.lstm(activation: .tanh, recurrentActivation: .sigmoid)
        let x = randomTensor([1, 3, 2], seed: 8)
        let w = randomTensor([2, 8], seed: 9), r = randomTensor([2, 8], seed: 10)
        let masked = Tensor.recurrentSequence(cell, input: x, kernel: w, recurrentKernel: r, bias: nil, mask: Tensor([[0, 1, 0]]))
        let alone = Tensor.recurrentSequence(cell, input: x.slice(axis: 1, start: 1, end: 2), kernel: w, recurrentKernel: r, bias: nil)
        // The lone step's one-row products and the masked run's may take different kernel paths:
        // equal up to rounding.
        let steps = masked.outputs.reshaped(to: [3, 2])
        XCTAssertEqual(steps[0].scalars, [0, 0])
        assertTensorsClose(steps[1], alone.outputs.reshaped(to: [2]), tolerance: 1e-6)
        assertTensorsClose(steps[2], alone.outputs.reshaped(to: [2]), tolerance: 1e-6)
        assertTensorsClose(masked.finalStates[1], alone.finalStates[1], tolerance: 1e-6)
    }

    func testGoBackwardsEqualsRunningTheReversedSequence() {
        let cell = RecurrentCell.gru(activation: .tanh, recurrentActivation: .sigmoid, resetAfter: true)
        let x = randomTensor([2, 5, 3], seed: 11)
        let w = randomTensor([3, 6], seed: 12), r = randomTensor([2, 6], seed: 13), b = randomTensor([2, 6], seed: 14)
        let backwards = Tensor.recurrentSequence(cell, input: x, kernel: w, recurrentKernel: r, bias: b, goBackwards: true)
        let reversed = Tensor.recurrentSequence(cell, input: x.flipped(axes: [1]), kernel: w, recurrentKernel: r, bias: b)
        assertTensorsClose(backwards.outputs, reversed.outputs, tolerance: 1e-6)
    }

    /// With two threads the batch is split into parts that each run every step on their own
    /// thread; the result and every gradient must equal the one-thread run (up to the rounding of
    /// products of different heights).
    func testBatchSplitOverThreadsEqualsOneThread() {
        let (batch, steps, features, units) = (20, 5, 3, 4)
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        let mask = Tensor(shape: [batch, steps], scalars: (0..<(batch * steps)).map { $0 % 7 == 3 ? 0 : 1 })
        let dropout = Tensor(shape: [batch, units], scalars: (0..<(batch * units)).map { $0 % 5 == 0 ? 0 : 1.25 })
        for (index, cell) in cells.enumerated() {
            let parameters = randomParameters(cell, batch: batch, steps: steps, features: features, units: units, seed: 21)
            let outputWeights = randomTensor([batch, steps * units + cell.stateCount * units], seed: 27)
            func run() -> [Tensor] {
                var packed = Tensor.zeros([1])
                let gradients = valueWithGradient(at: parameters) { values in
                    let (outputs, finals) = Tensor.recurrentSequence(
                        cell, input: values[0], kernel: values[1], recurrentKernel: values[2], bias: values[3],
                        initialStates: Array(values[4...]), mask: mask, recurrentDropoutMask: dropout, goBackwards: index % 2 == 1)
                    let joined = Tensor.concatenate([outputs.reshaped(to: [batch, -1])] + finals, axis: 1)
                    packed = joined.detached()
                    return (joined * outputWeights).sum()
                }.gradients
                return [packed] + gradients
            }
            Parallelism.threadCount = 1
            let alone = run()
            Parallelism.threadCount = 2
            let split = run()
            for (one, two) in zip(alone, split) { assertTensorsClose(two, one, tolerance: 1e-5) }
        }
    }

    /// Input, kernel, recurrent kernel, bias and initial states of a sequence through `cell`, in
    /// that order, drawn from consecutive seeds starting at `seed`.
    private func randomParameters(_ cell: RecurrentCell, batch: Int, steps: Int, features: Int, units: Int,
                                  seed: UInt64) -> [Tensor] {
        let gates = cell.gateCount * units
        return [randomTensor([batch, steps, features], seed: seed),
                randomTensor([features, gates], seed: seed + 1, lower: -0.8, upper: 0.8),
                randomTensor([units, gates], seed: seed + 2, lower: -0.8, upper: 0.8),
                randomTensor(cell.biasShape(units: units), seed: seed + 3, lower: -0.5, upper: 0.5)]
            + (0..<cell.stateCount).map { randomTensor([batch, units], seed: seed + 4 + UInt64($0), lower: -0.5, upper: 0.5) }
    }
}
