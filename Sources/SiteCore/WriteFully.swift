#if canImport(Glibc)
import Glibc
#endif

/// Writes all of `bytes` to an open file, going on after short writes and interrupted calls; at
/// `offset` (`pwrite`, safe beside other writers of the same file) or at the file's position.
/// Returns 0, or the `errno` of the call that failed.
public func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) -> Int32 {
    var done = 0
    while done < bytes.count {
        let written = offset.map { pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t($0 + done)) }
            ?? write(descriptor, bytes.baseAddress! + done, bytes.count - done)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        done += written
    }
    return 0
}
