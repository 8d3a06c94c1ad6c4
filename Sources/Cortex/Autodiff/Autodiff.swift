import Foundation

/// Facts about the gradient machinery, for tests and benchmarks that check what a computation
/// recorded.
public enum Autodiff {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var _liveNodeCount = 0

    /// How many graph nodes exist right now, on all threads. Inference under
    /// `withoutGradients` leaves it unchanged; a graph that is dropped or consumed by a backward
    /// pass brings it back down.
    public static var liveNodeCount: Int {
        lock.lock(); defer { lock.unlock() }
        return _liveNodeCount
    }

    static func nodeCreated() {
        lock.lock(); _liveNodeCount += 1; lock.unlock()
    }

    static func nodeDestroyed() {
        lock.lock(); _liveNodeCount -= 1; lock.unlock()
    }
}
