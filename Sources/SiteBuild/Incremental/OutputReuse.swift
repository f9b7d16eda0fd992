import Foundation
import SiteCore
import SiteAudit
import SiteOutput

/// Writes the files of a build through the `PublicWriter`, reusing the previous build's copy of each
/// file whose key is unchanged (see `BuildCache`), and records what the next build needs to know.
/// Safe to call from many threads.
final class OutputReuse: @unchecked Sendable {
    let writer: PublicWriter
    let previous: BuildCache?
    /// This build's racy cutoff (`UnchangedBuild.racyCutoff`), with which copies are keyed.
    let racy: Int64
    private let lock = NSLock()
    private var next: BuildCache
    private(set) var reusedPaths: Set<String> = []
    /// How many files `file`/`page` wrote anew (not copies, not reused).
    private(set) var writtenCount = 0

    init(writer: PublicWriter, previous: BuildCache?, context: String, racy: Int64) {
        self.writer = writer
        self.previous = previous
        self.racy = racy
        self.next = BuildCache(context: context)
    }

    /// Reuses the file or writes what `produce` makes (nil: no file).
    func file(_ path: String, key: String, produce: () -> Data?) throws(SiteError) {
        try page(path, key: key) { produce().map { ($0, nil) } }
    }

    /// Reuses the page or writes what `produce` makes, with where a document page's body is in it
    /// (`BuildCache.File.body`).
    func page(_ path: String, key: String, produce: () -> (html: Data, body: Range<Int>?)?) throws(SiteError) {
        if let old = previous?.file(path), old.key == key, try writer.reuse(path, stamp: old.stamp) {
            record(path, BuildCache.File(key: key, stamp: old.stamp, sha256: old.sha256, body: old.body), reused: true)
            return
        }
        guard let (data, body) = produce() else { return }
        try writer.write(path, data)
        lock.withLock { writtenCount += 1 }
        if let stamp = writer.stamp(path) {
            record(path, BuildCache.File(key: key, stamp: stamp, sha256: Manifest.sha256(data), body: body), reused: false)
        }
    }

    /// Reuses the last build's copy of a file as it is, key and all (`BodyPatch`); false if that
    /// copy is no longer what the last build wrote.
    func keep(_ path: String) throws(SiteError) -> Bool {
        guard let old = previous?.file(path), try writer.reuse(path, stamp: old.stamp) else { return false }
        record(path, old, reused: true)
        return true
    }

    /// Records every file of the last build but those in `except` as the last build recorded
    /// them, key and all: the files a patch build keeps (`BodyPatch`), from the spare or linked.
    func adoptPrevious(except: Set<String>) {
        guard let previous else { return }
        lock.withLock {
            var files = previous.files
            for path in except { files[path] = nil }
            next.files = files
            // Left as the cache file had them, but for those the build replaces or removes.
            next.fileRecords = previous.fileRecords
            next.droppedRecords = previous.fileRecords == nil ? [] : previous.droppedRecords.union(except)
        }
    }

    /// A data file made anyway (search shards, feeds): its key is its own bytes, so reuse saves the writing.
    func data(_ path: String, _ data: Data) throws(SiteError) {
        var hasher = StableHasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        try file(path, key: "data:" + hasher.digest) { data }
    }

    /// A file copied from the sources (an attachment, an asset), keyed by the source's stamp.
    /// A source saved after a build's racy cutoff is keyed by its bytes too (see UnchangedBuild):
    /// the key is compared as the previous build made it, with its cutoff, and recorded with ours.
    func copy(_ path: String, from source: URL) throws(SiteError) {
        guard let stamp = FileStamp(of: source) else {
            try writer.copy(path, from: source)
            if let written = writer.stamp(path) { record(path, BuildCache.File(key: "copy:\(UUID())", stamp: written, sha256: writtenSHA256(path)), reused: false) }
            return
        }
        var digest: String?
        func key(racy: Int64) -> String {
            var key = "copy:\(source.path):\(stamp.size):\(stamp.modified)"
            if stamp.modified >= racy {
                if digest == nil { digest = StableHasher.digest(of: UnchangedBuild.contents(source)) }
                key += ":" + digest!
            }
            return key
        }
        if let previous, let old = previous.file(path), old.key == key(racy: previous.racy), try writer.reuse(path, stamp: old.stamp) {
            record(path, BuildCache.File(key: key(racy: racy), stamp: old.stamp, sha256: old.sha256), reused: true)
            return
        }
        try writer.copy(path, from: source)
        if let written = writer.stamp(path) { record(path, BuildCache.File(key: key(racy: racy), stamp: written, sha256: writtenSHA256(path)), reused: false) }
    }

    /// The SHA-256 of a file as written to the staging folder.
    private func writtenSHA256(_ path: String) -> String {
        Manifest.sha256(of: writer.staging.appendingPathComponent(path)) ?? ""
    }

    /// Writes `a.html.gz` (and `.br`, …) beside every text file written so far (`Precompression`):
    /// keyed by the file's SHA-256 and the compression's version, so a copy is reused exactly when
    /// the file's bytes are the previous build's, and a file that is gone takes its copies along.
    func precompress(_ encodings: [Precompression.Encoding]) throws(SiteError) {
        let texts: [(path: String, sha256: String)] = lock.withLock {
            next.allFiles().filter { Precompression.isText($0.path) }.map { ($0.path, $0.file.sha256) }
        }.sorted { $0.path < $1.path }
        let failures = texts.concurrentMap { text -> SiteError? in
            do throws(SiteError) {
                var bytes: Data?
                for encoding in encodings {
                    let path = text.path + "." + encoding.fileExtension
                    var failed = false
                    try file(path, key: "\(encoding.version):\(text.sha256)") {
                        if bytes == nil { bytes = FileManager.default.contents(atPath: writer.staging.appendingPathComponent(text.path).path) }
                        guard let bytes, let compressed = encoding.compress(bytes) else {
                            failed = true
                            return nil
                        }
                        return compressed
                    }
                    if failed { throw .writeFailed(path: path, reason: "\(encoding.rawValue) could not compress \(text.path)") }
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Writes `manifest.json` as the last build's with the lines of `changed` rewritten
    /// (`BodyPatch`: the same files, a few of them new bytes); false, with nothing written, when
    /// that cannot be done.
    func manifest(patching last: Data, changed: [String]) throws(SiteError) -> Bool {
        let files = lock.withLock { changed.compactMap { path in next.file(path).map { Manifest.File(path: path, size: $0.stamp.size, sha256: $0.sha256) } } }
        guard files.count == changed.count, let data = Manifest.patch(last, changing: files) else { return false }
        try self.data(Manifest.path, data)
        return true
    }

    /// Writes `manifest.json`: every file written so far with its size and SHA-256.
    func manifest(basePath: String) throws(SiteError) {
        let files = lock.withLock {
            next.allFiles().map { Manifest.File(path: $0.path, size: $0.file.stamp.size, sha256: $0.file.sha256) }
        }
        try data(Manifest.path, Manifest(basePath: basePath, files: files).data)
    }

    private func record(_ path: String, _ file: BuildCache.File, reused: Bool) {
        lock.lock()
        next.files[path] = file
        if reused { reusedPaths.insert(path) }
        lock.unlock()
    }

    /// The cache describing this build, with the audit's page summaries.
    func cache(summaries: [String: OutputAudit.PageSummary]) -> BuildCache {
        lock.lock()
        defer { lock.unlock() }
        var cache = next
        cache.summaries = summaries
        return cache
    }

    /// The previous audit's summaries of the pages reused byte for byte.
    var reusableSummaries: [String: OutputAudit.PageSummary] {
        guard let previous else { return [:] }
        lock.lock()
        defer { lock.unlock() }
        return previous.summaries.filter { reusedPaths.contains($0.key) }
    }
}
