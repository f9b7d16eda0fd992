import Foundation
import SiteCore
import SiteOutput

/// The shortcut of a build whose inputs are all as they were: every file under the content and
/// theme folders with the same size and modification time, the same `site` executable, the same
/// options and as-of date — then the output is what the last build wrote, and if the output
/// folder still holds exactly those files, untouched, there is nothing to do but repeat its report.
///
/// This is what keeps a no-change rebuild of 10,000 documents to a few hundred milliseconds: it
/// stats files instead of reading them.
enum UnchangedBuild {
    /// What a build's report says, kept to repeat it.
    struct Report: Codable {
        var diagnostics: [Diagnostic]
        var documentCount: Int
        var publicDocumentCount: Int
        var fileCount: Int
        /// Coded beside the report (`Coded`), not in it.
        var externalLinks: [String: Int] = [:]
        var ruleSettings: [RuleSetting]
        var ruleFindings: [Int]
        /// The site's base path (`site serve` serves under it) and the review records' counts.
        var basePath: String?
        var reviewStates: [String]
        var reviewCounts: [Int]

        private enum CodingKeys: String, CodingKey {
            case diagnostics, documentCount, publicDocumentCount, fileCount, ruleSettings, ruleFindings, basePath, reviewStates, reviewCounts
        }

        init(_ report: BuildReport) {
            diagnostics = report.diagnostics.sorted
            documentCount = report.documentCount
            publicDocumentCount = report.publicDocumentCount
            fileCount = report.fileCount
            externalLinks = report.externalLinks
            ruleSettings = report.ruleSettings.map(\.setting)
            ruleFindings = report.ruleSettings.map(\.findings)
            basePath = report.basePath
            reviewStates = report.reviewCounts.map(\.state)
            reviewCounts = report.reviewCounts.map(\.count)
        }

        /// In `CompactCoder`'s form, with the external links as two lists (it codes no
        /// dictionary): decoding 3,000 findings from JSON took a tenth of a second.
        var coded: Data? { try? CompactCoder.encode(Coded(self)) }

        init?(coded: Data) {
            guard let value = try? CompactCoder.decode(Coded.self, from: coded) else { return nil }
            self = value.report
        }

        private struct Coded: Codable {
            var report: Report
            var externalURLs: [String]
            var externalCounts: [Int]

            init(_ report: Report) {
                var report = report
                let external = report.externalLinks.sorted { $0.key < $1.key }
                externalURLs = external.map(\.key)
                externalCounts = external.map(\.value)
                report.externalLinks = [:]
                self.report = report
            }

            init(from decoder: any Decoder) throws {
                // In the order the synthesised `encode(to:)` writes them, as `CompactCoder` reads.
                let container = try decoder.container(keyedBy: CodingKeys.self)
                var report = try container.decode(Report.self, forKey: .report)
                externalURLs = try container.decode([String].self, forKey: .externalURLs)
                externalCounts = try container.decode([Int].self, forKey: .externalCounts)
                guard externalURLs.count == externalCounts.count else { throw CompactCoder.Unsupported(what: "external links") }
                report.externalLinks = Dictionary(zip(externalURLs, externalCounts), uniquingKeysWith: { a, _ in a })
                self.report = report
            }
        }

        var buildReport: BuildReport {
            var report = BuildReport(
                diagnostics: Diagnostics(diagnostics), published: true, documentCount: documentCount,
                publicDocumentCount: publicDocumentCount, fileCount: fileCount, timings: [])
            report.externalLinks = externalLinks
            report.ruleSettings = Array(zip(ruleSettings, ruleFindings))
            report.reusedFileCount = fileCount
            report.basePath = basePath
            report.reviewCounts = zip(reviewStates, reviewCounts).map { (state: $0, count: $1) }
            return report
        }
    }

    /// The digest of everything a build reads: the stamps of every file under the content and
    /// theme folders, the executable, and the options.
    /// `racy`: files modified at or after this time (nanoseconds since 1970) are read too — see
    /// `racyCutoff()`. The same cutoff must be used to compare two digests.
    /// `trees`: the stamps of the two folders (`stamps(of:)`), when the caller has them already.
    static func inputs(_ options: BuildOptions, racy: Int64, trees: [[(path: String, stamp: FileStamp)]]? = nil) -> String {
        digest(
            "site-build-inputs", options, racy: racy, trees: trees ?? stamps(of: options),
            options: [options.outputDisplay, "\(options.strict)", "\(options.precompress)"], markdown: true)
    }

    /// The digest of what a build depends on besides its input files: the executable and the
    /// options (`BodyPatch` compares the files' stamps one by one).
    static func settings(_ options: BuildOptions) -> String {
        digest("site-build-settings", options, racy: 0, trees: [], options: [options.outputDisplay, "\(options.strict)", "\(options.precompress)", options.source.path, options.templates.path],
            markdown: true)
    }

    /// The digest of what the pages' views read besides the documents: the names of the content
    /// folder's files, the stamps of those that are not Markdown (site.yaml, the catalog, the
    /// agencies, attachments), the theme's files, the executable and the options that change a
    /// page. A Markdown file's document and body are compared by their digests instead
    /// (`Pipeline.ViewDigests`).
    static func surroundings(_ options: BuildOptions, racy: Int64, trees: [[(path: String, stamp: FileStamp)]]) -> String {
        digest("site-view-surroundings", options, racy: racy, trees: trees, options: [], markdown: false)
    }

    /// `markdown`: whether the stamps of the content folder's Markdown files count, or only their names.
    private static func digest(
        _ kind: String, _ options: BuildOptions, racy: Int64, trees: [[(path: String, stamp: FileStamp)]], options more: [String], markdown: Bool
    ) -> String {
        var hasher = StableHasher()
        hasher.combine(kind)
        hasher.combine(SiteVersion.current)
        if let executable = Bundle.main.executableURL, let stamp = FileStamp(of: executable) {
            hasher.combine(UInt64(bitPattern: stamp.size))
            hasher.combine(UInt64(bitPattern: stamp.modified))
        }
        for value in [options.sourceDisplay, options.templatesDisplay, options.baseURL ?? "", "\(options.asOf)", "\(options.preview)"] + more {
            hasher.combine(value)
        }
        for (folder, tree) in zip([options.source, options.templates], trees) {
            hasher.combine(folder.path)
            for (path, stamp) in tree {
                hasher.combine(path)
                if !markdown, folder == options.source, path.hasSuffix(".md") { continue }
                hasher.combine(UInt64(bitPattern: stamp.size))
                hasher.combine(UInt64(bitPattern: stamp.modified))
                if stamp.modified >= racy { hasher.combine(contents(folder.appendingPathComponent(path))) }
            }
        }
        return hasher.digest
    }

    /// Two seconds before now. Files changed since are read as well as stamped: two saves of the
    /// same size within one tick of the file system's clock would have the same stamp (git's
    /// "racily clean" entries). A build records the cutoff it used, and the next build digests its
    /// inputs with that same cutoff: any file saved after it is then read, so a same-size edit is
    /// seen, and a file that was read then is read again.
    static func racyCutoff() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (Int64(now.tv_sec) - 2) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    static func contents(_ url: URL) -> [UInt8] {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } ?? []
    }

    /// The stamps of the content folder's files and the theme folder's.
    static func stamps(of options: BuildOptions) -> [[(path: String, stamp: FileStamp)]] {
        [options.source, options.templates].map { stamps(under: $0) }
    }

    /// Every regular file under a folder (hidden ones too), sorted, with its stamp; symbolic links
    /// are followed, as the loaders do.
    static func stamps(under folder: URL) -> [(path: String, stamp: FileStamp)] {
        FileStamp.tree(under: folder)
    }

    /// The digest of a list of files and their stamps: of the output folder as it is, to compare
    /// with the one the last build recorded of what it wrote.
    static func digest(_ files: [(path: String, stamp: FileStamp)]) -> String {
        var digest = OutputsDigest(count: files.count)
        for (path, stamp) in files {
            var path = path
            path.withUTF8 { digest.add(path: UnsafeRawBufferPointer($0), stamp: stamp) }
        }
        return digest.digest
    }

    /// `digest(_:)` taken a file at a time, from a path's bytes (`BuildCache.encode`).
    struct OutputsDigest {
        private var hasher = StableHasher()

        init(count: Int) { hasher.combine(UInt64(count)) }

        mutating func add(path: UnsafeRawBufferPointer, stamp: FileStamp) {
            hasher.combine(bytes: path)
            hasher.combine(UInt64(bitPattern: stamp.size))
            hasher.combine(UInt64(bitPattern: stamp.modified))
        }

        var digest: String { hasher.digest }
    }
}
