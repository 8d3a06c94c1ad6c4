import Cortex
import Foundation

/// Exhaustive search over a parameter grid with cross-validation, as scikit-learn's
/// `GridSearchCV`: every combination is scored on every fold, the best mean wins (the first one
/// on ties) and, with `refit`, a model with those parameters is fitted on all the data.
///
/// ```swift
/// let search = GridSearchCV(grid: ["C": [0.1, 1, 10], "kernel": ["linear", "rbf"]]) { p in
///     SVC(C: try p.double("C"), kernel: try p.option("kernel", as: SVMKernel.self))
/// }
/// try search.fit(x, y)
/// print(search.bestParams!, search.bestScore!)
/// ```
public final class GridSearchCV<Model: Estimator>: Estimator {
    /// The outcome of one parameter combination.
    public struct Result: Sendable {
        public let parameters: Parameters
        public let foldScores: [Double]
        public var meanScore: Double { foldScores.reduce(0, +) / Double(foldScores.count) }
        /// Population standard deviation over folds, as scikit-learn's `std_test_score`.
        public var standardDeviation: Double {
            let mean = meanScore
            return (foldScores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(foldScores.count)).squareRoot()
        }
        /// 1 for the best mean score; equal means share the lower rank.
        public let rank: Int
    }

    public let grid: ParameterGrid
    public var cv: CrossValidator?
    public var refit: Bool
    private let makeEstimator: (Parameters) throws -> Model

    public private(set) var results: [Result] = []
    public private(set) var bestIndex: Int?
    public private(set) var bestEstimator: Model?
    public var bestParams: Parameters? { bestIndex.map { results[$0].parameters } }
    public var bestScore: Double? { bestIndex.map { results[$0].meanScore } }

    /// `makeEstimator` builds an unfitted model from one combination of `grid`; without `cv`,
    /// scikit-learn's 5-fold default applies (stratified for classifiers).
    public init(grid: ParameterGrid, cv: CrossValidator? = nil, refit: Bool = true,
                _ makeEstimator: @escaping (Parameters) throws -> Model) {
        self.grid = grid
        self.cv = cv
        self.refit = refit
        self.makeEstimator = makeEstimator
    }

    public convenience init(grid: [String: [ParameterValue]], cv: CrossValidator? = nil, refit: Bool = true,
                            _ makeEstimator: @escaping (Parameters) throws -> Model) {
        self.init(grid: ParameterGrid(grid), cv: cv, refit: refit, makeEstimator)
    }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try InputValidation.checkSamplesAndTargets(x, y)
        let combinations = grid.combinations
        guard !combinations.isEmpty else { throw MLError.invalidParameter(name: "grid", reason: "has no parameter combination") }
        let splitter = try cv ?? defaultCrossValidator(for: makeEstimator(combinations[0]))
        let folds = try splitter.split(x, y)
        let parts = folds.map { fold in
            (x.selectingRows(fold.train), y.selectingRows(fold.train), x.selectingRows(fold.test), y.selectingRows(fold.test))
        }
        let scores = try combinations.map { parameters in
            try parts.map { xTrain, yTrain, xTest, yTest in
                try makeEstimator(parameters).fit(xTrain, yTrain).score(xTest, yTest)
            }
        }
        let means = scores.map { $0.reduce(0, +) / Double($0.count) }
        results = zip(combinations, scores).enumerated().map { index, pair in
            Result(parameters: pair.0, foldScores: pair.1, rank: 1 + means.filter { $0 > means[index] }.count)
        }
        let best = means.indices.max { means[$0] < means[$1] || (means[$0] == means[$1] && $0 > $1) }!
        bestIndex = best
        bestEstimator = refit ? try makeEstimator(combinations[best]).fit(x, y) : nil
        return self
    }

    private func refitted() throws -> Model {
        guard let bestEstimator else {
            throw MLError.notFitted(model: refit ? "GridSearchCV" : "GridSearchCV(refit: false)'s best estimator")
        }
        return bestEstimator
    }

    /// Predictions of the refitted best model.
    public func predict(_ x: Tensor) throws -> Tensor { try refitted().predict(x) }

    public func score(_ x: Tensor, _ y: Tensor) throws -> Double { try refitted().score(x, y) }
}
