import Foundation

/// A Python interpreter that imports `safetensors`: `$CORTEX_PYTHON`, the repository's `.venv`
/// (made by scripts/setup.sh), or `python3` on the path.
struct PythonInterpreter {
    let path: String

    static func withSafetensors() -> PythonInterpreter? {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [ProcessInfo.processInfo.environment["CORTEX_PYTHON"], repository.appendingPathComponent(".venv/bin/python").path,
                          "/usr/bin/env"].compactMap { $0 }
        for candidate in candidates {
            let interpreter = PythonInterpreter(path: candidate)
            if (try? interpreter.run("import safetensors.numpy")) != nil { return interpreter }
        }
        return nil
    }

    /// Runs `script`, returning its standard output; throws when it exits non-zero.
    func run(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = (path == "/usr/bin/env" ? ["python3"] : []) + ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Python's `float.hex()` of a Float widened to double.
    static func hex(_ value: Float) -> String {
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
        let double = Double(value)
        let exponent = double.exponent
        let significand = double.significandBitPattern
        let sign = double.sign == .minus ? "-" : ""
        return "\(sign)0x1.\(String(significand, radix: 16).leftPadded(to: 13))p\(exponent >= 0 ? "+" : "")\(exponent)"
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: Swift.max(0, length - count)) + self }
}
