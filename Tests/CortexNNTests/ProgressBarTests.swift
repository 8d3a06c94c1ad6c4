import Cortex
import XCTest
@testable import CortexNN

final class ProgressBarTests: XCTestCase {
    func testFinishedLineLooksLikeKeras() {
        var lines: [String] = []
        let bar = ProgressBar(target: 469, isTerminal: false) { lines.append($0) }
        bar.update(100, values: ["loss": 0.5])
        XCTAssertTrue(lines.isEmpty, "off a terminal only the finished line is written")
        bar.update(469, values: ["loss": 0.0412, "accuracy": 0.98712], finished: true)
        XCTAssertEqual(lines.count, 1)
        let line = lines[0]
        XCTAssertTrue(line.hasPrefix("469/469 ━━━━━━━━━━━━━━━━━━━━ 0s "), line)
        XCTAssertTrue(line.hasSuffix("/step - accuracy: 0.9871 - loss: 0.0412\n"), line)
    }

    func testTerminalRedrawsInPlace() {
        var output = ""
        let bar = ProgressBar(target: 10, isTerminal: true) { output += $0 }
        bar.update(5, values: ["loss": 1])
        XCTAssertTrue(output.hasPrefix("\r 5/10 ━━━━━━━━━━──────────"), output)
        bar.update(10, values: ["loss": 0.5], finished: true)
        XCTAssertTrue(output.hasSuffix("- loss: 0.5000\n"), output)
    }

    func testValueAndTimeFormats() {
        XCTAssertEqual(ProgressBar.formatValues(["b": 0.00001, "a": 2]), " - a: 2.0000 - b: 1.0000e-05")
        XCTAssertEqual(ProgressBar.formatPerStep(0.008), " 8ms/step")
        XCTAssertEqual(ProgressBar.formatPerStep(0.0000123), " 12us/step")
        XCTAssertEqual(ProgressBar.formatDuration(125), "2:05")
        XCTAssertEqual(ProgressBar.epochSummary(steps: 469, seconds: 4.2, values: ["loss": 0.25]),
                       "469/469 - 4s - 9ms/step - loss: 0.2500")
    }

    func testFitPrintsEpochHeaders() throws {
        var output = ""
        let logger = ProgbarLogger(verbosity: .oneLinePerEpoch) { output += $0 }
        let model = Sequential { Input(shape: [1]); Dense(1) }
        model.compile(optimizer: SGD(), loss: .meanSquaredError)
        try model.fit(Tensor([[1], [2]]), Tensor([[1], [2]]), epochs: 2, verbose: .silent, callbacks: [logger])
        XCTAssertTrue(output.hasPrefix("Epoch 1/2\n"), output)
        XCTAssertTrue(output.contains("Epoch 2/2\n"), output)
        XCTAssertTrue(output.contains("- loss: "), output)
    }
}
