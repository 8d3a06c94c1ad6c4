/// How per-class scores are combined into one number (scikit-learn's `average=`).
///
/// For the per-class scores themselves (scikit-learn's `average=None`) call the `...PerClass`
/// variant of a metric, which returns one value per label.
public enum Average: String, Sendable, CustomStringConvertible {
    /// The score of the positive class `posLabel` only; for binary targets.
    case binary
    /// Counts pooled over all classes before dividing (for single-label multiclass
    /// precision, recall and F1 this equals accuracy).
    case micro
    /// The unweighted mean over classes: every class counts the same.
    case macro
    /// The mean over classes weighted by their support (number of true samples).
    case weighted

    public var description: String { "." + rawValue }
}
