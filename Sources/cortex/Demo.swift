import Foundation
import ArgumentParser
import Cortex

/// Fits a two-layer network to two interleaved spirals with plain autodiff and gradient descent,
/// printing the loss as it falls.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train a small network on two spirals and print the loss.")

    @Option(help: "Training steps.") var steps = 300
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        Random.seed(seed)
        let (x, y) = Demo.spirals(pointsPerClass: 200)
        let hidden = 32
        let w1 = Variable(Tensor.randomNormal([2, hidden], standardDeviation: 0.5), name: "w1")
        let b1 = Variable(Tensor.zeros([hidden]), name: "b1")
        let w2 = Variable(Tensor.randomNormal([hidden, 1], standardDeviation: 0.5), name: "w2")
        let b2 = Variable(Tensor.zeros([1]), name: "b2")
        let parameters = [w1, b1, w2, b2]
        let learningRate: Float = 0.5
        print("Two spirals, \(x.shape[0]) points; a 2-\(hidden)-1 tanh network trained by gradient descent")
        for step in 0...steps {
            let (loss, gradients) = valueWithGradient(at: parameters) {
                let logits = (x.matmul(w1.value) + b1.value).tanh().matmul(w2.value) + b2.value
                // Binary cross-entropy on logits: softplus(z) - y * z.
                return (logits.softplus() - y * logits).mean()
            }
            for (parameter, gradient) in zip(parameters, gradients) {
                parameter.assign(parameter.value - learningRate * gradient)
            }
            if step % 50 == 0 {
                let accuracy = withoutGradients {
                    let logits = (x.matmul(w1.value) + b1.value).tanh().matmul(w2.value) + b2.value
                    return ((logits .> 0) .== y).mean().scalar
                }
                print("step \(step): loss \(String(format: "%.4f", loss.scalar)), accuracy \(String(format: "%.1f%%", accuracy * 100))")
            }
        }
    }

    /// Two spirals of `pointsPerClass` noisy points each, labels 0 and 1.
    static func spirals(pointsPerClass: Int) -> (x: Tensor, y: Tensor) {
        var points: [Float] = [], labels: [Float] = []
        let noise = Tensor.randomNormal([2 * pointsPerClass, 2], standardDeviation: 0.05).scalars
        for label in 0..<2 {
            for i in 0..<pointsPerClass {
                let t = Float(i) / Float(pointsPerClass) * 3.5
                let angle = t * 2.2 + Float(label) * .pi
                let n = (label * pointsPerClass + i) * 2
                points += [t / 3.5 * cosf(angle) + noise[n], t / 3.5 * sinf(angle) + noise[n + 1]]
                labels.append(Float(label))
            }
        }
        return (Tensor(shape: [2 * pointsPerClass, 2], scalars: points), Tensor(shape: [2 * pointsPerClass, 1], scalars: labels))
    }
}
