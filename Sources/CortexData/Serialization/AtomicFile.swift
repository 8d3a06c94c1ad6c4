import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file replacement: a reader, a crash or a power cut sees the old file or the new
/// one, never a mix.
///
/// The bytes go to a temporary file in the target's directory, are flushed to disk, the file is
/// renamed over the target (an atomic step within one file system) and the directory is flushed
/// so the rename itself survives a power cut.
package enum AtomicFile {
    /// Writes `data` to `url`, replacing any file there; the directory must exist. Throws
    /// `DataError.unwritable` naming `url`, and then leaves no temporary file behind.
    package static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try writeAndSync(data, to: temporary.path)
            guard rename(temporary.path, url.path) == 0 else { throw systemError("rename") }
        } catch let error as DataError {
            unlink(temporary.path)
            throw error.reported(for: url.path)
        }
        // The rename is done; a failed directory flush only weakens durability, not atomicity.
        syncDirectory(directory.path)
    }

    private static func writeAndSync(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw systemError("open") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = writeBytes(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw systemError("write")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw systemError("fsync") }
    }

    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func systemError(_ call: String) -> DataError {
        DataError.unwritable(path: "", reason: "\(call) failed: \(String(cString: strerror(errno)))")
    }
}

/// The system `write`, which `AtomicFile.write` hides inside the type.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private extension DataError {
    /// The same error naming the target file rather than the temporary one.
    func reported(for path: String) -> DataError {
        guard case .unwritable(_, let reason) = self else { return self }
        return .unwritable(path: path, reason: reason)
    }
}
