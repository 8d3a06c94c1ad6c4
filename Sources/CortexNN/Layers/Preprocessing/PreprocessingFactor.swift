/// The range a Keras 3 random image layer draws its amount from, as its `factor` arguments: a
/// number `f` means `[-|f|, |f|]`, `PreprocessingFactor(lower:upper:)` a range of its own.
public struct PreprocessingFactor: Equatable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = Swift.min(lower, upper)
        self.upper = Swift.max(lower, upper)
    }

    /// `[-|amount|, |amount|]`.
    public init(_ amount: Double) { self.init(lower: -Swift.abs(amount), upper: Swift.abs(amount)) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    var config: ConfigValue { .array([.double(lower), .double(upper)]) }

    /// Checks that both bounds lie within `bounds`, naming the argument.
    func check(_ name: String, within bounds: ClosedRange<Double>, layer: String) {
        precondition(bounds.contains(lower) && bounds.contains(upper),
                     "\(layer): \(name) must lie in [\(bounds.lowerBound), \(bounds.upperBound)], got [\(lower), \(upper)]")
    }
}
