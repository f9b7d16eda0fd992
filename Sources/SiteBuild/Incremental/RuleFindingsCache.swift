import Foundation
import SiteCore

/// The findings of the rules that read the whole graph (`ComplianceChecker.check`), kept for the
/// next build: they depend on nothing but what the site's graph is built from and the attachments
/// the rules read, so when all of that is as it was, the rules need not run again. At 10,000
/// documents they took a tenth of a second of a one-document edit.
///
/// The key (`key(…)`) is that of every input: each document's view digest of what other pages
/// may read of it (`Pipeline.ViewDigests.graph`: its decoded fields, its links and headings),
/// and everything else the build reads (`UnchangedBuild.surroundings`: file names, the stamps of
/// files that are not Markdown, the theme, the options and the as-of date). A body edit that
/// changes no link or heading leaves it as it was.
///
/// Stored in `.site-cache/rules-<digest of the Content folder>.bin`: a header line with the tool,
/// the racy cutoff the key was taken with and the key, then the findings (`CompactCoder`). Written
/// aside and put in place by a build that succeeded (`commit`).
struct RuleFindingsCache {
    static let formatVersion = 1

    let file: URL
    let tool: String

    init(folder: URL, source: URL, tool: String) {
        file = folder.appendingPathComponent("rules-\(String(StableHasher.digest(of: Array(source.standardizedFileURL.path.utf8)).prefix(16))).bin")
        self.tool = tool
    }

    /// The key of a build's inputs, taken with `racy` (`UnchangedBuild.racyCutoff`); nil when not
    /// every document has its digests.
    static func key(
        _ options: BuildOptions, racy: Int64, trees: [[(path: String, stamp: FileStamp)]], documents: Int, digests: [String: Pipeline.ViewDigests]
    ) -> String? {
        guard digests.count == documents else { return nil }
        var hasher = StableHasher()
        hasher.combine("site-rule-findings")
        hasher.combine(UnchangedBuild.surroundings(options, racy: racy, trees: trees))
        hasher.combine(UInt64(digests.count))
        for (id, digest) in digests.sorted(by: { $0.key < $1.key }) {
            hasher.combine(id)
            hasher.combine(digest.graph)
        }
        return hasher.digest
    }

    /// The findings the last build kept, if its key, taken again now with its racy cutoff, is the same.
    func findings(key: (Int64) -> String?) -> [Diagnostic]? {
        guard let data = FileManager.default.contents(atPath: file.path), let newline = data.firstIndex(of: 0x0A) else { return nil }
        let fields = String(decoding: data[..<newline], as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0] == "site-rule-findings", fields[1] == "\(Self.formatVersion)", BuildCache.unescape(fields[2]) == tool,
            let racy = Int64(fields[3]), let now = key(racy), now == fields[4]
        else { return nil }
        return try? CompactCoder.decode([Diagnostic].self, from: Data(data[(newline + 1)...]))
    }

    /// Writes this build's findings beside the kept file, to be put in place by `Written.commit`
    /// once the build has succeeded (and removed when it did not). Nil if they cannot be coded or
    /// written: the next build then runs the rules.
    func write(_ findings: [Diagnostic], key: String, racy: Int64) -> Written? {
        guard let coded = try? CompactCoder.encode(findings) else { return nil }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = file.appendingPathExtension("tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
        let header = Data("site-rule-findings\t\(Self.formatVersion)\t\(BuildCache.escape(tool))\t\(racy)\t\(key)\n".utf8)
        guard FileManager.default.createFile(atPath: temporary.path, contents: header + coded) else { return nil }
        return Written(file: file, temporary: temporary)
    }

    /// Findings written aside: removed when let go of unless committed.
    final class Written: @unchecked Sendable {
        private let file: URL
        private let temporary: URL
        private let lock = NSLock()
        private var committed = false

        init(file: URL, temporary: URL) {
            self.file = file
            self.temporary = temporary
        }

        /// Puts the file in place, and removes temporary files that killed builds left.
        func commit() {
            lock.withLock { committed = true }
            if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
            BufferedOutput.removeStrayTemporaries(of: file)
        }

        deinit {
            if !committed { unlink(temporary.path) }
        }
    }
}
