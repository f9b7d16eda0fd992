import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Size and modification time of a file, to the nanosecond: a file with the same stamp as when it
/// was written has not been replaced or edited since.
public struct FileStamp: Codable, Hashable, Sendable {
    public let size: Int64
    public let modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    public init?(of url: URL) {
        self.init(path: url.path)
    }

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(info)
    }
}

extension FileStamp {
    /// Every regular file under a folder, by path relative to it (sorted), with its stamp: one
    /// `readdir` and `fstatat` per entry, without building absolute paths (24,000 files take about
    /// a tenth of a second). Symbolic links are followed, to a depth of 32 folders.
    public static func tree(under folder: URL) -> [(path: String, stamp: FileStamp)] {
        var found: [(path: String, stamp: FileStamp)] = []
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { walk(fd, prefix: "", depth: 0, into: &found) }
        // By the paths' bytes (`ByteSearch.precedes`): String's `<` compares by Unicode rules,
        // which took tens of milliseconds for 24,000 paths. Their numbers are sorted, not the
        // entries, which would move each path's reference and stamp at every step.
        let order = found.indices.sorted { ByteSearch.precedes(found[$0].path, found[$1].path) }
        return order.map { found[$0] }
    }

    private static func walk(_ fd: Int32, prefix: String, depth: Int, into found: inout [(path: String, stamp: FileStamp)]) {
        guard let directory = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(dirfd(directory), name, &info, 0) == 0 else { continue }
            let path = prefix.isEmpty ? name : prefix + "/" + name
            switch info.st_mode & S_IFMT {
            case S_IFDIR where depth < 32:
                let child = openat(dirfd(directory), name, O_RDONLY | O_DIRECTORY)
                if child >= 0 { walk(child, prefix: path, depth: depth + 1, into: &found) }
            case S_IFREG:
                found.append((path, FileStamp(info)))
            default:
                break
            }
        }
    }
}

extension FileStamp {
    /// The stamp `fstatat` or `stat` gave.
    public init(_ info: stat) {
        self.init(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
