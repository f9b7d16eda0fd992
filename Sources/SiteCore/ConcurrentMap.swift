import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps every element on all cores, keeping the order. Work is handed out in small batches
    /// so a few slow documents do not leave cores idle.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let count = self.count
        if count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 {
            return map(transform)
        }
        return withUnsafeBufferPointer { items in
            let items = UnsafeSendable(items)
            return concurrentIndices(count) { transform(items.value[$0]) }
        }
    }

    /// Like `concurrentMap`, but `transform` may also change the element in place (each element is
    /// handed to one worker only): a stage can let go of what an element no longer needs as soon as
    /// it is done with it, rather than once every element is.
    public mutating func concurrentUpdate<Result: Sendable>(_ transform: @Sendable (inout Element) -> Result) -> [Result] {
        let count = self.count
        if count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 {
            return indices.map { transform(&self[$0]) }
        }
        return withUnsafeMutableBufferPointer { items in
            let items = UnsafeSendable(items)
            return concurrentIndices(count) { transform(&items.value[$0]) }
        }
    }
}

/// `result(index)` for every index below `count`, on all cores, in order.
private func concurrentIndices<Result: Sendable>(_ count: Int, _ result: @Sendable (Int) -> Result) -> [Result] {
    let results = ResultBuffer<Result>(count: count)
    let next = BatchCounter(limit: count, batch: Swift.max(1, Swift.min(32, count / (ProcessInfo.processInfo.activeProcessorCount * 8))))
    let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let range = next.take() {
            for index in range {
                results.set(index, result(index))
            }
        }
    }
    return results.values()
}

/// Hands out consecutive index ranges to workers.
private final class BatchCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var position = 0
    private let limit: Int
    private let batch: Int

    init(limit: Int, batch: Int) {
        self.limit = limit
        self.batch = batch
    }

    func take() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard position < limit else { return nil }
        let start = position
        position = Swift.min(limit, position + batch)
        return start..<position
    }
}

/// Each index is written by exactly one worker, and read only after all workers finished.
private final class ResultBuffer<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) { storage[index] = value }

    func values() -> [Value] { (0..<count).map { storage[$0]! } }
}

private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
