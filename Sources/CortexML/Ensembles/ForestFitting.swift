import CortexData
import Dispatch
import Cortex
import Foundation

/// The bagging settings forests share.
struct ForestSettings: Codable, Sendable, Equatable {
    var nEstimators: Int
    var bootstrap: Bool
    var oobScore: Bool
    var nJobs: Int?

    func validate() throws {
        guard nEstimators >= 1 else {
            throw MLError.invalidParameter(name: "nEstimators", reason: "must be at least 1, got \(nEstimators)")
        }
        if oobScore && !bootstrap {
            throw MLError.invalidParameter(name: "oobScore", reason: "out-of-bag estimation needs bootstrap: true")
        }
        if let nJobs, nJobs == 0 || nJobs < -1 {
            throw MLError.invalidParameter(name: "nJobs", reason: "must be positive or -1 (all cores), got \(nJobs)")
        }
    }

    /// Threads to fit on: all cores unless `nJobs` limits them.
    var workers: Int {
        let cores = Parallelism.threadCount
        guard let nJobs, nJobs > 0 else { return cores }
        return min(nJobs, cores)
    }
}

/// The trees of a fitted forest and, for out-of-bag estimates, each tree's bootstrap counts.
struct ForestFit {
    var trees: [TreeStructure]
    var inBagCounts: [[Int32]]?
}

/// Fits `settings.nEstimators` trees in parallel, the way scikit-learn's forests draw them: one
/// seed per tree from `RandomState(randomState)`, each seed giving the tree's bootstrap sample and
/// its feature draws. Seeds are fixed up front, so the forest does not depend on the thread count.
func fitForest(matrix: FeatureMatrix, target: TreeTarget, weights: [Double], growth: TreeGrowth,
               settings: ForestSettings, randomState: UInt32) -> ForestFit {
    var generator = LegacyMersenneTwister(seed: randomState)
    let seeds = (0..<settings.nEstimators).map { _ in UInt32(generator.nextInt(upTo: Int(Int32.max) - 1)) }
    let rows = matrix.rows
    var trees = [TreeStructure?](repeating: nil, count: seeds.count)
    var counts = [[Int32]](repeating: [], count: settings.bootstrap ? seeds.count : 0)
    let lock = NSLock()
    let workers = min(settings.workers, seeds.count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for t in stride(from: worker, to: seeds.count, by: workers) {
            var treeWeights = weights
            var inBag: [Int32] = []
            if settings.bootstrap {
                inBag = bootstrapCounts(rows: rows, seed: seeds[t])
                for i in 0..<rows { treeWeights[i] *= Double(inBag[i]) }
            }
            let tree = growTree(matrix: matrix, target: target, weights: treeWeights, growth: growth,
                                random: TreeRandom(randomState: seeds[t]))
            lock.lock()
            trees[t] = tree
            if settings.bootstrap { counts[t] = inBag }
            lock.unlock()
        }
    }
    return ForestFit(trees: trees.map { $0! }, inBagCounts: settings.bootstrap ? counts : nil)
}

/// How often each sample is drawn by `RandomState(seed).randint(0, rows, rows)`.
func bootstrapCounts(rows: Int, seed: UInt32) -> [Int32] {
    var generator = LegacyMersenneTwister(seed: seed)
    var counts = [Int32](repeating: 0, count: rows)
    for _ in 0..<rows { counts[generator.nextInt(upTo: rows - 1)] += 1 }
    return counts
}

/// The mean of the trees' normalised importances (trees without a split left out), normalised.
func forestImportances(_ trees: [TreeStructure]) -> [Double] {
    let relevant = trees.filter { $0.nodeCount > 1 }
    guard let first = relevant.first else { return trees.first.map { [Double](repeating: 0, count: $0.featureCount) } ?? [] }
    var sum = [Double](repeating: 0, count: first.featureCount)
    for tree in relevant {
        for (f, value) in tree.featureImportances(normalize: true).enumerated() { sum[f] += value }
    }
    let total = sum.reduce(0, +)
    return total > 0 ? sum.map { $0 / total } : sum
}

/// The mean over trees of each row's leaf values (normalised to sum to 1 per tree when
/// `normalize`), `[rows, width]` row-major; with `only`, a tree contributes to a row only where
/// `only(tree, row)` holds, and rows average over the trees that contributed.
func averagedLeafValues(_ trees: [TreeStructure], _ x: Tensor, normalize: Bool,
                        only include: ((Int, Int) -> Bool)? = nil) -> [Double] {
    let rows = x.shape[0], width = trees[0].valueWidth
    let traversals = trees.map(TreeTraversal.init)
    var result = [Double](repeating: 0, count: rows * width)
    var contributors = [Int](repeating: 0, count: rows)
    x.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { out in
            contributors.withUnsafeMutableBufferPointer { contributors in
                let out = out.baseAddress!, contributors = contributors.baseAddress!
                DispatchChunks.forEach(rows, minimumChunk: 256) { range in
                    let leaves = UnsafeMutablePointer<Int32>.allocate(capacity: range.count)
                    defer { leaves.deallocate() }
                    for (t, tree) in trees.enumerated() {
                        traversals[t].leaves(of: source.baseAddress!, rows: range, into: leaves)
                        tree.values.withUnsafeBufferPointer { values in
                            for i in range where include?(t, i) ?? true {
                                contributors[i] += 1
                                let base = Int(leaves[i - range.lowerBound]) * width
                                var total = 1.0
                                if normalize {
                                    total = 0
                                    for k in 0..<width { total += values[base + k] }
                                    if total == 0 { total = 1 }
                                }
                                for k in 0..<width { out[i * width + k] += values[base + k] / total }
                            }
                        }
                    }
                    for i in range {
                        let divisor = Double(max(contributors[i], 1))
                        for k in 0..<width { out[i * width + k] /= divisor }
                    }
                }
            }
        }
    }
    return result
}
