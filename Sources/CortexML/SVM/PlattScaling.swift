import CortexData
import Foundation

/// Platt's sigmoid calibration of SVM decision values, and the pairwise coupling of one-vs-one
/// probabilities, as libsvm (Lin, Lin and Weng 2007; Wu, Lin and Weng 2004).
enum PlattScaling {
    /// The sigmoid (A, B) fitted on out-of-fold decision values of a 5-fold cross-validation of
    /// the two-class problem. The folds come from `generator`, so they differ from libsvm's own
    /// random draw and the probabilities match scikit-learn's closely but not bit for bit.
    static func crossValidatedSigmoid(_ x: DoubleMatrix, labels: [Int8], cPositive: Double, cNegative: Double,
                                      options: SVMTrainingOptions, generator: inout LegacyMersenneTwister) -> (a: Double, b: Double) {
        let l = x.rows, folds = 5
        var permutation = Array(0..<l)
        for i in 0..<l { permutation.swapAt(i, i + generator.nextInt(upTo: l - i - 1)) }
        var decisions = [Double](repeating: 0, count: l)
        for fold in 0..<folds {
            let begin = fold * l / folds, end = (fold + 1) * l / folds
            let train = Array(permutation[..<begin] + permutation[end...])
            let test = Array(permutation[begin..<end])
            let trainLabels = train.map { labels[$0] }
            let positives = trainLabels.filter { $0 == 1 }.count, negatives = trainLabels.count - positives
            guard positives > 0 && negatives > 0 else {
                // A fold without one of the classes predicts the class it has (libsvm's rule).
                let constant: Double = positives > 0 ? 1 : negatives > 0 ? -1 : 0
                for index in test { decisions[index] = constant }
                continue
            }
            let trainX = x.rows(train)
            let solved = options.solveClassification(trainX, labels: trainLabels, cPositive: cPositive, cNegative: cNegative)
            let values = options.decisionValues(x.rows(test), trainedOn: trainX, coefficients: solved.coefficients, rho: solved.rho)
            for (index, value) in zip(test, values) { decisions[index] = value }
        }
        return fitSigmoid(decisions: decisions, positive: labels.map { $0 == 1 })
    }

    /// Newton's method with backtracking on the regularised targets of Platt (libsvm's
    /// `sigmoid_train`); P(positive | f) = 1 / (1 + exp(A f + B)).
    static func fitSigmoid(decisions: [Double], positive: [Bool]) -> (a: Double, b: Double) {
        let prior1 = Double(positive.filter { $0 }.count), prior0 = Double(positive.count) - prior1
        let hiTarget = (prior1 + 1) / (prior1 + 2), loTarget = 1 / (prior0 + 2)
        let targets = positive.map { $0 ? hiTarget : loTarget }
        let minStep = 1e-10, sigma = 1e-12, eps = 1e-5
        var a = 0.0, b = log((prior0 + 1) / (prior1 + 1))
        func objective(_ a: Double, _ b: Double) -> Double {
            var value = 0.0
            for (f, t) in zip(decisions, targets) {
                let fApB = f * a + b
                value += fApB >= 0 ? t * fApB + log(1 + exp(-fApB)) : (t - 1) * fApB + log(1 + exp(fApB))
            }
            return value
        }
        var fval = objective(a, b)
        for _ in 0..<100 {
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for (f, t) in zip(decisions, targets) {
                let fApB = f * a + b
                let (p, q) = fApB >= 0 ? (exp(-fApB) / (1 + exp(-fApB)), 1 / (1 + exp(-fApB)))
                                       : (1 / (1 + exp(fApB)), exp(fApB) / (1 + exp(fApB)))
                let d2 = p * q
                h11 += f * f * d2
                h22 += d2
                h21 += f * d2
                let d1 = t - p
                g1 += f * d1
                g2 += d1
            }
            if abs(g1) < eps && abs(g2) < eps { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            while step >= minStep {
                let newA = a + step * dA, newB = b + step * dB
                let newF = objective(newA, newB)
                if newF < fval + 0.0001 * step * gd {
                    (a, b, fval) = (newA, newB, newF)
                    break
                }
                step /= 2
            }
            if step < minStep { break }
        }
        return (a, b)
    }

    /// P(positive | decision value f) under the sigmoid (A, B).
    static func sigmoid(_ f: Double, a: Double, b: Double) -> Double {
        let fApB = f * a + b
        return fApB >= 0 ? exp(-fApB) / (1 + exp(-fApB)) : 1 / (1 + exp(fApB))
    }

    /// Class probabilities from pairwise ones, `r[i][j]` = P(i | i or j): the fixed point of
    /// Wu, Lin and Weng's second method (libsvm's `multiclass_probability`).
    static func couple(_ r: [[Double]]) -> [Double] {
        let k = r.count
        var q = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var p = [Double](repeating: 1 / Double(k), count: k)
        for t in 0..<k {
            for j in 0..<t {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = q[j][t]
            }
            for j in (t + 1)..<k {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = -r[j][t] * r[t][j]
            }
        }
        let eps = 0.005 / Double(k)
        var qp = [Double](repeating: 0, count: k)
        for _ in 0..<max(100, k) {
            var pqp = 0.0
            for t in 0..<k {
                qp[t] = 0
                for j in 0..<k { qp[t] += q[t][j] * p[j] }
                pqp += p[t] * qp[t]
            }
            let maxError = (0..<k).map { abs(qp[$0] - pqp) }.max() ?? 0
            if maxError < eps { break }
            for t in 0..<k {
                let diff = (-qp[t] + pqp) / q[t][t]
                p[t] += diff
                pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff)
                    p[j] /= 1 + diff
                }
            }
        }
        return p
    }
}
