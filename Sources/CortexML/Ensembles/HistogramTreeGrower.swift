import Dispatch

/// One histogram bin of a node: sums of gradients and hessians and the sample count.
struct HistogramBin {
    var gradient = 0.0
    var hessian = 0.0
    var count = 0
}

/// Grows one tree of histogram gradient boosting, as scikit-learn's `TreeGrower`: best-first on
/// split gain up to `maxLeafNodes` leaves, histograms of the smaller child built from its samples
/// and the larger child's obtained by subtraction from the parent's, features scanned in parallel.
struct HistogramTreeGrower {
    static let minHessianToSplit = 1e-3

    let binned: UnsafePointer<UInt8>
    let rows: Int
    let features: Int
    let binCounts: [Int]
    let hasMissing: [Bool]
    let thresholds: [[Double]]
    let maxLeafNodes: Int?
    let maxDepth: Int?
    let minSamplesLeaf: Int
    let l2Regularization: Double
    let shrinkage: Double
    /// Where each feature's bins start in a node's histogram: its real bins, then the missing bin.
    let binOffsets: [Int]

    init(binned: UnsafePointer<UInt8>, rows: Int, binCounts: [Int], hasMissing: [Bool], thresholds: [[Double]],
         maxLeafNodes: Int?, maxDepth: Int?, minSamplesLeaf: Int, l2Regularization: Double, shrinkage: Double) {
        self.binned = binned
        self.rows = rows
        features = binCounts.count
        self.binCounts = binCounts
        self.hasMissing = hasMissing
        self.thresholds = thresholds
        self.maxLeafNodes = maxLeafNodes
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.l2Regularization = l2Regularization
        self.shrinkage = shrinkage
        var offsets = [0]
        for count in binCounts { offsets.append(offsets.last! + count + 1) }
        binOffsets = offsets
    }

    private struct Split {
        var gain = -1.0
        var feature = 0, bin = 0
        var missingGoesLeft = false
        var gradientLeft = 0.0, hessianLeft = 0.0, countLeft = 0
        var gradientRight = 0.0, hessianRight = 0.0, countRight = 0
    }

    private struct Node {
        var start: Int, end: Int, depth: Int
        var gradient: Double, hessian: Double, value: Double
        var histogram: [HistogramBin]?
        var split: Split?
        var id: Int
        var count: Int { end - start }
    }

    private func nodeValue(_ gradient: Double, _ hessian: Double) -> Double {
        -gradient / (hessian + l2Regularization + 1e-15)
    }

    /// Grows a tree on `gradients` and `hessians` and adds its leaf values to `raw` (stride
    /// `rawStride`, offset `rawOffset`) for the samples of each leaf.
    func grow(gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>, raw: UnsafeMutablePointer<Double>,
              rawStride: Int, rawOffset: Int) -> HistogramTree {
        var partition = (0..<Int32(rows)).map { $0 }
        var tree = HistogramTree()
        let rootHistogram = histogram(partition[...], gradients, hessians)
        var gradientSum = 0.0, hessianSum = 0.0
        for b in 0..<binOffsets[1] {
            gradientSum += rootHistogram[b].gradient
            hessianSum += rootHistogram[b].hessian
        }
        let root = Node(start: 0, end: rows, depth: 0, gradient: gradientSum, hessian: hessianSum, value: 0,
                        histogram: rootHistogram, split: nil, id: tree.addNode(value: 0))
        var leaves: [Node] = []
        var splittable: [Node] = []
        func finalize(_ node: Node) {
            tree.value[node.id] = shrinkage * node.value
            leaves.append(node)
        }
        func push(_ node: Node) {
            var node = node
            node.split = bestSplit(node)
            if let split = node.split, split.gain > 0 {
                splittable.append(node)
            } else {
                finalize(node)
            }
        }
        if root.count < 2 * minSamplesLeaf || hessianSum < Self.minHessianToSplit {
            finalize(root)
        } else {
            push(root)
        }
        while !splittable.isEmpty {
            var best = 0
            for i in splittable.indices.dropFirst() where splittable[i].split!.gain > splittable[best].split!.gain { best = i }
            let node = splittable.remove(at: best)
            let split = node.split!
            let middle = partitionSamples(&partition, node, split)
            tree.feature[node.id] = Int32(split.feature)
            tree.threshold[node.id] = split.bin < thresholds[split.feature].count ? thresholds[split.feature][split.bin] : .infinity
            let leftCount = middle - node.start, rightCount = node.end - middle
            tree.missingGoesLeft[node.id] = hasMissing[split.feature] ? split.missingGoesLeft : leftCount > rightCount
            var left = Node(start: node.start, end: middle, depth: node.depth + 1, gradient: split.gradientLeft,
                            hessian: split.hessianLeft, value: nodeValue(split.gradientLeft, split.hessianLeft),
                            histogram: nil, split: nil, id: tree.addNode(value: 0))
            var right = Node(start: middle, end: node.end, depth: node.depth + 1, gradient: split.gradientRight,
                             hessian: split.hessianRight, value: nodeValue(split.gradientRight, split.hessianRight),
                             histogram: nil, split: nil, id: tree.addNode(value: 0))
            tree.leftChild[node.id] = Int32(left.id)
            tree.rightChild[node.id] = Int32(right.id)
            if let maxLeafNodes, leaves.count + splittable.count + 2 == maxLeafNodes {
                finalize(left)
                finalize(right)
                splittable.forEach(finalize)
                splittable.removeAll()
                break
            }
            if let maxDepth, left.depth == maxDepth {
                finalize(left)
                finalize(right)
                continue
            }
            let splitLeft = left.count >= 2 * minSamplesLeaf, splitRight = right.count >= 2 * minSamplesLeaf
            if !splitLeft { finalize(left) }
            if !splitRight { finalize(right) }
            guard splitLeft || splitRight else { continue }
            let leftIsSmaller = left.count < right.count
            let small = leftIsSmaller ? left : right
            let smallHistogram = histogram(partition[small.start..<small.end], gradients, hessians)
            var largeHistogram = node.histogram ?? []
            for i in largeHistogram.indices {
                largeHistogram[i].gradient -= smallHistogram[i].gradient
                largeHistogram[i].hessian -= smallHistogram[i].hessian
                largeHistogram[i].count -= smallHistogram[i].count
            }
            left.histogram = leftIsSmaller ? smallHistogram : largeHistogram
            right.histogram = leftIsSmaller ? largeHistogram : smallHistogram
            if splitLeft { push(left) }
            if splitRight { push(right) }
        }
        for leaf in leaves {
            let step = tree.value[leaf.id]
            for p in leaf.start..<leaf.end { raw[Int(partition[p]) * rawStride + rawOffset] += step }
        }
        return tree
    }

    /// Histograms of all features over `samples` (at `binOffsets`), features on all cores.
    private func histogram(_ samples: ArraySlice<Int32>, _ gradients: UnsafePointer<Float>,
                           _ hessians: UnsafePointer<Float>) -> [HistogramBin] {
        let orderedGradients = samples.map { gradients[Int($0)] }
        let orderedHessians = samples.map { hessians[Int($0)] }
        let indices = Array(samples)
        var result = [HistogramBin](repeating: HistogramBin(), count: binOffsets[features])
        result.withUnsafeMutableBufferPointer { out in
            let out = out.baseAddress!
            let work = { (f: Int) in
                let column = binned + f * rows
                let histogram = out + binOffsets[f]
                for p in 0..<indices.count {
                    let b = Int(column[Int(indices[p])])
                    histogram[b].gradient += Double(orderedGradients[p])
                    histogram[b].hessian += Double(orderedHessians[p])
                    histogram[b].count += 1
                }
            }
            if indices.count * features < 20_000 {
                for f in 0..<features { work(f) }
            } else {
                DispatchQueue.concurrentPerform(iterations: features, execute: work)
            }
        }
        return result
    }

    /// scikit-learn's split search: for each feature, bins scanned left to right with missing
    /// values on the right, then (if the feature has missing values) right to left with them on
    /// the left; the first best gain wins.
    private func bestSplit(_ node: Node) -> Split? {
        guard let histogram = node.histogram else { return nil }
        var perFeature = [Split?](repeating: nil, count: features)
        perFeature.withUnsafeMutableBufferPointer { out in
            let out = out.baseAddress!
            let work = { (f: Int) in
                (out + f).pointee = histogram.withUnsafeBufferPointer { bins in
                    self.bestSplit(feature: f, bins: bins.baseAddress! + binOffsets[f], node)
                }
            }
            if binOffsets[features] < 2_048 {
                for f in 0..<features { work(f) }
            } else {
                DispatchQueue.concurrentPerform(iterations: features, execute: work)
            }
        }
        var best: Split?
        for candidate in perFeature {
            if let candidate, candidate.gain > (best?.gain ?? -.infinity) { best = candidate }
        }
        return best
    }

    private func bestSplit(feature f: Int, bins: UnsafePointer<HistogramBin>, _ node: Node) -> Split? {
        let currentLoss = node.value * node.gradient
        let missing = hasMissing[f]
        var best: Split?
        var bestGain = -1.0
        func consider(_ bin: Int, _ gradientLeft: Double, _ hessianLeft: Double, _ countLeft: Int, missingLeft: Bool) -> Bool? {
            let countRight = node.count - countLeft
            let hessianRight = node.hessian - hessianLeft, gradientRight = node.gradient - gradientLeft
            let (mine, other) = missingLeft ? (countRight, countLeft) : (countLeft, countRight)
            let (mineHessian, otherHessian) = missingLeft ? (hessianRight, hessianLeft) : (hessianLeft, hessianRight)
            if mine < minSamplesLeaf { return nil }
            if other < minSamplesLeaf { return false }
            if mineHessian < Self.minHessianToSplit { return nil }
            if otherHessian < Self.minHessianToSplit { return false }
            let gain = currentLoss - nodeValue(gradientLeft, hessianLeft) * gradientLeft
                - nodeValue(gradientRight, hessianRight) * gradientRight
            if gain > bestGain && gain > 0 {
                bestGain = gain
                best = Split(gain: gain, feature: f, bin: bin, missingGoesLeft: missingLeft,
                             gradientLeft: gradientLeft, hessianLeft: hessianLeft, countLeft: countLeft,
                             gradientRight: gradientRight, hessianRight: hessianRight, countRight: countRight)
            }
            return true
        }
        var gradientLeft = 0.0, hessianLeft = 0.0, countLeft = 0
        for bin in 0..<(binCounts[f] - 1 + (missing ? 1 : 0)) {
            gradientLeft += bins[bin].gradient
            hessianLeft += bins[bin].hessian
            countLeft += bins[bin].count
            if consider(bin, gradientLeft, hessianLeft, countLeft, missingLeft: false) == false { break }
        }
        if missing {
            var gradientRight = 0.0, hessianRight = 0.0, countRight = 0
            for bin in stride(from: binCounts[f] - 2, through: 0, by: -1) {
                gradientRight += bins[bin + 1].gradient
                hessianRight += bins[bin + 1].hessian
                countRight += bins[bin + 1].count
                if consider(bin, node.gradient - gradientRight, node.hessian - hessianRight, node.count - countRight,
                            missingLeft: true) == false { break }
            }
        }
        return best
    }

    /// Moves the node's samples going left before those going right, keeping their order.
    private func partitionSamples(_ partition: inout [Int32], _ node: Node, _ split: Split) -> Int {
        let column = binned + split.feature * rows
        var left: [Int32] = [], right: [Int32] = []
        left.reserveCapacity(split.countLeft)
        right.reserveCapacity(split.countRight)
        for p in node.start..<node.end {
            let s = partition[p]
            let b = Int(column[Int(s)])
            let goesLeft = b == binCounts[split.feature] ? split.missingGoesLeft : b <= split.bin
            if goesLeft { left.append(s) } else { right.append(s) }
        }
        partition.replaceSubrange(node.start..<node.end, with: left + right)
        return node.start + left.count
    }
}
