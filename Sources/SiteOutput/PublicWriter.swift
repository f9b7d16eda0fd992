import Foundation
import SiteCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes the site into a staging folder beside the output folder, and swaps it in only when the
/// build succeeded, so a failed or killed build leaves the previous `Public/` as it was.
///
/// The only stage that writes to disk. Paths are relative to the output folder and checked: nothing
/// is written outside it.
public final class PublicWriter: @unchecked Sendable {
    /// The output folder (`Public/`).
    public let output: URL
    /// The staging folder, `.<name>.staging-<pid>` beside the output folder.
    public let staging: URL
    /// `output.path` and `staging.path`: paths are built as strings, since building 24,000 URLs
    /// cost more than the files' system calls.
    private let outputPath: String
    private let stagingPath: String
    private let lock = NSLock()
    private var createdFolders: Set<String> = []
    private var writtenFiles: Set<String> = []
    /// The removal of the previous site after `commit`, on another thread while the build saves
    /// its caches; the writer waits for it when it goes (`deinit`).
    private let removal = DispatchGroup()
    /// The previous site after `commit(keepingOld: true)`, until `keepOldAsSpare`.
    private var oldSite: URL?
    /// The copy of the committed site that `startTwin` makes, once made, until `keepTwinAsSpare`.
    private var twin: URL?
    private let twinning = DispatchGroup()

    /// Refuses output folders that would destroy sources: `/`, the home folder, the content or
    /// templates folder, a folder that contains one of them, or a folder inside one; and an existing
    /// folder with files but no `index.html` or `404.html`, which no build made.
    /// `spare`: where a patch build keeps the previous site for the next (`keepOldAsSpare`), on
    /// the output's file system; nil: nowhere.
    public init(output: URL, protecting sources: [URL], spare: URL? = nil) throws(SiteError) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        let path = output.path
        if path == "/" || path.isEmpty {
            throw .outputRefused(path: path, reason: "it is the root folder")
        }
        if path == FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path {
            throw .outputRefused(path: path, reason: "it is the home folder")
        }
        for source in sources {
            let sourcePath = source.standardizedFileURL.resolvingSymlinksInPath().path
            if path == sourcePath {
                throw .outputRefused(path: path, reason: "it is the source folder '\(sourcePath)'")
            }
            if sourcePath.hasPrefix(path + "/") {
                throw .outputRefused(path: path, reason: "it contains the source folder '\(sourcePath)'")
            }
            if path.hasPrefix(sourcePath + "/") {
                throw .outputRefused(path: path, reason: "it is inside the source folder '\(sourcePath)'")
            }
        }
        // Each build replaces the output folder whole: one that holds files but no site (a typo
        // in --output naming a folder of documents) is refused rather than wiped.
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .outputRefused(path: path, reason: "it is a file, not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if !entries.isEmpty, !entries.contains("index.html"), !entries.contains("404.html") {
                throw .outputRefused(
                    path: path, reason: "it holds \(entries.count) file\(entries.count == 1 ? "" : "s") and no site (no index.html), and each build replaces it whole")
            }
        }
        self.output = output
        self.spare = spare?.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        self.staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        outputPath = output.path
        stagingPath = staging.path
    }

    /// Removes what killed builds left behind, then creates an empty staging folder. A spare left
    /// by a patch build (`keepOldAsSpare`) is not this build's to start from: it is removed in
    /// the background.
    public func begin() throws(SiteError) {
        try sweep()
        let discarded = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())-spare")
        if let spare, rename(spare.path, discarded.path) == 0 { removeInBackground(discarded) }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .writeFailed(path: staging.path, reason: error.localizedDescription)
        }
    }

    /// The site as it was before the last patch build, kept to become the next one's staging
    /// folder (`beginRecycling`); its files are hard links of the output's but for those that
    /// build wrote anew. In the build's cache folder, which git ignores.
    public let spare: URL?

    /// Starts from the spare rather than an empty folder: it is renamed to be the staging folder,
    /// whose files `recycle` then sorts out. False, with nothing done, when there is no spare.
    public func beginRecycling() throws(SiteError) -> Bool {
        try sweep()
        guard let spare else { return false }
        return rename(spare.path, stagingPath) == 0
    }

    /// Removes the staging and previous folders that killed builds left beside the output folder.
    private func sweep() throws(SiteError) {
        let parent = output.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: parent.path, reason: error.localizedDescription)
        }
        let prefixes = [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where prefixes.contains(where: { name.hasPrefix($0) }) {
            TreeRemoval.remove(parent.appendingPathComponent(name).path)
        }
    }

    /// In a staging folder made from the spare (`beginRecycling`): removes the files at the paths
    /// in `replacing` (the build writes them, or they are gone), and keeps each other file whose
    /// stamp is its `expected` one — the output's own file, hard-linked — as written by this build.
    /// Returns the kept paths; nil, with nothing recorded, when a file is neither (the spare is not
    /// what was recorded of it: the caller abandons it and begins afresh). The folders are listed
    /// first (a file added by hand is found too), then the files checked on all cores, a slice at
    /// a time (one folder can hold most of them).
    public func recycle(expected: @Sendable (String) -> FileStamp?, replacing: Set<String>) -> [String]? {
        let root = open(stagingPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return nil }
        defer { close(root) }
        // Level by level, each level's folders listed on all cores and their files checked by the
        // folder's descriptor (at 10,000 documents the third level holds 9,000 folders of one page
        // each); the files of a big folder (one holds 9,000) after, in slices on all cores.
        var folders: [String] = [""]
        var kept: [String] = []
        var big: [String] = []
        var level = 0..<1
        while !level.isEmpty {
            let known = folders
            let listed = Array(level).concurrentMap { folder -> (folders: [String], files: [String], big: Bool)? in
                let descriptor = folder == 0 ? dup(root) : openat(root, known[folder], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard descriptor >= 0 else { return nil }
                defer { close(descriptor) }
                guard let entries = TreeRemoval.entries(descriptor) else { return nil }
                let prefix = folder == 0 ? "" : known[folder] + "/"
                var subfolders: [String] = []
                var names: [String] = []
                for (name, isFolder) in entries {
                    if isFolder { subfolders.append(prefix + name) } else { names.append(name) }
                }
                // Not here: a concurrent loop inside another runs on one core.
                if names.count > 512 { return (subfolders, names.map { prefix + $0 }, true) }
                guard let checked = Self.check(names[...], in: descriptor, prefix: prefix, expected: expected, replacing: replacing) else { return nil }
                return (subfolders, checked, false)
            }
            let start = folders.count
            for found in listed {
                guard let found else { return nil }
                folders += found.folders
                if found.big { big += found.files } else { kept += found.files }
            }
            level = start..<folders.count
        }
        let paths = big
        let slices = stride(from: 0, to: paths.count, by: 512).map { paths[$0..<min($0 + 512, paths.count)] }
        for checked in slices.concurrentMap({ Self.check($0, in: root, prefix: "", expected: expected, replacing: replacing) }) {
            guard let checked else { return nil }
            kept += checked
        }
        let allFolders = folders
        lock.withLock {
            writtenFiles.formUnion(kept)
            createdFolders.formUnion(allFolders.dropFirst())
        }
        return kept
    }

    /// `recycle`'s check of files named `names` in an open folder whose path is `prefix`: the
    /// paths of those kept; nil at the first file neither kept nor replaced.
    private static func check(
        _ names: ArraySlice<String>, in descriptor: Int32, prefix: String, expected: @Sendable (String) -> FileStamp?, replacing: Set<String>
    ) -> [String]? {
        var kept: [String] = []
        for name in names {
            let path = prefix + name
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            if replacing.contains(path) {
                guard unlinkat(descriptor, name, 0) == 0 else { return nil }
            } else if expected(path) == FileStamp(info) {
                kept.append(path)
            } else {
                return nil  // not a file the output has as it is, nor one this build writes
            }
        }
        return kept
    }

    /// Writes a file into the staging folder. Safe to call from several threads.
    public func write(_ relativePath: String, _ data: Data) throws(SiteError) {
        let path = try target(relativePath)
        // Plain open/write/close: Foundation's `Data.write` syncs each file to disk, which made a
        // 24,000-file build wait on the disk 24,000 times. `commit` syncs the staging folder once.
        // Never into a file that is there already: in a staging folder made from the spare, that
        // file would be a hard link of the live site's.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .writeFailed(path: relativePath, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let failure = data.withUnsafeBytes { writeFully(descriptor, $0) }
        if failure != 0 { throw .writeFailed(path: relativePath, reason: String(cString: strerror(failure))) }
    }

    public func write(_ relativePath: String, text: String) throws(SiteError) {
        try write(relativePath, Data(text.utf8))
    }

    /// Copies a file (an attachment, an asset) into the staging folder.
    public func copy(_ relativePath: String, from source: URL) throws(SiteError) {
        let path = try target(relativePath)
        do {
            try FileManager.default.copyItem(atPath: source.path, toPath: path)
        } catch {
            throw .writeFailed(path: relativePath, reason: error.localizedDescription)
        }
    }

    // MARK: Reusing the previous site

    /// Puts the previous site's copy of a file into the staging folder instead of writing it again,
    /// if that copy is still the one `stamp` describes (nobody changed it since): a hard link, so
    /// it costs no copying. Returns false, with nothing done, when it cannot be reused.
    public func reuse(_ relativePath: String, stamp: FileStamp) throws(SiteError) -> Bool {
        let previous = outputPath + "/" + relativePath
        guard FileStamp(path: previous) == stamp else { return false }
        let path = try target(relativePath)
        if link(previous, path) == 0 { return true }
        do {
            try FileManager.default.copyItem(atPath: previous, toPath: path)
        } catch {
            throw .writeFailed(path: relativePath, reason: error.localizedDescription)
        }
        return true
    }

    /// The stamp of a file written to the staging folder, to recognise it next time.
    public func stamp(_ relativePath: String) -> FileStamp? {
        FileStamp(path: stagingPath + "/" + relativePath)
    }

    /// How many files were written so far.
    public var fileCount: Int { lock.withLock { writtenFiles.count } }

    /// Whether a file has been written at this path (relative to the output folder).
    public func contains(_ relativePath: String) -> Bool { lock.withLock { writtenFiles.contains(relativePath) } }

    /// Files written so far, relative to the output folder, in no order.
    public var unsortedFiles: [String] { lock.withLock { Array(writtenFiles) } }

    /// Files written so far, relative to the output folder.
    public var files: [String] {
        lock.lock()
        defer { lock.unlock() }
        return writtenFiles.sorted()
    }

    /// Replaces the output folder by the staging folder in one step where the system allows it
    /// (`renameat2` with `RENAME_EXCHANGE` on Linux), then removes the previous site on another
    /// thread (`waitForRemoval`).
    /// `keepingOld`: the previous site is not removed but kept for `keepOldAsSpare`.
    public func commit(keepingOld: Bool = false) throws(SiteError) {
        let fileManager = FileManager.default
        // The new site's bytes reach the disk before it replaces the old one: one sync of the
        // output's file system instead of one per file, and not of every other disk as `sync` would.
        syncFileSystem(of: stagingPath)
        if !fileManager.fileExists(atPath: output.path) {
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                throw .writeFailed(path: output.path, reason: error.localizedDescription)
            }
            return
        }
        if PublicWriter.exchange(staging, output) {
            // The staging folder now holds the previous site.
            if keepingOld { lock.withLock { oldSite = staging } } else { removeInBackground(staging) }
            return
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        do {
            try fileManager.moveItem(at: output, to: old)
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            throw .writeFailed(path: output.path, reason: error.localizedDescription)
        }
        if keepingOld { lock.withLock { oldSite = old } } else { removeInBackground(old) }
    }

    /// Makes the previous site, kept by `commit(keepingOld:)`, the spare; call it once whatever
    /// describes the spare is saved. Removed in the background if it cannot be.
    public func keepOldAsSpare() {
        guard let old = lock.withLock({ oldSite }) else { return }
        lock.withLock { oldSite = nil }
        guard let spare else { return removeInBackground(old) }
        // A spare left by a build killed after its cache was saved, and never taken up, goes first.
        if FileManager.default.fileExists(atPath: spare.path) { TreeRemoval.remove(spare.path) }
        if rename(old.path, spare.path) != 0 { removeInBackground(old) }
    }

    /// After a `commit` that kept no old site: starts making a copy of the new site out of hard
    /// links, on another thread, to be the spare (`keepTwinAsSpare`). A full build's site has no
    /// old one to keep, and without a spare the next patch build links every file itself; this
    /// way the links are made while the build saves its caches. Beside the output while it is
    /// made, so what a killed build leaves is swept as its staging folder is.
    public func startTwin() {
        guard let spare else { return }
        let parent = output.deletingLastPathComponent()
        // Only where it can be renamed to: the spare's folder on the output's file system.
        try? FileManager.default.createDirectory(at: spare.deletingLastPathComponent(), withIntermediateDirectories: true)
        var outputInfo = stat()
        var spareInfo = stat()
        guard stat(parent.path, &outputInfo) == 0, stat(spare.deletingLastPathComponent().path, &spareInfo) == 0,
            outputInfo.st_dev == spareInfo.st_dev
        else { return }
        let folder = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())-twin")
        let (files, folders) = lock.withLock { (Array(writtenFiles), createdFolders.sorted()) }
        let source = outputPath
        DispatchQueue.global().async(group: twinning) { [self] in
            let made = Self.hardLinkCopy(files: files, folders: folders, from: source, into: folder.path)
            if made {
                lock.withLock { twin = folder }
            } else {
                TreeRemoval.remove(folder.path)
            }
        }
    }

    /// Waits for the copy `startTwin` makes and makes it the spare; call it once whatever
    /// describes the spare is saved. Nothing when it could not be made.
    public func keepTwinAsSpare() {
        twinning.wait()
        guard let made = lock.withLock({ twin }) else { return }
        lock.withLock { twin = nil }
        guard let spare else { return removeInBackground(made) }
        if FileManager.default.fileExists(atPath: spare.path) { TreeRemoval.remove(spare.path) }
        if rename(made.path, spare.path) != 0 { removeInBackground(made) }
    }

    /// Makes `target` a copy of `source` of hard links: the folders (sorted, so each after the one
    /// it is in), then the files on all cores. False at the first that fails.
    private static func hardLinkCopy(files: [String], folders: [String], from source: String, into target: String) -> Bool {
        guard mkdir(target, 0o777) == 0 else { return false }
        for folder in folders where mkdir(target + "/" + folder, 0o777) != 0 { return false }
        let slices = stride(from: 0, to: files.count, by: 512).map { files[$0..<min($0 + 512, files.count)] }
        return slices.concurrentMap { slice in
            slice.allSatisfy { link(source + "/" + $0, target + "/" + $0) == 0 }
        }.allSatisfy { $0 }
    }

    private func removeInBackground(_ folder: URL) {
        DispatchQueue.global().async(group: removal) { TreeRemoval.remove(folder.path) }
    }

    /// Waits until the previous site, which `commit` removes in the background, is gone.
    public func waitForRemoval() {
        removal.wait()
    }

    deinit {
        twinning.wait()
        if let twin { TreeRemoval.remove(twin.path) }
        removal.wait()
    }

    /// Removes the staging folder; the output folder is untouched.
    public func abandon() {
        TreeRemoval.remove(staging.path)
    }

    // MARK: Paths

    /// The staging URL of a relative path, after checking it stays inside, with its folder created.
    private func target(_ relativePath: String) throws(SiteError) -> String {
        // Checked as bytes (`/` and `.` are ASCII): this runs for every file of every build.
        let bytes = relativePath.utf8
        let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard !bytes.isEmpty, !bytes.contains(0),
            parts.allSatisfy({ !$0.isEmpty && !$0.elementsEqual([UInt8(ascii: ".")]) && !$0.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) })
        else {
            throw .writeFailed(path: relativePath, reason: "the path would leave the output folder")
        }
        let folder = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relativePath[..<$0]) } ?? ""
        lock.lock()
        let isNew = writtenFiles.insert(relativePath).inserted
        let needsFolder = !folder.isEmpty && !createdFolders.contains(folder)
        lock.unlock()
        guard isNew else {
            throw .writeFailed(path: relativePath, reason: "two outputs have this path")
        }
        if needsFolder {
            try makeFolder(folder)
        }
        return stagingPath + "/" + relativePath
    }

    /// Creates a folder of the staging folder and the folders it is in (`mkdir -p`).
    private func makeFolder(_ folder: String) throws(SiteError) {
        if mkdir(stagingPath + "/" + folder, 0o777) != 0 {
            let failure = errno
            switch failure {
            case EEXIST:
                break
            case ENOENT:
                if let slash = folder.lastIndex(of: "/") { try makeFolder(String(folder[..<slash])) }
                if mkdir(stagingPath + "/" + folder, 0o777) != 0, errno != EEXIST {
                    throw .writeFailed(path: folder, reason: String(cString: strerror(errno)))
                }
            default:
                throw .writeFailed(path: folder, reason: String(cString: strerror(failure)))
            }
        }
        lock.lock()
        createdFolders.insert(folder)
        lock.unlock()
    }

    /// Atomically exchanges two paths with `renameat2(…, RENAME_EXCHANGE)`, looked up at run time
    /// so the build still works where the C library lacks it (then the two-rename fallback runs).
    private static func exchange(_ a: URL, _ b: URL) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        let atFDCWD: Int32 = -100
        return renameat2(atFDCWD, a.path, atFDCWD, b.path, renameExchange) == 0
        #else
        return false
        #endif
    }
}
