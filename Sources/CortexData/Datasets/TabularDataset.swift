import Cortex

/// A table of samples with one label each, like the `Bunch` scikit-learn's loaders return.
public struct TabularDataset: Sendable {
    /// `[samples, features]`.
    public let data: Tensor
    /// `[samples]` class indices as whole-number floats.
    public let target: Tensor
    public let featureNames: [String]
    public let targetNames: [String]

    public init(data: Tensor, target: Tensor, featureNames: [String], targetNames: [String]) {
        self.data = data
        self.target = target
        self.featureNames = featureNames
        self.targetNames = targetNames
    }
}
