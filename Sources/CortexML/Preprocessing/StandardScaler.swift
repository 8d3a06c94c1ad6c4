import Cortex

/// Centres each feature to mean 0 and scales it to unit variance, as scikit-learn's
/// `StandardScaler`: what kernel and linear models need when features have different units.
public final class StandardScaler: Transformer, PersistentModel {
    public var withMean: Bool
    public var withStd: Bool
    /// Per-feature means seen by `fit`.
    public private(set) var mean: [Double]?
    /// Per-feature population variances seen by `fit`.
    public private(set) var variance: [Double]?
    /// Per-feature divisors: the standard deviation, or 1 for a constant feature.
    public private(set) var scale: [Double]?

    public init(withMean: Bool = true, withStd: Bool = true) {
        self.withMean = withMean
        self.withStd = withStd
    }

    @discardableResult
    public func fit(_ x: Tensor) throws -> Self {
        try InputValidation.checkSamples(x)
        let data = DoubleMatrix(x)
        let n = Double(data.rows)
        var mean = [Double](repeating: 0, count: data.columns), variance = mean
        for r in 0..<data.rows {
            for c in 0..<data.columns { mean[c] += data[r, c] / n }
        }
        for r in 0..<data.rows {
            for c in 0..<data.columns { variance[c] += (data[r, c] - mean[c]) * (data[r, c] - mean[c]) / n }
        }
        self.mean = mean
        self.variance = variance
        scale = variance.map { FeatureScaling.safeDivisor($0.squareRoot()) }
        return self
    }

    private var offsetsAndFactors: ([Double], [Double])? {
        guard let mean, let scale else { return nil }
        return (withMean ? mean : mean.map { _ in 0 }, withStd ? scale : scale.map { _ in 1 })
    }

    /// (x − mean) / scale.
    public func transform(_ x: Tensor) throws -> Tensor {
        let (offsets, factors) = try fitted()
        return try FeatureScaling.apply(x, features: offsets.count) { c, value in (value - offsets[c]) / factors[c] }
    }

    /// x · scale + mean: back to the original units.
    public func inverseTransform(_ x: Tensor) throws -> Tensor {
        let (offsets, factors) = try fitted()
        return try FeatureScaling.apply(x, features: offsets.count) { c, value in value * factors[c] + offsets[c] }
    }

    private func fitted() throws -> ([Double], [Double]) {
        guard let offsetsAndFactors else { throw MLError.notFitted(model: "StandardScaler") }
        return offsetsAndFactors
    }
}

/// The per-feature affine maps shared by the scalers.
enum FeatureScaling {
    /// A divisor that leaves constant features unchanged, as scikit-learn's `_handle_zeros_in_scale`.
    static func safeDivisor(_ value: Double) -> Double {
        value < 10 * Double.ulpOfOne ? 1 : value
    }

    /// `map(column, value)` applied to every entry of a validated `[samples, features]` tensor.
    static func apply(_ x: Tensor, features: Int, _ map: (Int, Double) -> Double) throws -> Tensor {
        try InputValidation.checkSamples(x, features: features)
        let scalars = x.withUnsafeBufferPointer { values in
            values.indices.map { Float(map($0 % features, Double(values[$0]))) }
        }
        return Tensor(shape: x.shape, scalars: scalars)
    }
}
