import Cortex

/// Checks that inference under `withoutGradients` builds no gradient graph, even when the
/// weights take part in one: a two-layer classifier is run with tracked weights, once under
/// `withoutGradients` and once recording, counting live graph nodes while the output is held.
enum CoreGraphCheck {
    struct Result: Encodable {
        let nodesWithoutGradients: Int
        let nodesRecording: Int
        let passed: Bool

        init(nodesWithoutGradients: Int, nodesRecording: Int) {
            self.nodesWithoutGradients = nodesWithoutGradients
            self.nodesRecording = nodesRecording
            // Recording must show up in the count, or the count proves nothing.
            passed = nodesWithoutGradients == 0 && nodesRecording > 0
        }
    }

    static func run() -> Result {
        let x = Tensor.randomUniform([256, 784])
        let w1 = Tensor.randomNormal([784, 128], standardDeviation: 0.05).requiringGradient()
        let b1 = Tensor.zeros([128]).requiringGradient()
        let w2 = Tensor.randomNormal([128, 10], standardDeviation: 0.1).requiringGradient()
        let b2 = Tensor.zeros([10]).requiringGradient()
        func classify() -> Tensor { ((x.matmul(w1) + b1).relu().matmul(w2) + b2).softmax() }

        func nodesCreated(by body: () -> Tensor) -> Int {
            let before = Autodiff.liveNodeCount
            let output = body()
            let during = Autodiff.liveNodeCount
            blackHole(output)
            return during - before
        }
        return Result(nodesWithoutGradients: nodesCreated { withoutGradients { classify() } },
                      nodesRecording: nodesCreated { classify() })
    }

    static func summary(_ result: Result) -> String {
        "inference graph check: \(result.nodesWithoutGradients) nodes under withoutGradients, " +
            "\(result.nodesRecording) when recording — \(result.passed ? "passed" : "FAILED")"
    }
}
