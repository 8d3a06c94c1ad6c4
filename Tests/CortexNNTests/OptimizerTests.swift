import Cortex
import XCTest
@testable import CortexNN

/// Three steps on w = [1, −2] with loss 0.5·w0² + 2·w1² (gradient [w0, 4·w1]); expected values
/// are Keras 3's, printed by scripts/optimizer_reference.py.
final class OptimizerTests: XCTestCase {
    private func threeSteps(_ optimizer: Optimizer) -> [Float] {
        let w = Variable(Tensor([1, -2]), name: "w")
        for _ in 0..<3 {
            let (_, gradients) = valueWithGradient(at: [w]) {
                (w.value.square() * Tensor([0.5, 2])).sum()
            }
            optimizer.apply(gradients, to: [w])
        }
        XCTAssertEqual(optimizer.iterations, 3)
        return w.value.scalars
    }

    private func assertSteps(_ optimizer: Optimizer, _ expected: [Float], file: StaticString = #filePath, line: UInt = #line) {
        let actual = threeSteps(optimizer)
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a, e, accuracy: 2e-5 * max(1, abs(e)), "\(type(of: optimizer)): \(actual) vs Keras \(expected)", file: file, line: line)
        }
    }

    func testStepsMatchKeras() {
        assertSteps(SGD(learningRate: 0.1), [0.729, -0.432])
        assertSteps(SGD(learningRate: 0.1, momentum: 0.9), [0.486, 1.08])
        assertSteps(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true), [0.3273209, 0.866592])
        assertSteps(Adam(learningRate: 0.1), [0.701589, -1.700625])
        assertSteps(Adam(learningRate: 0.1, amsgrad: true), [0.701589, -1.700625])
        assertSteps(AdamW(learningRate: 0.1, weightDecay: 0.1), [0.675104, -1.644371])
        assertSteps(RMSprop(learningRate: 0.1), [0.3691807, -1.308718])
        assertSteps(RMSprop(learningRate: 0.1, momentum: 0.5, centered: true), [0.02084121, -0.8969426])
        assertSteps(Adagrad(learningRate: 0.1), [0.7875128, -1.775941])
        assertSteps(Adadelta(learningRate: 1), [0.9957125, -1.995711])
        assertSteps(Adamax(learningRate: 0.1), [0.7154996, -1.707648])
        assertSteps(Nadam(learningRate: 0.1), [0.7546759, -1.749723])
    }

    func testClippingAndSchedulesMatchKeras() {
        assertSteps(SGD(learningRate: 0.1, clipNorm: 1), [0.9613117, -1.702508])
        assertSteps(SGD(learningRate: 0.1, clipValue: 0.5), [0.85, -1.85])
        assertSteps(SGD(learningRate: ExponentialDecay(initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5)), [0.833625, -0.864])
    }

    func testGlobalClipNormScalesAllGradientsTogether() {
        let a = Variable(Tensor([0]), name: "a"), b = Variable(Tensor([0]), name: "b")
        SGD(learningRate: 1, globalClipNorm: 1).apply([Tensor([3]), Tensor([4])], to: [a, b])
        XCTAssertEqual(a.value.scalars[0], -0.6, accuracy: 1e-6)
        XCTAssertEqual(b.value.scalars[0], -0.8, accuracy: 1e-6)
    }

    func testScheduleFormulas() {
        XCTAssertEqual(ExponentialDecay(initialLearningRate: 1, decaySteps: 10, decayRate: 0.5)(step: 5), 0.70710677, accuracy: 1e-6)
        XCTAssertEqual(ExponentialDecay(initialLearningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true)(step: 15), 0.5)
        let piecewise = PiecewiseConstantDecay(boundaries: [10, 20], values: [1, 0.5, 0.1])
        XCTAssertEqual([0, 10, 11, 20, 21].map { piecewise(step: $0) }, [1, 1, 0.5, 0.5, 0.1])
        XCTAssertEqual(InverseTimeDecay(initialLearningRate: 1, decaySteps: 1, decayRate: 0.5)(step: 2), 0.5)
        let cosine = CosineDecay(initialLearningRate: 1, decaySteps: 100, alpha: 0.1)
        XCTAssertEqual(cosine(step: 0), 1, accuracy: 1e-6)
        XCTAssertEqual(cosine(step: 50), 0.55, accuracy: 1e-6)
        XCTAssertEqual(cosine(step: 200), 0.1, accuracy: 1e-6)
        let warm = CosineDecay(initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4)
        XCTAssertEqual(warm(step: 2), 0.5, accuracy: 1e-6)
        XCTAssertEqual(warm(step: 4), 1, accuracy: 1e-6)
        XCTAssertEqual(warm(step: 9), 0.5, accuracy: 1e-6)
    }
}

/// Adam that asks for whole variables, the reference for the split update.
private final class WholeVariableAdam: Adam {
    override var updatesElementwise: Bool { false }
}

final class SplitOptimizerUpdateTests: XCTestCase {
    func testUpdatesSplitOverThreadsEqualOneWholeUpdate() {
        // 90,000 elements: above two ranges of `minimumElementsPerThread`, so `apply` splits them.
        let saved = Parallelism.threadCount
        Parallelism.threadCount = 4
        defer { Parallelism.threadCount = saved }
        var generator = RandomGenerator(seed: 61)
        let start = Tensor.randomUniform([300, 300], lower: -1, upper: 1, generator: &generator)
        let gradients = (0..<3).map { _ in Tensor.randomUniform([300, 300], lower: -1, upper: 1, generator: &generator) }
        let split = Variable(start), whole = Variable(start)
        let splitAdam = Adam(learningRate: 0.01), wholeAdam = WholeVariableAdam(learningRate: 0.01)
        for gradient in gradients {
            splitAdam.apply([gradient], to: [split])
            wholeAdam.apply([gradient], to: [whole])
        }
        XCTAssertGreaterThan(split.value.count, 2 * Optimizer.minimumElementsPerThread)
        XCTAssertEqual(split.value, whole.value)
        XCTAssertNotEqual(split.value, start)
    }
}
