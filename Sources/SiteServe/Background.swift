import Foundation

/// Blocking work (file-system walks, the build) on a Dispatch thread, so the few threads that run
/// Swift tasks stay free to answer requests.
public enum Background {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}

extension Background {
    /// `run` for work that throws a typed error.
    public static func runThrowing<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await run {
            do throws(E) { return .success(try work()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
