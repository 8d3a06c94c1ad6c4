import Cortex

/// Maps each feature linearly onto `featureRange` using the training minimum and maximum, as
/// scikit-learn's `MinMaxScaler`.
public final class MinMaxScaler: Transformer, PersistentModel {
    public var featureRange: ClosedRange<Double>
    /// Clamp transformed values to `featureRange` (for samples outside the training range).
    public var clip: Bool
    public private(set) var dataMin: [Double]?
    public private(set) var dataMax: [Double]?
    /// Per-feature factor: (range width) / (max − min), with 1 for a constant feature's divisor.
    public private(set) var scale: [Double]?
    /// Per-feature offset added after scaling.
    public private(set) var min: [Double]?

    public init(featureRange: ClosedRange<Double> = 0...1, clip: Bool = false) {
        self.featureRange = featureRange
        self.clip = clip
    }

    @discardableResult
    public func fit(_ x: Tensor) throws -> Self {
        guard featureRange.lowerBound < featureRange.upperBound else {
            throw MLError.invalidParameter(name: "featureRange", reason: "needs a lower bound below the upper one, got \(featureRange)")
        }
        try InputValidation.checkSamples(x)
        let data = DoubleMatrix(x)
        var low = [Double](repeating: .infinity, count: data.columns), high = [Double](repeating: -.infinity, count: data.columns)
        for r in 0..<data.rows {
            for c in 0..<data.columns {
                low[c] = Swift.min(low[c], data[r, c])
                high[c] = Swift.max(high[c], data[r, c])
            }
        }
        let width = featureRange.upperBound - featureRange.lowerBound
        let scale = zip(low, high).map { width / FeatureScaling.safeDivisor($1 - $0) }
        dataMin = low
        dataMax = high
        self.scale = scale
        min = zip(low, scale).map { featureRange.lowerBound - $0 * $1 }
        return self
    }

    /// x · scale + min, clamped to `featureRange` when `clip`.
    public func transform(_ x: Tensor) throws -> Tensor {
        let (scale, offset) = try fitted()
        let range = featureRange, clip = clip
        return try FeatureScaling.apply(x, features: scale.count) { c, value in
            let mapped = value * scale[c] + offset[c]
            return clip ? Swift.min(Swift.max(mapped, range.lowerBound), range.upperBound) : mapped
        }
    }

    public func inverseTransform(_ x: Tensor) throws -> Tensor {
        let (scale, offset) = try fitted()
        return try FeatureScaling.apply(x, features: scale.count) { c, value in (value - offset[c]) / scale[c] }
    }

    private func fitted() throws -> ([Double], [Double]) {
        guard let scale, let min else { throw MLError.notFitted(model: "MinMaxScaler") }
        return (scale, min)
    }
}
