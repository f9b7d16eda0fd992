import Foundation
import SiteCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes through a buffer of a megabyte, so a cache of a hundred thousand records is neither
/// built whole in memory nor written in a hundred thousand calls.
struct BufferedOutput {
    let descriptor: Int32
    var buffer: [UInt8] = []
    var failed = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 20)
    }

    mutating func append(_ data: Data) {
        buffer.append(contentsOf: data)
        if buffer.count >= 1 << 20 { _ = flush() }
    }

    mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { _ = flush() }
    }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { _ = flush() }
    }

    /// Writes the file at `path` through a buffer, then closes it; false if anything failed (the file may
    /// then be incomplete).
    static func write(_ path: String, _ produce: (inout BufferedOutput) -> Void) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var output = BufferedOutput(descriptor: descriptor)
        produce(&output)
        let written = output.flush()
        return close(descriptor) == 0 && written
    }

    /// Removes the temporary files (`<file>.tmp-<pid>-…`) that builds killed while saving `file`
    /// left beside it; this process's own are left alone.
    static func removeStrayTemporaries(of file: URL) {
        let folder = file.deletingLastPathComponent()
        let prefix = file.lastPathComponent + ".tmp-"
        let own = prefix + "\(getpid())-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(prefix) && !name.hasPrefix(own) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Writes what is buffered; false once any write failed.
    mutating func flush() -> Bool {
        if !failed, buffer.withUnsafeBytes({ writeFully(descriptor, $0) }) != 0 { failed = true }
        buffer.removeAll(keepingCapacity: true)
        return !failed
    }
}
