import Cortex

/// The shared body of `SimpleRNN`, `LSTM` and `GRU`: Keras' arguments, defaults and weights
/// (`kernel` `[features, gates·units]`, `recurrent_kernel` `[units, gates·units]`, `bias`), and
/// the whole sequence computed by one fused op (`Tensor.recurrentSequence`) whose backward pass
/// is a single backpropagation through time.
///
/// `dropout` drops input features and `recurrentDropout` state units during training, with one
/// mask per sequence shared by every step (as Keras).
public class FusedRecurrentLayer: RecurrentLayer {
    public let cell: RecurrentCell
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let recurrentInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let recurrentRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?
    public let dropout: Float
    public let recurrentDropout: Float
    private let unitCount: Int
    /// The constructor arguments, kept to build the reversed twin of a `Bidirectional`.
    let options: Options
    public private(set) var kernel: Variable!
    public private(set) var recurrentKernel: Variable!
    public private(set) var bias: Variable?

    struct Options {
        var activation: ActivationFunction, useBias: Bool
        var kernelInitializer: Initializer, recurrentInitializer: Initializer, biasInitializer: Initializer
        var kernelRegularizer: Regularizer?, recurrentRegularizer: Regularizer?, biasRegularizer: Regularizer?
        var dropout: Float, recurrentDropout: Float
        var returnSequences: Bool, returnState: Bool, goBackwards: Bool, stateful: Bool
    }

    init(units: Int, cell: RecurrentCell, options o: Options, name: String?) {
        precondition(units > 0, "\(Self.self): units must be positive, got \(units)")
        precondition((0..<1).contains(o.dropout) && (0..<1).contains(o.recurrentDropout),
                     "\(Self.self): dropout and recurrentDropout must be in [0, 1), got \(o.dropout) and \(o.recurrentDropout)")
        unitCount = units
        options = o
        self.cell = cell
        activation = o.activation
        useBias = o.useBias
        kernelInitializer = o.kernelInitializer
        recurrentInitializer = o.recurrentInitializer
        biasInitializer = o.biasInitializer
        kernelRegularizer = o.kernelRegularizer
        recurrentRegularizer = o.recurrentRegularizer
        biasRegularizer = o.biasRegularizer
        dropout = o.dropout
        recurrentDropout = o.recurrentDropout
        super.init(returnSequences: o.returnSequences, returnState: o.returnState, goBackwards: o.goBackwards,
                   stateful: o.stateful, name: name)
    }

    /// The kernels' nonlinearity for a Keras activation; the fused kernels know tanh, sigmoid,
    /// relu, linear and hard_sigmoid.
    static func kernelActivation(_ function: ActivationFunction, argument: String) -> RecurrentActivation {
        guard let activation = RecurrentActivation(rawValue: function.rawValue) else {
            preconditionFailure("\(Self.self): \(argument) must be one of \(RecurrentActivation.allCases.map(\.rawValue)), got \(function.rawValue)")
        }
        return activation
    }

    public override var units: Int { unitCount }
    public override var stateSizes: [Int] { Array(repeating: unitCount, count: cell.stateCount) }

    public override func build(features: Int) throws {
        let width = cell.gateCount * unitCount
        kernel = addWeight(name: "kernel", shape: [features, width], initializer: kernelInitializer, regularizer: kernelRegularizer)
        recurrentKernel = addWeight(name: "recurrent_kernel", shape: [unitCount, width], initializer: recurrentInitializer,
                                    regularizer: recurrentRegularizer)
        if useBias {
            bias = addWeight(name: "bias", shape: cell.biasShape(units: unitCount), initializer: biasInitializer, regularizer: biasRegularizer)
        }
    }

    public override func runSequence(_ input: Tensor, initialStates: [Tensor], mask: Tensor?, training: Bool)
        -> (outputs: Tensor, states: [Tensor]) {
        let (batch, features) = (input.shape[0], input.shape[2])
        var x = input
        if training && dropout > 0 {
            x = x * (Tensor.bernoulli([batch, 1, features], probability: 1 - dropout) * (1 / (1 - dropout)))
        }
        var recurrentMask: Tensor?
        if training && recurrentDropout > 0 {
            recurrentMask = Tensor.bernoulli([batch, unitCount], probability: 1 - recurrentDropout) * (1 / (1 - recurrentDropout))
        }
        let result = Tensor.recurrentSequence(cell, input: x, kernel: kernel.value, recurrentKernel: recurrentKernel.value,
                                              bias: bias?.value, initialStates: initialStates, mask: mask,
                                              recurrentDropoutMask: recurrentMask, goBackwards: goBackwards)
        return (result.outputs, result.finalStates)
    }

    public override var config: [String: ConfigValue] {
        super.config.merging([
            "units": .int(unitCount), "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
            "kernel_initializer": kernelInitializer.configValue, "recurrent_initializer": recurrentInitializer.configValue,
            "bias_initializer": biasInitializer.configValue, "kernel_regularizer": kernelRegularizer.configValue,
            "recurrent_regularizer": recurrentRegularizer.configValue, "bias_regularizer": biasRegularizer.configValue,
            "dropout": .double(Double(dropout)), "recurrent_dropout": .double(Double(recurrentDropout)),
        ]) { $1 }
    }
}
