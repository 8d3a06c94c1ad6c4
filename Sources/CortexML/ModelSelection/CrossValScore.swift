import Cortex

/// The score of a fresh model on each test fold, as scikit-learn's `cross_val_score`.
///
/// `makeEstimator` builds an unfitted model per fold, so folds never share state. Without `cv`,
/// classifiers get `StratifiedKFold(nSplits: 5)` and regressors `KFold(nSplits: 5)`, as
/// scikit-learn's `cv=5`.
///
/// ```swift
/// let scores = try crossValScore({ SVC(C: 10) }, x, y, cv: StratifiedKFold(nSplits: 5, shuffle: true, randomState: 0))
/// ```
public func crossValScore<Model: Estimator>(_ makeEstimator: () throws -> Model, _ x: Tensor, _ y: Tensor,
                                            cv: CrossValidator? = nil) throws -> [Double] {
    try InputValidation.checkSamplesAndTargets(x, y)
    let first = try makeEstimator()
    let splitter = cv ?? defaultCrossValidator(for: first)
    return try splitter.split(x, y).enumerated().map { index, fold in
        let model = index == 0 ? first : try makeEstimator()
        try model.fit(x.selectingRows(fold.train), y.selectingRows(fold.train))
        return try model.score(x.selectingRows(fold.test), y.selectingRows(fold.test))
    }
}

/// scikit-learn's `cv=5` choice: stratified folds for a classifier, plain ones otherwise.
func defaultCrossValidator(for estimator: any Estimator) -> CrossValidator {
    estimator is any Classifier ? StratifiedKFold(nSplits: 5) : KFold(nSplits: 5)
}
