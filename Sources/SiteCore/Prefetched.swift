import Foundation

/// A value made on another thread while the caller goes on with other work; `take` waits for it.
/// For reading a cache file while the build does what does not need it yet.
public final class Prefetched<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = NSLock()
    private var result: Value?

    public init(_ make: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async { [self] in
            result = make()
            done.leave()
        }
    }

    /// The value, once made (the group orders the write before this read). Taken: this object
    /// holds it no longer, so it goes when the caller lets go of it. Nil when already taken, also
    /// when two threads ask at once.
    public func take() -> Value? {
        done.wait()
        return lock.withLock {
            defer { result = nil }
            return result
        }
    }
}
