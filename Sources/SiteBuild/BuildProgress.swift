import Foundation

/// Where a build is: the phase and, for the long ones, how many of how many items are done. The
/// pipeline updates it from any thread; the command line reads it to draw a progress line on a
/// terminal (`site build` longer than about a second).
public final class BuildProgress: @unchecked Sendable {
    public struct State: Sendable, Equatable {
        public var phase: String
        public var done: Int
        public var total: Int
    }

    private let lock = NSLock()
    private var state = State(phase: "", done: 0, total: 0)

    public init() {}

    public var current: State {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func begin(_ phase: String, total: Int = 0) {
        lock.lock()
        state = State(phase: phase, done: 0, total: total)
        lock.unlock()
    }

    func advance() {
        lock.lock()
        state.done += 1
        lock.unlock()
    }
}
