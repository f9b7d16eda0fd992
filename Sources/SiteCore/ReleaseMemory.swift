#if canImport(Glibc)
import Glibc
#endif

/// Gives the pages of freed memory back to the system (glibc's `malloc_trim`, looked up at run
/// time: Swift's Glibc module does not offer it), where the allocator would keep them for reuse.
/// For work done in batches that make and free many small buffers — the search index's batches
/// at 100,000 documents — whose freed pages, scattered between live ones, would otherwise count
/// towards the peak. Does nothing where there is no `malloc_trim`.
public func releaseFreedMemory() {
    #if canImport(Glibc)
    typealias MallocTrim = @convention(c) (Int) -> Int32
    if let symbol = mallocTrim { _ = unsafeBitCast(symbol, to: MallocTrim.self)(0) }
    #endif
}

#if canImport(Glibc)
private nonisolated(unsafe) let mallocTrim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
#endif
