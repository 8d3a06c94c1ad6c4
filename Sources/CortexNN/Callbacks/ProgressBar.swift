import Foundation

/// How much `fit`, `evaluate` and `predict` print: nothing, a live bar, or one line per epoch.
public enum Verbosity: Int, Sendable {
    case silent = 0
    case progressBar = 1
    case oneLinePerEpoch = 2
}

/// Keras 3's progress line: `469/469 ━━━━━━━━━━━━━━━━━━━━ 4s 8ms/step - accuracy: 0.9871 - loss: 0.0412`.
///
/// On a terminal the line is redrawn in place, at most every 50 ms; elsewhere (a log file, CI)
/// only the finished line is written, so logs stay readable.
public final class ProgressBar {
    public let target: Int?
    public let width = 20
    private let isTerminal: Bool
    private let output: (String) -> Void
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var previousLength = 0

    public init(target: Int?, isTerminal: Bool = isatty(STDOUT_FILENO) != 0,
                output: @escaping (String) -> Void = { FileHandle.standardOutput.write($0.data(using: .utf8)!) }) {
        self.target = target
        self.isTerminal = isTerminal
        self.output = output
    }

    /// Reports progress after `current` steps, with the running values to show.
    public func update(_ current: Int, values: Logs, finished: Bool = false) {
        let now = Date()
        guard finished || (isTerminal && now.timeIntervalSince(lastDraw) >= 0.05) else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        var line = counter(current)
        if let target {
            let done = Swift.min(width, Int(Double(width) * Double(current) / Double(Swift.max(target, 1))))
            line += " " + String(repeating: "━", count: done) + String(repeating: isTerminal ? "─" : "━", count: width - done)
        }
        let perStep = current > 0 ? elapsed / Double(current) : 0
        if finished {
            line += " \(Int(elapsed.rounded()))s" + ProgressBar.formatPerStep(perStep)
        } else if let target {
            line += " " + ProgressBar.formatDuration(perStep * Double(target - current)) + ProgressBar.formatPerStep(perStep)
        }
        line += ProgressBar.formatValues(values)
        if isTerminal {
            let padding = String(repeating: " ", count: Swift.max(0, previousLength - line.count))
            output("\r" + line + padding + (finished ? "\n" : ""))
            previousLength = line.count
        } else {
            output(line + "\n")
        }
    }

    /// The one-line-per-epoch form: `469/469 - 4s - 8ms/step - accuracy: 0.9871 - loss: 0.0412`.
    public static func epochSummary(steps: Int, seconds: Double, values: Logs) -> String {
        "\(steps)/\(steps) - \(Int(seconds.rounded()))s -" + formatPerStep(seconds / Double(Swift.max(steps, 1))) + formatValues(values)
    }

    private func counter(_ current: Int) -> String {
        guard let target else { return "\(current)/Unknown" }
        let digits = String(target).count
        return String(repeating: " ", count: Swift.max(0, digits - String(current).count)) + "\(current)/\(target)"
    }

    static func formatPerStep(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 { return " \(Int(seconds.rounded()))s/step" }
        if seconds >= 1e-3 { return " \(Int((seconds * 1e3).rounded()))ms/step" }
        return " \(Int((seconds * 1e6).rounded()))us/step"
    }

    static func formatDuration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return String(format: "%d:%02d:%02d", whole / 3600, (whole % 3600) / 60, whole % 60) }
        if whole >= 60 { return String(format: "%d:%02d", whole / 60, whole % 60) }
        return "\(whole)s"
    }

    /// ` - name: value` for each value in name order, 4 decimals (scientific below 1e-3).
    static func formatValues(_ values: Logs) -> String {
        values.keys.sorted().map { key in
            let value = values[key]!
            let text = Swift.abs(value) > 1e-3 || value == 0 ? String(format: "%.4f", value) : String(format: "%.4e", value)
            return " - \(key): \(text)"
        }.joined()
    }
}

/// Prints `Epoch k/n` and the progress bar during `fit` (added by `fit` when verbose).
public final class ProgbarLogger: Callback {
    private let verbosity: Verbosity
    private var epochs = 0
    private var steps: Int?
    private var seen = 0
    private var bar: ProgressBar?
    private var epochStart = Date()
    private let output: (String) -> Void

    public init(verbosity: Verbosity = .progressBar,
                output: @escaping (String) -> Void = { FileHandle.standardOutput.write($0.data(using: .utf8)!) }) {
        self.verbosity = verbosity
        self.output = output
    }

    func configure(epochs: Int, steps: Int?) {
        self.epochs = epochs
        self.steps = steps
    }

    public override func onEpochBegin(_ epoch: Int, logs: Logs) {
        guard verbosity != .silent else { return }
        output("Epoch \(epoch + 1)/\(epochs)\n")
        epochStart = Date()
        seen = 0
        if verbosity == .progressBar { bar = ProgressBar(target: steps, output: output) }
    }

    public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
        seen = batch + 1
        guard seen < steps ?? Int.max else { return }
        bar?.update(seen, values: logs)
    }

    public override func onEpochEnd(_ epoch: Int, logs: Logs) {
        switch verbosity {
        case .silent: return
        case .progressBar: bar?.update(seen, values: logs, finished: true)
        case .oneLinePerEpoch:
            output(ProgressBar.epochSummary(steps: seen, seconds: Date().timeIntervalSince(epochStart), values: logs) + "\n")
        }
    }
}
