import Cortex
@testable import CortexData
import CortexTestSupport
import Foundation
import XCTest

final class SafeTensorsTests: XCTestCase {
    private let sixFloats = Tensor(shape: [1, 2, 3], scalars: [0, 1, 2, 3, 4, 5])

    /// The byte vectors of the reference implementation's own serialization tests.
    func testWritesTheReferenceBytes() {
        let attn = SafeTensors(tensors: ["attn.0": sixFloats]).serialized()
        XCTAssertEqual([UInt8](attn), [
            64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
            116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
            58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
            101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
            0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
        ])
        let padded = SafeTensors(tensors: ["attn0": sixFloats.reshaped(to: [1, 1, 2, 3])]).serialized()
        XCTAssertEqual([UInt8](padded), [
            72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
            121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
            91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
            115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
            32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
            160, 64,
        ])
        XCTAssertEqual([UInt8](SafeTensors().serialized()), [8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32])
        XCTAssertEqual([UInt8](SafeTensors(metadata: ["framework": "pt"]).serialized()), [
            40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
            95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
            116, 34, 125, 125, 32, 32, 32, 32, 32,
        ])
        XCTAssertEqual(try SafeTensors(data: attn).tensors["attn.0"], sixFloats)
        XCTAssertEqual(try SafeTensors(data: padded).tensors["attn0"], sixFloats.reshaped(to: [1, 1, 2, 3]))
    }

    /// The reference implementation's accepted inputs: integer data, scalars, zero-sized tensors,
    /// any JSON whitespace after the header.
    func testReadsTheReferenceInputs() throws {
        let deserialization = Data(#"<\#0\#0\#0\#0\#0\#0\#0{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}"#.utf8) + Data(count: 16)
        XCTAssertEqual(try SafeTensors(data: deserialization).tensors, ["test": Tensor(shape: [2, 2], scalars: [0, 0, 0, 0])])
        let scalar = Data(#"8\#0\#0\#0\#0\#0\#0\#0{"test":{"dtype":"I32","shape":[],"data_offsets":[0,4]}}"#.utf8) + Data([7, 0, 0, 0])
        XCTAssertEqual(try SafeTensors(data: scalar).tensors["test"], Tensor(7))
        let zeroSized = Data(#"<\#0\#0\#0\#0\#0\#0\#0{"test":{"dtype":"I32","shape":[2,0],"data_offsets":[0, 0]}}"#.utf8)
        XCTAssertEqual(try SafeTensors(data: zeroSized).tensors["test"]?.shape, [2, 0])
        XCTAssertEqual(try SafeTensors(data: Data([6, 0, 0, 0, 0, 0, 0, 0]) + Data("{}\r \t\n".utf8)).tensors.count, 0)
    }

    /// Each rejection of the reference implementation's tests, as a typed error.
    func testRejectsTheReferenceAttacks() {
        func header(_ json: String, length: Int? = nil) -> Data {
            let bytes = Array(json.utf8)
            return withUnsafeBytes(of: UInt64(length ?? bytes.count).littleEndian) { Data($0) } + Data(bytes)
        }
        let entry = #"{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}"#
        assertRejects(Data(), .headerTooSmall(fileSize: 0))
        assertRejects(header("", length: 60), .invalidHeaderLength(length: 60, fileSize: 8))
        var tooLarge = header(entry) + Data(count: 16)
        tooLarge.replaceSubrange(5..<8, with: [0xFF, 0xFF, 0xFF])
        assertRejects(tooLarge, .headerTooLarge(length: 0xFFFF_FF00_0000_003C))
        assertRejects(Data([1, 0, 0, 0, 0, 0, 0, 0, 0xFF]), nil)
        assertRejects(Data([1, 0, 0, 0, 0, 0, 0, 0]) + Data("{".utf8), nil)
        assertRejects(header(entry) + Data(count: 16) + Data("extra_bogus_data_for_polyglot_file".utf8),
                      .incompleteBuffer(expected: 16, actual: 50))
        assertRejects(header(entry) + Data(count: 14), nil)
        assertRejects(header(#"{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0, 4]}}"#), nil)
        assertRejects(header(#"{"test":{"dtype":"I32","shape":[2,18446744073709551614],"data_offsets":[0,16]}}"#) + Data(count: 16), nil)
        assertRejects(header(#"{"test":{"dtype":"I32","shape":[2,9223372036854775807],"data_offsets":[0,16]}}"#) + Data(count: 16), nil)
        // Ten tensors claiming the same bytes (the reference's "JSON attack").
        let overlapping = (0..<10).map { #""weight_\#($0)":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}"# }
        assertRejects(header("{" + overlapping.joined(separator: ",") + "}") + Data(count: 16), nil)
        assertRejects(header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#) + Data(count: 8), nil)
        assertRejects(header(#"{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#) + Data(count: 1),
                      .unsupportedDtype(tensor: "a", dtype: "F8_E4M3"))
        assertRejects(header(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#) + Data(count: 4), nil)
        assertRejects(header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#) + Data(count: 4), nil)
        assertRejects(header(#" {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#) + Data(count: 4), nil)
        assertRejects(header(#"{"__metadata__":{"n":1}}"#), nil)
        assertRejects(header("[]"), nil)
    }

    private func assertRejects(_ data: Data, _ expected: SafeTensorsError?, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensors(data: data), line: line) { error in
            guard let error = error as? SafeTensorsError else { return XCTFail("untyped \(error)", line: line) }
            if let expected { XCTAssertEqual(error, expected, line: line) }
        }
    }

    /// A file written by `safetensors.numpy.save_file` (scripts/safetensors_fixture.py).
    func testReadsWhatPythonWrote() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/numpy_written.safetensors")
        let file = try SafeTensors.read(from: url)
        XCTAssertEqual(file.metadata, ["source": "safetensors.numpy"])
        XCTAssertEqual(file.tensors["f32"], Tensor(shape: [2, 3], scalars: [1.5, -2.25, 3.0, 0.1, 1e-8, -7.5]))
        XCTAssertEqual(file.tensors["f16"], Tensor([0.5, -65504, 6.103515625e-05]))
        XCTAssertEqual(file.tensors["f64"], Tensor([Float(1.0 / 3.0), -.infinity]))
        XCTAssertEqual(file.tensors["i64"], Tensor(shape: [2, 2], scalars: [-3, 4, 5, 9007199254740992]))
        XCTAssertEqual(file.tensors["i32"], Tensor(-17))
        XCTAssertEqual(file.tensors["u8"], Tensor([0, 1, 254, 255]))
        XCTAssertEqual(file.tensors["flags"], Tensor([1, 0]))
        XCTAssertEqual(file.tensors["empty"]?.shape, [2, 0])
        XCTAssertEqual(file.tensors.count, 8)
    }

    /// A file Cortex wrote, read back by the reference implementation when it is installed.
    func testPythonReadsWhatCortexWrote() throws {
        guard let python = PythonInterpreter.importing("safetensors.numpy") else {
            throw XCTSkip("no Python with safetensors (set CORTEX_PYTHON or run scripts/setup.sh)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("cortex.safetensors")
        let weights = Tensor(shape: [2, 3], scalars: [0.1, -2, 3.5, .infinity, -0.0, 1e-30])
        try SafeTensors(tensors: ["dense.kernel": weights, "dense.bias": Tensor([7, 8, 9]), "scalar": Tensor(-1.25)],
                        metadata: ["format": "cortex", "quote\"d": "line\nbreak"]).write(to: url)
        let script = """
        import sys, numpy as np
        from safetensors import safe_open
        from safetensors.numpy import load_file
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="numpy") as f:
            print(sorted(f.metadata().items()))
        for name in sorted(tensors):
            t = tensors[name]
            print(name, t.dtype, list(t.shape), [float(v).hex() for v in t.ravel()])
        """
        let output = try python.run(script: script, arguments: [url.path])
        XCTAssertEqual(output.split(separator: "\n").map(String.init), [
            #"[('format', 'cortex'), ('quote"d', 'line\nbreak')]"#,
            "dense.bias float32 [3] ['0x1.c000000000000p+2', '0x1.0000000000000p+3', '0x1.2000000000000p+3']",
            "dense.kernel float32 [2, 3] " + "[" + weights.scalars.map { "'\(PythonInterpreter.hex($0))'" }.joined(separator: ", ") + "]",
            "scalar float32 [] ['-0x1.4000000000000p+0']",
        ])
    }
}
