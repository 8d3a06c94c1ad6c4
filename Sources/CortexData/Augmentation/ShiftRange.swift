import Cortex

/// How far `ImageDataGenerator` shifts images along one axis, as Keras' `width_shift_range` and
/// `height_shift_range`.
///
/// A value below 1 is a fraction of the image's extent, 1 or more a number of pixels. Write a
/// float literal for a uniform draw in `[-r, r)`, an integer literal `n` for a whole number of
/// pixels in `-(n-1)...(n-1)`, or `.choices` for one of given values with a random sign.
public enum ShiftRange: Equatable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// Uniform in `[-r, r)`.
    case uniform(Double)
    /// One of `values`, times ±1.
    case choices([Double])

    public init(floatLiteral value: Double) { self = .uniform(value) }

    /// Keras' integer range: `np.random.choice(n)` picks from `0..<n`, then a random sign.
    public init(integerLiteral value: Int) { self = .choices((0..<max(value, 0)).map(Double.init)) }

    /// No shift.
    var isZero: Bool {
        switch self {
        case .uniform(let range): return range == 0
        case .choices(let values): return values.allSatisfy { $0 == 0 }
        }
    }

    /// A shift in pixels for an axis of `extent` pixels: ranges below 1 are fractions of it.
    func draw(extent: Int, using generator: inout RandomGenerator) -> Double {
        guard !isZero else { return 0 }
        switch self {
        case .uniform(let range):
            let shift = -range + 2 * range * generator.nextUniformDouble()
            return range < 1 ? shift * Double(extent) : shift
        case .choices(let values):
            let sign: Double = generator.nextUniformDouble() < 0.5 ? -1 : 1
            let shift = values[generator.nextInt(below: values.count)] * sign
            return (values.max() ?? 0) < 1 ? shift * Double(extent) : shift
        }
    }
}
