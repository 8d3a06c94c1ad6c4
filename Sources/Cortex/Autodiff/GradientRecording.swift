import Foundation

/// Whether ops on this thread record gradient graphs.
///
/// Thread-local, so a server thread running inference under `withoutGradients` never switches
/// recording off for a training thread beside it.
enum GradientRecording {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "Cortex could not create the thread-local key for gradient recording")
        return key
    }()

    /// How many `withoutGradients` scopes enclose the current thread's code.
    static var pauseDepth: Int {
        get { Int(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }

    static var isEnabled: Bool { pauseDepth == 0 }
}

/// Runs `body` without recording any gradient graph, even for tensors that take part in one.
///
/// Use it for inference and for updates to weights: nothing is kept for a backward pass.
@discardableResult
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    GradientRecording.pauseDepth += 1
    defer { GradientRecording.pauseDepth -= 1 }
    return try body()
}
