import Cortex
import Foundation

/// The fixed sinusoidal position encoding of "Attention is all you need", as keras_hub's
/// `SinePositionEncoding`: for inputs `[batch, steps, features]`, feature `2i` of position `p` is
/// `sin(p / maxWavelength^(2i / features))` and feature `2i + 1` the cosine of the same angle,
/// broadcast to the input's shape. No weights, and any sequence length.
public final class SinePositionEncoding: Layer {
    public let maxWavelength: Float

    public init(maxWavelength: Float = 10_000, name: String? = nil) {
        precondition(maxWavelength > 0, "SinePositionEncoding: maxWavelength must be positive, got \(maxWavelength)")
        self.maxWavelength = maxWavelength
        super.init(name: name)
    }

    public override func build(inputShape: [Int]) throws {
        guard inputShape.count >= 2 else {
            throw ModelError.incompatibleInput(layer: name, reason: "expects inputs shaped (batch, steps, features), got \(LayerShapes.describe(inputShape))")
        }
    }

    /// The `[steps, features]` encoding.
    public func encoding(steps: Int, features: Int) -> Tensor {
        var scalars = [Float](repeating: 0, count: steps * features)
        for feature in 0..<features {
            let exponent = Double(2 * (feature / 2)) / Double(features)
            let timescale = pow(1 / Double(maxWavelength), exponent)
            for position in 0..<steps {
                let angle = Double(position) * timescale
                scalars[position * features + feature] = Float(feature % 2 == 0 ? sin(angle) : cos(angle))
            }
        }
        return Tensor(shape: [steps, features], scalars: scalars)
    }

    public override func call(_ input: Tensor, training: Bool) -> Tensor {
        encoding(steps: input.shape[input.rank - 2], features: input.shape[input.rank - 1]).broadcast(to: input.shape)
    }

    public override var config: [String: ConfigValue] { ["max_wavelength": .double(Double(maxWavelength))] }
}
