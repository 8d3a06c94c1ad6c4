/// A named parameter that layers own and optimizers update.
///
/// A class because identity matters: an optimizer keys its slots (momentum, Adam's moments) by
/// the variable, and a layer shared between two branches of a model shares its variables.
public final class Variable {
    /// A stable dotted name such as `dense_1.kernel`, used to save and load weights.
    public var name: String
    /// The current value.
    public var value: Tensor
    /// Whether optimizers update it (a frozen layer's variables are not trainable).
    public var trainable: Bool

    public init(_ value: Tensor, name: String = "variable", trainable: Bool = true) {
        self.value = value
        self.name = name
        self.trainable = trainable
    }

    public var shape: [Int] { value.shape }

    /// Replaces the value, which must keep its shape.
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == value.shape,
                     "Variable.assign: '\(name)' has shape \(value.shape), got \(newValue.shape)")
        value = newValue.detached()
    }
}

extension Variable: CustomStringConvertible {
    public var description: String { "Variable(\(name), shape: \(shape), trainable: \(trainable))" }
}
