import Foundation

/// A Python interpreter that tests use to check Cortex's files with the reference readers
/// (safetensors, TensorBoard): `$CORTEX_PYTHON`, else the repository's `.venv` made by
/// scripts/setup.sh, else `python3` on the path — the first that imports the wanted module.
public struct PythonInterpreter {
    /// The interpreter's path (or `python3`, looked up on the path).
    public let path: String

    /// The repository's root folder, for the committed scripts under scripts/.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first candidate interpreter that can `import module`, or nil when none can.
    public static func importing(_ module: String) -> PythonInterpreter? {
        let environment = ProcessInfo.processInfo.environment
        let candidates: [String?] = [environment["CORTEX_PYTHON"], repositoryRoot.appendingPathComponent(".venv/bin/python").path, "python3"]
        for case let candidate? in candidates {
            let interpreter = PythonInterpreter(path: candidate)
            if (try? interpreter.run(["-c", "import \(module)"])) != nil { return interpreter }
        }
        return nil
    }

    /// Runs the interpreter with `arguments`, returning its standard output; throws with its
    /// standard error when it exits non-zero.
    @discardableResult
    public func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: String(decoding: message, as: UTF8.self)) }
        return data
    }

    /// Runs `script` (Python source) with `arguments`, returning its standard output as text.
    public func run(script: String, arguments: [String] = []) throws -> String {
        String(decoding: try run(["-c", script] + arguments), as: UTF8.self)
    }

    /// Python's `float.hex()` of a Float widened to double, for exact comparisons in scripts.
    public static func hex(_ value: Float) -> String {
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
        let double = Double(value)
        let digits = String(double.significandBitPattern, radix: 16)
        let exponent = double.exponent
        return "\(double.sign == .minus ? "-" : "")0x1.\(String(repeating: "0", count: Swift.max(0, 13 - digits.count)) + digits)p\(exponent >= 0 ? "+" : "")\(exponent)"
    }

    struct Failure: Error, CustomStringConvertible { let description: String }
}
