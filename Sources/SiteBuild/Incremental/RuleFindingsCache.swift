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
/// only by a build that succeeded (`Pending.save`).
struct RuleFindingsCache {
    static let formatVersion = 1

    let file: URL
    let tool: String

    init(folder: URL, source: URL, tool: String) {
        file = folder.appendingPathComponent("rules-\(String(StableHasher.digest(of: Array(source.standardizedFileURL.path.utf8)).prefix(16))).bin")
        self.tool = tool
    }

    /// The digest of every document's `graph` view digest; nil when not every document has its
    /// digests. Half of the key, taken once.
    static func documentsDigest(documents: Int, digests: [String: Pipeline.ViewDigests]) -> String? {
        guard digests.count == documents else { return nil }
        var hasher = StableHasher()
        hasher.combine(UInt64(digests.count))
        for (id, digest) in digests.sorted(by: { $0.key < $1.key }) {
            hasher.combine(id)
            hasher.combine(digest.graph)
        }
        return hasher.digest
    }

    /// The key of a build's inputs: its documents' digest and its surroundings
    /// (`UnchangedBuild.surroundings`), taken with a racy cutoff.
    static func key(documents: String, surroundings: String) -> String {
        var hasher = StableHasher()
        hasher.combine("site-rule-findings")
        hasher.combine(surroundings)
        hasher.combine(documents)
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

    /// This build's findings, to keep once the build has succeeded (nothing is written before:
    /// a build that fails leaves no trace).
    struct Pending: Sendable {
        let cache: RuleFindingsCache
        let findings: [Diagnostic]
        let key: String
        let racy: Int64

        /// Writes the findings beside the kept file and puts them in its place; a file that
        /// cannot be written only costs the next build the rules' time.
        func save() {
            guard let coded = try? CompactCoder.encode(findings) else { return }
            let file = cache.file
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = file.appendingPathExtension("tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
            let header = Data("site-rule-findings\t\(RuleFindingsCache.formatVersion)\t\(BuildCache.escape(cache.tool))\t\(racy)\t\(key)\n".utf8)
            guard FileManager.default.createFile(atPath: temporary.path, contents: header + coded),
                rename(temporary.path, file.path) == 0
            else {
                try? FileManager.default.removeItem(at: temporary)
                return
            }
            BufferedOutput.removeStrayTemporaries(of: file)
        }
    }
}
