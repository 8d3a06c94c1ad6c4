import Cortex
import CortexData

/// The stage-wise settings both gradient-boosting estimators share.
struct BoostingSettings: Codable, Sendable, Equatable {
    var nEstimators: Int
    var learningRate: Double
    var subsample: Double

    func validate() throws {
        guard nEstimators >= 1 else {
            throw MLError.invalidParameter(name: "nEstimators", reason: "must be at least 1, got \(nEstimators)")
        }
        guard learningRate > 0 else {
            throw MLError.invalidParameter(name: "learningRate", reason: "must be > 0, got \(learningRate)")
        }
        guard subsample > 0 && subsample <= 1 else {
            throw MLError.invalidParameter(name: "subsample", reason: "must be in (0, 1], got \(subsample)")
        }
    }
}

/// A fitted boosted ensemble: initial raw scores, then `width` regression trees per stage whose
/// leaves hold the (unscaled) step of that stage.
struct BoostedTrees: Codable, Sendable {
    var loss: BoostingLoss
    var learningRate: Double
    var initial: [Double]
    var stages: [[TreeStructure]]
    var trainScore: [Double]
    var featureCount: Int

    /// scikit-learn's gradient boosting: at each stage, the negative gradient of the loss at the
    /// current scores, one squared-error tree per output fitted to it (on a subsample when
    /// `subsample < 1`), leaf values replaced by the loss's Newton step or quantile, and scores
    /// moved by `learningRate` times the tree. Trees draw their seeds from one NumPy generator
    /// seeded with `randomState`, in scikit-learn's order.
    static func fit(_ x: Tensor, y: [Double], weights: [Double], loss: BoostingLoss, settings: BoostingSettings,
                    growth: TreeGrowth, ccpAlpha: Double, randomState: UInt32) -> BoostedTrees {
        let rows = y.count, width = loss.width
        let matrix = FeatureMatrix(x)
        var generator = LegacyMersenneTwister(seed: randomState)
        let initial = loss.initialRaw(y, weights)
        var raw = [Double](repeating: 0, count: rows * width)
        for i in 0..<rows { for k in 0..<width { raw[i * width + k] = initial[k] } }
        let inBagCount = max(1, Int(settings.subsample * Double(rows)))
        var stages: [[TreeStructure]] = []
        var trainScore: [Double] = []
        var delta = 0.0
        for _ in 0..<settings.nEstimators {
            var mask = [Bool](repeating: true, count: rows)
            if settings.subsample < 1 { mask = sampleMask(rows: rows, inBag: inBagCount, generator: &generator) }
            let stageWeights = zip(weights, mask).map { $1 ? $0 : 0 }
            if case .huber = loss { delta = loss.huberDelta(y, raw, weights) }
            let gradient = loss.negativeGradient(y, raw, delta: delta)
            var stage: [TreeStructure] = []
            for k in 0..<width {
                let target = (0..<rows).map { gradient[$0 * width + k] }
                var tree = growTree(matrix: matrix, target: .values(target, .squaredError), weights: stageWeights,
                                    growth: growth, random: TreeRandom(generator: &generator)).pruned(alpha: ccpAlpha)
                let leaves = tree.leaves(x)
                if loss != .squaredError {
                    var members = [Int: [Int]]()
                    for i in 0..<rows where mask[i] { members[Int(leaves[i]), default: []].append(i) }
                    for (leaf, samples) in members {
                        if let value = loss.leafValue(samples: samples, y: y, negativeGradient: target, raw: raw, k: k,
                                                      weights: weights, delta: delta) {
                            tree.values[leaf] = value
                        }
                    }
                }
                for i in 0..<rows { raw[i * width + k] += settings.learningRate * tree.values[Int(leaves[i])] }
                stage.append(tree)
            }
            stages.append(stage)
            let scored = (0..<rows).filter { mask[$0] }
            trainScore.append(loss.loss(y, raw, weights, delta: delta, samples: scored))
        }
        return BoostedTrees(loss: loss, learningRate: settings.learningRate, initial: initial, stages: stages,
                            trainScore: trainScore, featureCount: x.shape[1])
    }

    /// Raw scores `[rows, width]`; with `eachStage`, also hands over the scores after every stage.
    func rawScores(_ x: Tensor, eachStage body: (([Double]) -> Void)? = nil) -> [Double] {
        let rows = x.shape[0], width = loss.width
        var raw = [Double](repeating: 0, count: rows * width)
        for i in 0..<rows { for k in 0..<width { raw[i * width + k] = initial[k] } }
        guard let body else {
            addStages(stages[...], x, &raw)
            return raw
        }
        for stage in stages.indices {
            addStages(stages[stage...stage], x, &raw)
            body(raw)
        }
        return raw
    }

    /// Adds the steps of `stages` to `raw`, rows split over cores, all trees per chunk of rows.
    private func addStages(_ stages: ArraySlice<[TreeStructure]>, _ x: Tensor, _ raw: inout [Double]) {
        let rows = x.shape[0], width = loss.width, rate = learningRate
        let traversals = stages.map { $0.map(TreeTraversal.init) }
        x.withUnsafeBufferPointer { source in
            raw.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                DispatchChunks.forEach(rows, minimumChunk: 512) { range in
                    let leaves = UnsafeMutablePointer<Int32>.allocate(capacity: range.count)
                    defer { leaves.deallocate() }
                    for (stage, stageTraversals) in zip(stages, traversals) {
                        for (k, tree) in stage.enumerated() {
                            stageTraversals[k].leaves(of: source.baseAddress!, rows: range, into: leaves)
                            tree.values.withUnsafeBufferPointer { values in
                                for i in range { out[i * width + k] += rate * values[Int(leaves[i - range.lowerBound])] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The mean over trees with a split of their unnormalised importances, normalised.
    var featureImportances: [Double] {
        let relevant = stages.joined().filter { $0.nodeCount > 1 }
        guard !relevant.isEmpty else { return [Double](repeating: 0, count: featureCount) }
        var sum = [Double](repeating: 0, count: featureCount)
        for tree in relevant {
            for (f, value) in tree.featureImportances(normalize: false).enumerated() { sum[f] += value }
        }
        let total = sum.reduce(0, +)
        return total > 0 ? sum.map { $0 / total } : sum
    }
}

/// scikit-learn's `_random_sample_mask`: exactly `inBag` of `rows` samples, by sequential draws
/// of uniform numbers from the shared generator.
func sampleMask(rows: Int, inBag: Int, generator: inout LegacyMersenneTwister) -> [Bool] {
    let uniforms = (0..<rows).map { _ in generator.nextUniform() }
    var mask = [Bool](repeating: false, count: rows)
    var taken = 0
    for i in 0..<rows where uniforms[i] * Double(rows - i) < Double(inBag - taken) {
        mask[i] = true
        taken += 1
    }
    return mask
}

extension LegacyMersenneTwister {
    /// A double in [0, 1) with 53 random bits, NumPy's legacy `random_sample`.
    mutating func nextUniform() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }
}
