/// The zoom factors `ImageDataGenerator` draws from, as Keras' `zoom_range`: a number `z` means
/// `[1 - z, 1 + z]`, a pair its bounds. Factors above 1 zoom out (the image looks smaller).
public struct ZoomRange: Equatable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `[1 - amount, 1 + amount]`.
    public init(_ amount: Double) { self.init(lower: 1 - amount, upper: 1 + amount) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }
}
