#if canImport(Glibc)
import Glibc
#endif

/// Writes to disk what is cached of the file system that holds `path` (`syncfs`, looked up at run
/// time like `malloc_trim`), or of every file system (`sync`) where there is no `syncfs`.
public func syncFileSystem(of path: String) {
    #if canImport(Glibc)
    typealias SyncFS = @convention(c) (Int32) -> Int32
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if let symbol = syncfs, descriptor >= 0, unsafeBitCast(symbol, to: SyncFS.self)(descriptor) == 0 {
        close(descriptor)
        return
    }
    if descriptor >= 0 { close(descriptor) }
    #endif
    sync()
}

#if canImport(Glibc)
private nonisolated(unsafe) let syncfs = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs")
#endif
