/// Stopping rules and feature sampling of one tree, already resolved to numbers.
struct TreeGrowth: Codable, Sendable, Equatable {
    var maxDepth = Int.max
    var minSamplesSplit = 2
    var minSamplesLeaf = 1
    var minImpurityDecrease = 0.0
    /// Features drawn per split (all of them unless subsampling).
    var maxFeatures: Int
    /// Grows best-first up to this many leaves when set, depth-first otherwise.
    var maxLeafNodes: Int?
}

/// Grows one tree by exact split search on presorted features, following scikit-learn's
/// `BestSplitter` and its depth-first and best-first builders step for step (node order, random
/// feature draws, constant-feature bookkeeping), so equal inputs and seeds give equal trees.
final class TreeBuilder<Criterion: SplitCriterion> {
    private static var epsilon: Double { Double.ulpOfOne }
    private static var featureThreshold: Double { 1e-7 }

    private let matrix: FeatureMatrix
    private let growth: TreeGrowth
    private let initialCriterion: Criterion
    private var random: TreeRandom
    private var features: [Int]
    private var constantFeatures: [Int]
    /// `order[f * count ..< (f + 1) * count]`: the in-bag samples by increasing feature `f`,
    /// partitioned so that each node owns one contiguous range of positions in every feature.
    private let order: UnsafeMutablePointer<Int32>
    private let count: Int
    private let goesLeft: UnsafeMutablePointer<Bool>
    private let scratch: UnsafeMutablePointer<Int32>
    private let totalWeight: Double
    private var tree: TreeStructure

    private struct Candidate { var id: Int, start: Int, end: Int, depth: Int, split: Split?, children: Layout }

    /// Which feature ranges of a node are still kept sorted: features constant on the node (or an
    /// ancestor) are no longer partitioned, as their order cannot matter below it; `reference`
    /// is a feature whose range holds exactly the node's samples.
    private struct Layout {
        var reference: Int
        var settled: [Bool]
    }

    private struct Split {
        var feature = 0, position = 0, threshold = 0.0
        var impurityLeft = 0.0, impurityRight = 0.0, improvement = 0.0
    }

    /// Samples with zero weight (out of a bootstrap, say) take no part, as in scikit-learn.
    init(matrix: FeatureMatrix, weights: [Double], criterion: Criterion, growth: TreeGrowth, random: TreeRandom) {
        self.matrix = matrix
        self.growth = growth
        initialCriterion = criterion
        self.random = random
        features = Array(0..<matrix.features)
        constantFeatures = features
        let rows = matrix.rows
        let inBag = weights.allSatisfy { $0 != 0 }
        count = inBag ? rows : weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count * matrix.features))
        self.order = order
        let sorted = matrix.sortedOrder
        if inBag {
            order.update(from: sorted, count: count * matrix.features)
        } else {
            let count = self.count
            weights.withUnsafeBufferPointer { weights in
                for f in 0..<matrix.features {
                    var position = f * count
                    for i in (f * rows)..<((f + 1) * rows) where weights[Int(sorted[i])] != 0 {
                        order[position] = sorted[i]
                        position += 1
                    }
                }
            }
        }
        goesLeft = .allocate(capacity: max(1, rows))
        scratch = .allocate(capacity: max(1, count))
        totalWeight = weights.reduce(0, +)
        tree = TreeStructure(valueWidth: criterion.valueWidth, featureCount: matrix.features)
    }

    deinit {
        order.deallocate()
        goesLeft.deallocate()
        scratch.deallocate()
    }

    func build() -> TreeStructure {
        var criterion = initialCriterion
        if count > 0 {
            if let maxLeafNodes = growth.maxLeafNodes {
                buildBestFirst(maxLeafNodes: maxLeafNodes, &criterion)
            } else {
                buildDepthFirst(&criterion)
            }
        }
        return tree
    }

    // MARK: Builders

    private func buildDepthFirst(_ criterion: inout Criterion) {
        typealias Record = (start: Int, end: Int, depth: Int, parent: Int?, isLeft: Bool, impurity: Double,
                            constants: Int, layout: Layout)
        var stack: [Record] = [(0, count, 0, nil, false, .infinity, 0, rootLayout)]
        var first = true
        while let record = stack.popLast() {
            let samples = record.end - record.start
            startNode(record.start, record.end, record.layout, &criterion)
            var isLeaf = record.depth >= growth.maxDepth || samples < growth.minSamplesSplit
                || samples < 2 * growth.minSamplesLeaf
            var impurity = record.impurity
            if first {
                impurity = criterion.nodeImpurity()
                first = false
            }
            isLeaf = isLeaf || impurity <= Self.epsilon
            var split: Split?
            var constants = record.constants
            if !isLeaf {
                split = findSplit(record.start, record.end, impurity: impurity, knownConstants: &constants, &criterion)
                if let found = split, found.improvement + Self.epsilon < growth.minImpurityDecrease { split = nil }
                isLeaf = split == nil
            }
            let id = addNode(record.parent, record.isLeft, split, impurity, samples, criterion)
            if let split {
                let children = partition(record.start, record.end, split, record.layout)
                stack.append((split.position, record.end, record.depth + 1, id, false, split.impurityRight, constants, children))
                stack.append((record.start, split.position, record.depth + 1, id, true, split.impurityLeft, constants, children))
            }
        }
    }

    private func buildBestFirst(maxLeafNodes: Int, _ criterion: inout Criterion) {
        var frontier: [Candidate] = []
        func add(_ start: Int, _ end: Int, _ depth: Int, _ parent: Int?, _ isLeft: Bool, _ impurity: Double?,
                 _ layout: Layout) {
            let samples = end - start
            startNode(start, end, layout, &criterion)
            let impurity = impurity ?? criterion.nodeImpurity()
            var split: Split?
            if !(depth >= growth.maxDepth || samples < growth.minSamplesSplit || samples < 2 * growth.minSamplesLeaf
                 || impurity <= Self.epsilon) {
                var constants = 0
                split = findSplit(start, end, impurity: impurity, knownConstants: &constants, &criterion)
                if let found = split, found.improvement + Self.epsilon < growth.minImpurityDecrease { split = nil }
            }
            let id = addNode(parent, isLeft, split, impurity, samples, criterion)
            let children = split.map { partition(start, end, $0, layout) } ?? layout
            frontier.append(Candidate(id: id, start: start, end: end, depth: depth, split: split, children: children))
        }
        add(0, count, 0, nil, false, nil, rootLayout)
        var splitsLeft = maxLeafNodes - 1
        while !frontier.isEmpty {
            var best = 0
            for i in frontier.indices.dropFirst()
            where (frontier[i].split?.improvement ?? 0) > (frontier[best].split?.improvement ?? 0) { best = i }
            let candidate = frontier.remove(at: best)
            guard let split = candidate.split, splitsLeft > 0 else {
                tree.makeLeaf(candidate.id)
                continue
            }
            splitsLeft -= 1
            add(candidate.start, split.position, candidate.depth + 1, candidate.id, true, split.impurityLeft, candidate.children)
            add(split.position, candidate.end, candidate.depth + 1, candidate.id, false, split.impurityRight, candidate.children)
        }
    }

    private func addNode(_ parent: Int?, _ isLeft: Bool, _ split: Split?, _ impurity: Double, _ samples: Int,
                         _ criterion: Criterion) -> Int {
        var value: [Double] = []
        criterion.nodeValue(into: &value)
        return tree.addNode(parent: parent, isLeft: isLeft, feature: split?.feature ?? -2, threshold: split?.threshold ?? -2,
                            impurity: impurity, samples: samples, weightedSamples: criterion.weightedNodeSamples,
                            value: value[...])
    }

    private var rootLayout: Layout { Layout(reference: 0, settled: [Bool](repeating: false, count: matrix.features)) }

    private func startNode(_ start: Int, _ end: Int, _ layout: Layout, _ criterion: inout Criterion) {
        criterion.startNode(UnsafeBufferPointer(start: order + layout.reference * count + start, count: end - start))
    }

    // MARK: Split search

    /// scikit-learn's `node_split_best`: draws features without replacement until `maxFeatures`
    /// non-constant ones were evaluated, and keeps the first split with the best proxy score.
    private func findSplit(_ start: Int, _ end: Int, impurity: Double, knownConstants: inout Int,
                           _ criterion: inout Criterion) -> Split? {
        let featureCount = matrix.features
        var best: Split?
        var bestProxy = -Double.infinity
        var remaining = featureCount
        var visited = 0, foundConstants = 0, drawnConstants = 0
        let known = knownConstants
        var totalConstants = known
        while remaining > totalConstants
                && (visited < growth.maxFeatures || visited <= foundConstants + drawnConstants) {
            visited += 1
            var j = random.int(drawnConstants, remaining - foundConstants)
            if j < known {
                features.swapAt(drawnConstants, j)
                drawnConstants += 1
                continue
            }
            j += foundConstants
            let f = features[j]
            if isConstant(f, start, end) {
                features.swapAt(j, totalConstants)
                foundConstants += 1
                totalConstants += 1
                continue
            }
            remaining -= 1
            features.swapAt(remaining, j)
            scan(feature: f, start, end, best: &best, bestProxy: &bestProxy, &criterion)
        }
        if var found = best {
            let slice = UnsafeBufferPointer(start: order + found.feature * count + start, count: end - start)
            criterion.startScan(slice)
            for p in 0..<(found.position - start) { criterion.moveLeft(slice[p]) }
            (found.impurityLeft, found.impurityRight) = criterion.childrenImpurity()
            found.improvement = criterion.improvement(parent: impurity, left: found.impurityLeft,
                                                      right: found.impurityRight, totalWeight: totalWeight)
            best = found
        }
        for i in 0..<known { features[i] = constantFeatures[i] }
        for i in known..<(known + foundConstants) { constantFeatures[i] = features[i] }
        knownConstants = totalConstants
        return best
    }

    private func isConstant(_ f: Int, _ start: Int, _ end: Int) -> Bool {
        let column = f * matrix.rows
        let low = matrix.columns[column + Int(order[f * count + start])]
        let high = matrix.columns[column + Int(order[f * count + end - 1])]
        return Double(high) <= Double(low) + Self.featureThreshold
    }

    /// Evaluates every threshold between distinct consecutive values of feature `f`.
    private func scan(feature f: Int, _ start: Int, _ end: Int, best: inout Split?, bestProxy: inout Double,
                      _ criterion: inout Criterion) {
        let minLeaf = growth.minSamplesLeaf
        let slice = UnsafeBufferPointer(start: order + f * count + start, count: end - start)
        let column = matrix.columns + f * matrix.rows
        criterion.startScan(slice)
        let n = end - start
        var current = Double(column[Int(slice[0])])
        for p in 0..<(n - 1) {
            criterion.moveLeft(slice[p])
            let next = Double(column[Int(slice[p + 1])])
            defer { current = next }
            if next <= current + Self.featureThreshold { continue }
            let left = p + 1
            if left < minLeaf { continue }
            if n - left < minLeaf { break }
            let proxy = criterion.proxyImprovement()
            if proxy > bestProxy {
                bestProxy = proxy
                var threshold = current / 2 + next / 2
                if threshold == next || threshold.isInfinite { threshold = current }
                best = Split(feature: f, position: start + left, threshold: threshold)
            }
        }
    }

    /// Reorders the range `start..<end` of every feature not constant on the node so the left
    /// child's samples come first, keeping each side sorted (the split feature is already in that
    /// order); returns the children's layout.
    private func partition(_ start: Int, _ end: Int, _ split: Split, _ layout: Layout) -> Layout {
        var children = Layout(reference: split.feature, settled: layout.settled)
        let splitBase = split.feature * count
        for p in start..<end { goesLeft[Int(order[splitBase + p])] = p < split.position }
        for f in 0..<matrix.features where f != split.feature && !layout.settled[f] {
            if isConstant(f, start, end) {
                children.settled[f] = true
                continue
            }
            let base = f * count
            var left = base + start, right = 0
            for p in (base + start)..<(base + end) {
                let s = order[p]
                if goesLeft[Int(s)] {
                    order[left] = s
                    left += 1
                } else {
                    scratch[right] = s
                    right += 1
                }
            }
            (order + left).update(from: scratch, count: right)
        }
        return children
    }
}
