import CortexML

/// The classifiers `cortex-bench classic` compares, each built with the settings the scikit-learn
/// side uses (benchmarks/reference/classic.py), so both fit the same model.
enum ClassicModel: String, CaseIterable {
    case dt, rf, gb, hgb
    case svcLinear = "svc_linear"
    case svcRBF = "svc_rbf"

    func make(threads: Int) -> any Classifier {
        switch self {
        case .dt: DecisionTreeClassifier(criterion: .entropy, maxDepth: 3, randomState: 0)
        case .rf: RandomForestClassifier(nEstimators: 100, nJobs: threads, randomState: 0)
        case .gb: GradientBoostingClassifier(learningRate: 0.1, nEstimators: 100, maxDepth: 3, randomState: 0)
        case .hgb: HistGradientBoostingClassifier(randomState: 0)
        case .svcLinear: SVC(C: 1, kernel: .linear)
        case .svcRBF: SVC()
        }
    }

    /// The training rows fitted on, when fewer than the whole training set. A linear-kernel SVC
    /// with C = 1 on the 16,000 overlapping synthetic samples takes scikit-learn about eight
    /// minutes per fit; the first 2,000 rows keep the comparison to seconds.
    func trainRows(on dataset: String) -> Int? {
        self == .svcLinear && dataset == ClassicDataset.syntheticName ? 2000 : nil
    }
}
