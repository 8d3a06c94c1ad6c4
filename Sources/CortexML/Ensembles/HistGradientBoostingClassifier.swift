import Cortex
import CortexData
import Foundation

/// Histogram-based gradient boosting, scikit-learn's `HistGradientBoostingClassifier`: features
/// binned to at most 255 values plus a missing-value bin, leaf-wise trees grown from gradient
/// histograms (with the subtraction trick), gradients and hessians in `Float`. The fast choice
/// for large tables; missing values (NaN) are allowed and learned per split.
public final class HistGradientBoostingClassifier: Classifier, PersistentModel {
    /// Whether to hold out `validationFraction` of the training set and stop when its loss stalls;
    /// `auto` turns it on above 10,000 samples.
    public enum EarlyStopping: String, Codable, Sendable { case auto, on, off }

    public let learningRate: Double
    public let maxIter: Int
    public let maxLeafNodes: Int?
    public let maxDepth: Int?
    public let minSamplesLeaf: Int
    public let l2Regularization: Double
    public let maxBins: Int
    public let earlyStopping: EarlyStopping
    public let validationFraction: Double
    public let nIterNoChange: Int
    public let tol: Double
    public let randomState: UInt32?
    public private(set) var classes: [Float] = []
    /// Negative training loss before the first iteration and after each one.
    public private(set) var trainScore: [Double] = []
    /// Negative validation loss, likewise, when early stopping is on.
    public private(set) var validationScore: [Double] = []
    private var binner: FeatureBinner?
    private var baseline: [Double] = []
    private var trees: [[HistogramTree]] = []
    private var featureCount = 0

    public init(learningRate: Double = 0.1, maxIter: Int = 100, maxLeafNodes: Int? = 31, maxDepth: Int? = nil,
                minSamplesLeaf: Int = 20, l2Regularization: Double = 0, maxBins: Int = 255,
                earlyStopping: EarlyStopping = .auto, validationFraction: Double = 0.1, nIterNoChange: Int = 10,
                tol: Double = 1e-7, randomState: UInt32? = nil) {
        self.learningRate = learningRate
        self.maxIter = maxIter
        self.maxLeafNodes = maxLeafNodes
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.l2Regularization = l2Regularization
        self.maxBins = maxBins
        self.earlyStopping = earlyStopping
        self.validationFraction = validationFraction
        self.nIterNoChange = nIterNoChange
        self.tol = tol
        self.randomState = randomState
    }

    /// Boosting iterations actually run (fewer than `maxIter` after early stopping).
    public var nIter: Int { trees.count }

    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor) throws -> Self {
        try Self.checkSamples(x)
        try InputValidation.checkSamplesAndTargets(x.replacingNaN(), y)
        try validateParameters()
        let classes = try InputValidation.classLabels(y)
        let stopsEarly = earlyStopping == .on || (earlyStopping == .auto && x.shape[0] > 10_000)
        var generator = LegacyMersenneTwister(seed: resolvedSeed(randomState))
        var (xTrain, yTrain) = (x, y)
        var validation: (x: Tensor, y: [Double])?
        if stopsEarly {
            let seed = UInt32(generator.nextInt(upTo: Int(UInt32.max) - 1))
            let split = try trainTestSplit(x, y, testSize: .fraction(validationFraction), randomState: seed, stratify: y)
            (xTrain, yTrain) = (split.xTrain, split.yTrain)
            validation = (split.xTest, classIndices(split.yTest, classes: classes).map(Double.init))
        }
        let targets = classIndices(yTrain, classes: classes).map(Double.init)
        let loss: BoostingLoss = classes.count == 2 ? .binomial : .multinomial(classes: classes.count)
        let width = loss.width, rows = targets.count
        let binner = FeatureBinner(fitting: xTrain, maxBins: maxBins)
        let binned = binner.transform(xTrain)
        let binCounts = binner.binCounts
        let hasMissing = (0..<xTrain.shape[1]).map { f in binned[(f * rows)..<((f + 1) * rows)].contains(UInt8(binCounts[f])) }
        let weights = [Double](repeating: 1, count: rows)
        baseline = loss.initialRaw(targets, weights)
        var raw = [Double](repeating: 0, count: rows * width)
        for i in 0..<rows { for k in 0..<width { raw[i * width + k] = baseline[k] } }
        var validationRaw = validation.map { v in (0..<(v.y.count * width)).map { baseline[$0 % width] } } ?? []
        let validationWeights = [Double](repeating: 1, count: validation?.y.count ?? 0)
        let allSamples = Array(0..<rows)
        trainScore = [-loss.loss(targets, raw, weights, delta: 0, samples: allSamples) / (loss == .binomial ? 2 : 1)]
        validationScore = []
        if let validation {
            validationScore = [-loss.loss(validation.y, validationRaw, validationWeights, delta: 0,
                                          samples: Array(validation.y.indices)) / (loss == .binomial ? 2 : 1)]
        }
        trees = []
        binned.withUnsafeBufferPointer { binnedPointer in
            let grower = HistogramTreeGrower(binned: binnedPointer.baseAddress!, rows: rows,
                                             binCounts: binCounts, hasMissing: hasMissing,
                                             thresholds: binner.thresholds, maxLeafNodes: maxLeafNodes, maxDepth: maxDepth,
                                             minSamplesLeaf: minSamplesLeaf, l2Regularization: l2Regularization,
                                             shrinkage: learningRate)
            for _ in 0..<maxIter {
                let (gradients, hessians) = Self.gradientsAndHessians(loss: loss, targets: targets, raw: raw)
                var stage: [HistogramTree] = []
                for k in 0..<width {
                    let tree = gradients.withUnsafeBufferPointer { g in
                        hessians.withUnsafeBufferPointer { h in
                            raw.withUnsafeMutableBufferPointer { r in
                                grower.grow(gradients: g.baseAddress! + k * rows, hessians: h.baseAddress! + k * rows,
                                            raw: r.baseAddress!, rawStride: width, rawOffset: k)
                            }
                        }
                    }
                    stage.append(tree)
                }
                trees.append(stage)
                let halve = loss == .binomial ? 2.0 : 1.0
                trainScore.append(-loss.loss(targets, raw, weights, delta: 0, samples: allSamples) / halve)
                if let validation {
                    Self.addStage(stage, validation.x, &validationRaw, width: width)
                    validationScore.append(-loss.loss(validation.y, validationRaw, validationWeights, delta: 0,
                                                      samples: Array(validation.y.indices)) / halve)
                    if shouldStop(validationScore) { break }
                }
            }
        }
        self.binner = binner
        self.classes = classes
        featureCount = x.shape[1]
        return self
    }

    /// Raw scores: `[samples]` log-odds for two classes, `[samples, classes]` otherwise.
    public func decisionFunction(_ x: Tensor) throws -> Tensor {
        let raw = try rawScores(x)
        let width = trees.first?.count ?? 1
        return Tensor(shape: width == 1 ? [x.shape[0]] : [x.shape[0], width], scalars: raw.map { Float($0) })
    }

    public func predictProba(_ x: Tensor) throws -> Tensor {
        let raw = try rawScores(x)
        let loss: BoostingLoss = classes.count == 2 ? .binomial : .multinomial(classes: classes.count)
        return Tensor(shape: [x.shape[0], classes.count], scalars: loss.probabilities(raw, rows: x.shape[0]).map { Float($0) })
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        let raw = try rawScores(x)
        if classes.count == 2 { return Tensor(raw.map { classes[$0 > 0 ? 1 : 0] }) }
        return Tensor(rowArgmax(raw, width: classes.count).map { classes[$0] })
    }

    private func rawScores(_ x: Tensor) throws -> [Double] {
        guard binner != nil else { throw MLError.notFitted(model: "HistGradientBoostingClassifier") }
        try Self.checkSamples(x, features: featureCount)
        let width = baseline.count
        var raw = (0..<(x.shape[0] * width)).map { baseline[$0 % width] }
        for stage in trees { Self.addStage(stage, x, &raw, width: width) }
        return raw
    }

    private static func addStage(_ stage: [HistogramTree], _ x: Tensor, _ raw: inout [Double], width: Int) {
        let rows = x.shape[0], features = x.shape[1]
        x.withUnsafeBufferPointer { source in
            raw.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                DispatchChunks.forEach(rows, minimumChunk: 1024) { range in
                    for i in range {
                        for (k, tree) in stage.enumerated() { out[i * width + k] += tree.predict(source.baseAddress! + i * features) }
                    }
                }
            }
        }
    }

    /// Gradients and hessians of the log loss, `[width][rows]` in `Float` as scikit-learn keeps them.
    private static func gradientsAndHessians(loss: BoostingLoss, targets: [Double], raw: [Double]) -> ([Float], [Float]) {
        let rows = targets.count, width = loss.width
        var gradients = [Float](repeating: 0, count: rows * width)
        var hessians = gradients
        gradients.withUnsafeMutableBufferPointer { g in
            hessians.withUnsafeMutableBufferPointer { h in
                let (g, h) = (g.baseAddress!, h.baseAddress!)
                DispatchChunks.forEach(rows, minimumChunk: 4096) { range in
                    var probabilities = [Double](repeating: 0, count: width)
                    for i in range {
                        if width == 1 {
                            let p = expit(raw[i])
                            g[i] = Float(p - targets[i])
                            h[i] = Float(p * (1 - p))
                            continue
                        }
                        var top = -Double.infinity
                        for k in 0..<width { top = max(top, raw[i * width + k]) }
                        var total = 0.0
                        for k in 0..<width {
                            probabilities[k] = exp(raw[i * width + k] - top)
                            total += probabilities[k]
                        }
                        for k in 0..<width {
                            let p = probabilities[k] / total
                            g[k * rows + i] = Float(p - (targets[i] == Double(k) ? 1 : 0))
                            h[k * rows + i] = Float(p * (1 - p))
                        }
                    }
                }
            }
        }
        return (gradients, hessians)
    }

    /// scikit-learn's rule: stop when none of the last `nIterNoChange` scores beat the one before
    /// them by more than `tol`.
    private func shouldStop(_ scores: [Double]) -> Bool {
        let reference = nIterNoChange + 1
        guard scores.count >= reference else { return false }
        let baselineScore = scores[scores.count - reference] + tol
        return !scores.suffix(nIterNoChange).contains { $0 > baselineScore }
    }

    private func validateParameters() throws {
        try MLError.requireAtLeastOne(maxIter, name: "maxIter")
        guard learningRate > 0 else {
            throw MLError.invalidParameter(name: "learningRate", reason: "must be > 0, got \(learningRate)")
        }
        if let maxLeafNodes, maxLeafNodes < 2 {
            throw MLError.invalidParameter(name: "maxLeafNodes", reason: "must be at least 2, got \(maxLeafNodes)")
        }
        if let maxDepth, maxDepth < 1 {
            throw MLError.invalidParameter(name: "maxDepth", reason: "must be at least 1, got \(maxDepth)")
        }
        guard minSamplesLeaf >= 1 else {
            throw MLError.invalidParameter(name: "minSamplesLeaf", reason: "must be at least 1, got \(minSamplesLeaf)")
        }
        guard l2Regularization >= 0 else {
            throw MLError.invalidParameter(name: "l2Regularization", reason: "must be >= 0, got \(l2Regularization)")
        }
        guard (2...255).contains(maxBins) else {
            throw MLError.invalidParameter(name: "maxBins", reason: "must be in 2...255, got \(maxBins)")
        }
        guard validationFraction > 0 && validationFraction < 1 else {
            throw MLError.invalidParameter(name: "validationFraction", reason: "must be in (0, 1), got \(validationFraction)")
        }
        guard nIterNoChange >= 1 else {
            throw MLError.invalidParameter(name: "nIterNoChange", reason: "must be at least 1, got \(nIterNoChange)")
        }
    }

    /// Like `InputValidation.checkSamples`, but missing values (NaN) are allowed; infinities are not.
    private static func checkSamples(_ x: Tensor, features: Int? = nil) throws {
        try InputValidation.checkSamples(x.replacingNaN(), features: features)
    }
}

extension Tensor {
    /// A copy with NaN entries set to 0, to run the finite-value checks on data that may have gaps.
    fileprivate func replacingNaN() -> Tensor {
        guard withUnsafeBufferPointer({ $0.contains { $0.isNaN } }) else { return self }
        return Tensor(shape: shape, scalars: scalars.map { $0.isNaN ? 0 : $0 })
    }
}
