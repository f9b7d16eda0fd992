import Foundation
import SiteCore

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Removes a folder and everything in it, on all cores: the previous site after each build is
/// over 30,000 files and folders at 10,000 documents, and `FileManager.removeItem` took half a
/// second for it on one core. Entries are removed relative to their folder's descriptor
/// (`unlinkat`), so no path is looked up from the root again; symbolic links are removed, never
/// followed.
public enum TreeRemoval {
    /// Removes `path`; what cannot be removed stays (the caller removes leftovers next time).
    public static func remove(_ path: String) {
        let root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else {
            unlink(path)  // a file, a link, or nothing
            return
        }
        // The folders two levels down are shared out among the cores (a site's top folders are
        // few and uneven: policies, search), then the top two levels are removed.
        var units: [String] = []
        var folders: [String] = []
        for (name, isFolder) in entries(root) ?? [] {
            guard isFolder else {
                unlinkat(root, name, 0)
                continue
            }
            folders.append(name)
            let child = openat(root, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { continue }
            for (inner, innerIsFolder) in entries(child) ?? [] {
                if innerIsFolder { units.append(name + "/" + inner) } else { unlinkat(child, inner, 0) }
            }
            close(child)
        }
        _ = units.concurrentMap { unit -> Bool in
            removeContents(of: root, unit)
            return unlinkat(root, unit, AT_REMOVEDIR) == 0
        }
        for name in folders { unlinkat(root, name, AT_REMOVEDIR) }
        close(root)
        rmdir(path)
    }

    /// Removes what is in the folder `name` (relative to `parent`), depth first.
    private static func removeContents(of parent: Int32, _ name: String) {
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return }
        defer { close(folder) }
        for (entry, isFolder) in entries(folder) ?? [] {
            if isFolder {
                removeContents(of: folder, entry)
                unlinkat(folder, entry, AT_REMOVEDIR)
            } else {
                unlinkat(folder, entry, 0)
            }
        }
    }

    /// The entries of an open folder (without `.` and `..`), each with whether it is a folder
    /// (not a link to one); the descriptor stays open. Nil when it cannot be listed.
    static func entries(_ folder: Int32) -> [(name: String, isFolder: Bool)]? {
        let copy = dup(folder)
        guard copy >= 0, let directory = fdopendir(copy) else { return nil }
        defer { closedir(directory) }
        var found: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            found.append((name, isFolder))
        }
        return found
    }
}
