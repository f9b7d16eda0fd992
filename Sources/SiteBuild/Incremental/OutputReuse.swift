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

    init(writer: PublicWriter, previous: BuildCache?, context: String, racy: Int64) {
        self.writer = writer
        self.previous = previous
        self.racy = racy
        self.next = BuildCache(context: context)
    }

    /// Reuses the file or writes what `produce` makes (nil: no file).
    func file(_ path: String, key: String, produce: () -> Data?) throws(SiteError) {
        if let old = previous?.files[path], old.key == key, try writer.reuse(path, stamp: old.stamp) {
            record(path, BuildCache.File(key: key, stamp: old.stamp), reused: true)
            return
        }
        guard let data = produce() else { return }
        try writer.write(path, data)
        if let stamp = writer.stamp(path) { record(path, BuildCache.File(key: key, stamp: stamp), reused: false) }
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
            if let written = writer.stamp(path) { record(path, BuildCache.File(key: "copy:\(UUID())", stamp: written), reused: false) }
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
        if let previous, let old = previous.files[path], old.key == key(racy: previous.racy), try writer.reuse(path, stamp: old.stamp) {
            record(path, BuildCache.File(key: key(racy: racy), stamp: old.stamp), reused: true)
            return
        }
        try writer.copy(path, from: source)
        if let written = writer.stamp(path) { record(path, BuildCache.File(key: key(racy: racy), stamp: written), reused: false) }
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
