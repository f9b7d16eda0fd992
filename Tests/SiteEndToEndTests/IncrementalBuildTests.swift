import Foundation
import SiteAudit
import SiteCore
import SiteOutput
import SiteTestSupport
import Testing

@testable import SiteBuild

/// A small generator of repeatable pseudo-random numbers (SplitMix64), so a failing sequence of
/// edits can be replayed from its seed; the fuzzing helpers' own.
typealias SeededGenerator = Fuzz.Generator

/// The rule that makes incremental builds safe: after any sequence of edits, an incremental
/// build's output is byte for byte the output of a clean build of the same sources.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// One edit an editor could make, applied to the site's files; returns a description.
    enum Edit: CaseIterable {
        case body, bodyStart, title, summary, add, rename, delete, template, stylesheet, siteNotice, revert
    }

    final class Editor {
        let site: TempSite
        var random: SeededGenerator
        var counter = 0
        /// Files as they were before the last edit, to undo an edit that breaks the build.
        var undo: [(path: String, text: String?)] = []

        init(site: TempSite, seed: UInt64) {
            self.site = site
            self.random = SeededGenerator(state: seed)
        }

        var documents: [String] {
            site.files(under: "Content").filter { $0.hasSuffix(".md") }.map { "Content/" + $0 }
        }

        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }

        func write(_ path: String, _ text: String?) throws {
            undo.append((path, site.read(path)))
            if let text { try site.write(path, text) } else if site.exists(path) { try site.remove(path) }
        }

        func revert() throws {
            for (path, text) in undo.reversed() {
                if let text { try site.write(path, text) } else if site.exists(path) { try site.remove(path) }
            }
            undo = []
        }

        func apply(_ edit: Edit) throws -> String {
            undo = []
            counter += 1
            switch edit {
            case .body:
                let path = pick(documents)
                try write(path, site.read(path)! + "\n第\(counter)次修改：补充说明。\n")
                return "body of \(path)"
            case .bodyStart:
                // A paragraph before the rest: every later word of the body moves.
                let path = pick(documents)
                let text = site.read(path)!
                guard let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex) else { return "nothing" }
                try write(path, text.replacingCharacters(in: end, with: "\n---\n\n第\(counter)次修改：开头补充的说明，数字政府。\n"))
                return "start of the body of \(path)"
            case .title:
                let path = pick(documents)
                let text = site.read(path)!
                guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("title: ") }) else { return "nothing" }
                try write(path, text.replacingOccurrences(of: String(line), with: "\(line)（修订\(counter)）"))
                return "title of \(path)"
            case .summary:
                let path = pick(documents)
                let text = site.read(path)!
                guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("title: ") }) else { return "nothing" }
                let summary = text.contains("\nsummary: ") ? "" : "\nsummary: 第\(counter)次补充的内容概述。"
                try write(path, text.replacingOccurrences(of: String(line), with: "\(line)\(summary)"))
                return "summary of \(path)"
            case .add:
                let path = "Content/pages/new-\(counter).md"
                try write(path, """
                    ---
                    title: 新增页面\(counter)
                    kind: page
                    issuer: xzfb
                    disclosure: 主动公开
                    published: 2021-0\(1 + counter % 9)-1\(counter % 10)
                    catalog: [\(pick(sections))]
                    ---

                    新增页面\(counter)的正文。

                    """)
                return "add \(path)"
            case .rename:
                let path = pick(documents)
                let target = path.replacingOccurrences(of: ".md", with: "-\(counter).md")
                try write(target, site.read(path))
                try write(path, nil)
                return "rename \(path)"
            case .delete:
                let path = pick(documents)
                try write(path, nil)
                return "delete \(path)"
            case .template:
                let path = "Templates/partials/footer.mustache"
                try write(path, site.read(path)! + "<!-- \(counter) -->\n")
                return "change \(path)"
            case .stylesheet:
                let path = "Templates/assets/site.css"
                try write(path, site.read(path)! + "/* \(counter) */\n")
                return "change \(path)"
            case .siteNotice:
                let path = "Content/site.yaml"
                let text = site.read(path)!
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("notice:") }
                try write(path, lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\nnotice: 第\(counter)次更新的站点提示。\n")
                return "notice in \(path)"
            case .revert:
                return "no change"
            }
        }

        var sections: [String] {
            let catalog = site.read("Content/catalog.yaml") ?? ""
            let ids = catalog.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("- id: ") || trimmed.hasPrefix("id: ") else { return nil }
                return trimmed.components(separatedBy: "id: ").last
            }
            return ids.isEmpty ? ["zcwj"] : ids
        }
    }

    static let anHourAgo = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded(.down))

    /// Builds incrementally into Public/ and cleanly into Clean/, and compares them.
    /// Whether the incremental build published, and whether it patched the last site (`BodyPatch`).
    func compareBuilds(_ site: TempSite, after edit: String, step: Int, seed: UInt64, precompress: Bool = false) throws -> (published: Bool, patched: Bool) {
        let asOf = CalendarDate(iso: "2026-11-22")
        let previous = Tree.contents(under: site.url("Public"))
        var options = BuildOptions(asOf: asOf, incremental: true, currentFolder: site.root)
        var cleanOptions = BuildOptions(output: "Clean", asOf: asOf, incremental: false, currentFolder: site.root)
        options.precompress = precompress
        cleanOptions.precompress = precompress
        let incremental = try Pipeline().run(options)
        let clean = try Pipeline().run(cleanOptions)
        // Every file an hour old, once built: the next build takes unedited documents without
        // reading them (a file saved within two seconds of a build is always read).
        for folder in ["Content", "Templates"] {
            for path in site.files(under: folder) {
                try FileManager.default.setAttributes([.modificationDate: Self.anHourAgo], ofItemAtPath: site.url("\(folder)/" + path).path)
            }
        }
        let context = "seed \(seed), step \(step): \(edit)"
        #expect(incremental.published == clean.published, "\(context)")
        if !clean.published {
            // A failed build changes nothing; the edit is undone and the sequence goes on.
            #expect(Tree.contents(under: site.url("Public")) == previous, "\(context): a failed build changed Public/")
            return (false, false)
        }
        let built = Tree.contents(under: site.url("Public"))
        let expected = Tree.contents(under: site.url("Clean"))
        #expect(built.keys.sorted() == expected.keys.sorted(), "\(context): different files")
        for (path, data) in expected where built[path] != data {
            Issue.record("\(context): \(path) differs from a clean build")
        }
        return (true, incremental.patched)
    }

    func run(
        files: [String: String], copying content: URL?, seed: UInt64, steps: Int, edits: [Edit], precompress: Bool = false
    ) throws -> (built: Int, reused: Int, patched: Int) {
        let site = try TempSite(files: files)
        if let content { try FileManager.default.copyItem(at: content, to: site.url("Content")) }
        _ = try compareBuilds(site, after: "first build", step: 0, seed: seed, precompress: precompress)
        let editor = Editor(site: site, seed: seed)
        var published = 0
        var patched = 0
        for step in 1...steps {
            let edit = edits[Int(editor.random.next() % UInt64(edits.count))]
            let description = try editor.apply(edit)
            let result = try compareBuilds(site, after: description, step: step, seed: seed, precompress: precompress)
            if result.published {
                published += 1
                if result.patched { patched += 1 }
            } else {
                try editor.revert()
            }
        }
        // After the last build, nothing changed: everything is reused.
        var options = BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root)
        options.precompress = precompress
        let again = try Pipeline().run(options)
        if precompress {
            // Every text file has its compressed copies, and the manifest lists them all.
            let files = site.files(under: "Public")
            for file in files where Precompression.isText(file) && file != Manifest.path {
                #expect(files.contains(file + ".gz") && files.contains(file + ".br"), "seed \(seed): \(file)")
            }
            #expect(site.read("Public/manifest.json")?.contains("index.html.gz\"") == true)
        }
        return (published, again.reusedFileCount == again.fileCount ? again.fileCount : -again.reusedFileCount, patched)
    }

    @Test("random edits of the sample site: incremental equals clean after every build", arguments: [1, 2, 3, 4] as [UInt64])
    func sampleSite(seed: UInt64) throws {
        let result = try run(files: SampleSite.files, copying: nil, seed: seed, steps: 12, edits: Edit.allCases)
        #expect(result.built > 0)
        #expect(result.reused > 0, "a build with no change reuses every file")
    }

    @Test("random edits of bodies, mixed with others: most builds patch the last site, and equal a clean build", arguments: [7, 8] as [UInt64])
    func bodyEdits(seed: UInt64) throws {
        let result = try run(files: SampleSite.files, copying: nil, seed: seed, steps: 10, edits: [.body, .bodyStart, .body, .bodyStart, .title, .template])
        #expect(result.built > 0)
        #expect(result.patched > 0, "no build patched the last site")
    }

    @Test("random edits of the sample site with --precompress: .gz, .br and the manifest too", arguments: [5, 6] as [UInt64])
    func precompressed(seed: UInt64) throws {
        let result = try run(files: SampleSite.files, copying: nil, seed: seed, steps: 10, edits: Edit.allCases, precompress: true)
        #expect(result.built > 0)
        #expect(result.reused > 0, "a build with no change reuses every file")
    }

    @Test("random edits of the example portal: incremental equals clean after every build")
    func examplePortal() throws {
        let result = try run(
            files: [:], copying: Repository.root.appendingPathComponent("Content"), seed: 20261122, steps: 8,
            edits: [.body, .title, .summary, .add, .rename, .delete, .template, .siteNotice])
        #expect(result.built > 0)
        #expect(result.reused > 0, "a build with no change reuses every file")
    }

    @Test("a page is reused only while its copy in Public/ is the one the cache describes")
    func tamperedOutput() throws {
        let site = try TempSite(files: SampleSite.files)
        let asOf = CalendarDate(iso: "2026-11-22")
        _ = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        let page = "Public/policies/gongkai/index.html"
        let original = try #require(site.read(page))
        try site.write(page, original.replacingOccurrences(of: "示例县", with: "篡改县"))
        let rebuilt = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(site.read(page) == original)
        #expect(rebuilt.reusedFileCount == rebuilt.fileCount - 1)
        // --clean reuses nothing and writes the same site.
        let clean = try Pipeline().run(BuildOptions(asOf: asOf, incremental: false, currentFolder: site.root))
        #expect(clean.reusedFileCount == 0)
        #expect(site.read(page) == original)
    }
}

@Suite("Builds with nothing changed")
struct UnchangedBuildTests {
    let asOf = CalendarDate(iso: "2026-11-22")

    @Test("nothing read has changed and the output is intact: the build is skipped and its report repeated")
    func skipped() throws {
        let files = sample(["Content/plans/2021-yaodian.md": SampleSite.plan + "\n<div>表格</div>\n"])
        let site = try TempSite(files: files)
        let first = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(first.diagnostics.warningCount == 1)
        let again = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(again.timings.map(\.phase) == ["unchanged"])
        #expect(again.published && again.reusedFileCount == first.fileCount && again.fileCount == first.fileCount)
        #expect(again.diagnostics.sorted == first.diagnostics.sorted)
        #expect(DiagnosticPrinter().render(again.diagnostics) == DiagnosticPrinter().render(first.diagnostics))
        // Another as-of date is another input.
        let later = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-23"), currentFolder: site.root))
        #expect(later.timings.map(\.phase) != ["unchanged"])
    }

    @Test("a build more than two seconds after one that read fresh files still finds nothing changed and reuses every copy")
    func afterTheRacyWindow() throws {
        // Files saved just before a build are read as well as stamped; the next build must digest
        // them the same way even when, by then, they are no longer recent.
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let attachment = "Content/policies/2021-ysqgk-dengjibiao.csv"
        try site.write(attachment, try #require(site.read(attachment)))
        let first = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(first.published)
        Thread.sleep(forTimeInterval: 2.5)
        let again = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(again.timings.map(\.phase) == ["unchanged"])
        // The repeated report has the review records' counts and the base path (`site serve` serves under it).
        #expect(!first.reviewCounts.isEmpty && first.basePath != nil)
        #expect(again.reviewCounts.map { "\($0.count) \($0.state)" } == first.reviewCounts.map { "\($0.count) \($0.state)" })
        #expect(again.basePath == first.basePath)
        // A stray file makes a real build; the attachment's copy, keyed as the first build keyed it, is reused.
        try site.write("Public/stray.html", "<p>stray</p>")
        let rebuilt = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(rebuilt.timings.map(\.phase) != ["unchanged"])
        #expect(rebuilt.reusedFileCount == rebuilt.fileCount)
        #expect(site.read("Public/policies/2021-ysqgk-dengjibiao.csv") == site.read(attachment))
    }

    @Test(
        "after an edit of a body alone, only that document's page has its view built and the graph rules do not run; after other edits, all do; the output and the findings are a clean build's"
    )
    func viewsOfChangedBodies() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let policy = "Content/policies/2018-dibao-banfa.md"
        // A 行政规范性文件 without an interpretation: the graph rules find something (interp.missing).
        let normative = "Content/policies/2021-ysqgk-guicheng.md"
        try site.write(normative, try #require(site.read(normative)).replacingOccurrences(of: "validity: 现行有效\n", with: "validity: 现行有效\nnormative: true\n"))
        // Every file an hour old, as files are that an editor did not just save (a file saved
        // within two seconds of a build is read as well as stamped).
        func age() throws {
            for path in site.files(under: "Content") {
                try FileManager.default.setAttributes([.modificationDate: IncrementalBuildTests.anHourAgo], ofItemAtPath: site.url("Content/" + path).path)
            }
        }
        func build(after edit: String) throws -> Int {
            // The full build's reuse, as it is when a patch declines (BodyPatchTests test patches).
            var options = BuildOptions(asOf: asOf, currentFolder: site.root)
            options.patching = false
            let built = try Pipeline().run(options)
            let clean = try Pipeline().run(BuildOptions(output: "Clean", asOf: asOf, incremental: false, currentFolder: site.root))
            #expect(built.published, "\(edit)")
            #expect(Tree.contents(under: site.url("Public")) == Tree.contents(under: site.url("Clean")), "\(edit): not a clean build's output")
            #expect(built.diagnostics.sorted == clean.diagnostics.sorted, "\(edit): not a clean build's findings")
            #expect(built.diagnostics.sorted.contains { $0.code == "interp.missing" })
            try age()
            linksChecked = built.linksCheckedCount
            rulesKept = built.ruleFindingsKept
            return built.viewCount
        }
        var linksChecked = 0
        var rulesKept = false
        try age()
        let all = try build(after: "the first build")
        #expect(all > 100)
        try site.write(policy, try #require(site.read(policy)) + "\n新增一句说明。\n")
        #expect(try build(after: "a sentence") == 1)
        #expect(linksChecked == 1, "the audit checks the links of the one page that changed")
        #expect(rulesKept)
        try site.write(policy, try #require(site.read(policy)) + "\n又一句说明，两处修改。\n")
        try site.write(normative, try #require(site.read(normative)) + "\n补充一句。\n")
        #expect(try build(after: "two bodies") == 2)
        // What other pages show: a link (被以下文件引用), a title, site.yaml.
        try site.write(policy, try #require(site.read(policy)) + "\n参见[申请规程](2021-ysqgk-guicheng.md)。\n")
        #expect(try build(after: "a link") == all)
        #expect(!rulesKept)
        let text = try #require(site.read(policy))
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try site.write(policy, text.replacingOccurrences(of: String(title), with: title + "（修订）"))
        #expect(try build(after: "a title") == all)
        #expect(!rulesKept)
        try site.write(policy, try #require(site.read(policy)) + "\n末尾再加一句。\n")
        #expect(try build(after: "a sentence again") == 1)
        #expect(rulesKept)
        try site.write("Content/site.yaml", try #require(site.read("Content/site.yaml")).replacingOccurrences(of: "notice: 本站为示例站点", with: "notice: 本站为演示站点"))
        #expect(try build(after: "site.yaml") == all)
        #expect(!rulesKept)
    }

    @Test("a file added to the output, or an edit of the same size right after a build, is not missed")
    func notMissed() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        try site.write("Public/stray.html", "<p>stray</p>")
        let cleaned = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(cleaned.timings.map(\.phase) != ["unchanged"])
        #expect(!site.exists("Public/stray.html"))
        // Same bytes count, different text, within the same second as the build.
        let policy = try #require(site.read("Content/policies/gongkai.md"))
        try site.write("Content/policies/gongkai.md", policy.replacingOccurrences(of: "请认真贯彻执行", with: "请认真组织实施"))
        _ = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(site.read("Public/policies/gongkai/index.html")?.contains("请认真组织实施") == true)
    }
}

@Suite("The build cache file")
struct BuildCacheFileTests {
    @Test("a temporary cache file left by a build killed while saving is removed by the next build")
    func strayTemporaryFile() throws {
        let site = try TempSite(files: SampleSite.files)
        let options = BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root)
        _ = try Pipeline().run(options)
        let cache = BuildCache.url(folder: options.cacheFolder, output: options.output)
        let stray = cache.appendingPathExtension("tmp-999999")
        try Data("half a cache".utf8).write(to: stray)
        try site.write("Content/policies/gongkai.md", SampleSite.policy + "\n新增一段。\n")
        _ = try Pipeline().run(options)
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        #expect(FileManager.default.fileExists(atPath: cache.path))
    }

    @Test("records survive the round trip, with tabs, newlines, backslashes and separators in values")
    func roundTrip() throws {
        var cache = BuildCache(context: "abc123")
        cache.files["policies/a b/index.html"] = .init(key: "page:0123\t\\x", stamp: FileStamp(size: 42, modified: 1_700_000_000_123_456_789),
            sha256: String(repeating: "ab", count: 32))
        cache.files["search/docs/0.json"] = .init(
            key: "data:ff", stamp: FileStamp(size: 0, modified: -1), sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        cache.files["policies/b/index.html"] = .init(key: "page:1", stamp: FileStamp(size: 90_000, modified: 5), sha256: "00", body: 70_123..<89_000)
        cache.files["policies/c/index.html"] = .init(key: "page:2", stamp: FileStamp(size: 9, modified: 5), sha256: "00", body: 0..<0)
        cache.summaries["a/index.html"] = .init(
            ids: ["main", "x\u{1F}y", "t\tab"], links: [.init(url: "/b/#c\nd", line: 3, column: 14), .init(url: "\\", line: 1, column: 1)],
            external: ["https://www.gov.cn/"])
        cache.summaries["empty.html"] = .init(ids: [], links: [], external: [])
        cache.summaries["z/index.html"] = .init(ids: [], links: [.init(url: "\\", line: 9, column: 2)], external: [])
        cache.inputs = "in"
        cache.racy = 1_700_000_000_987_654_321
        cache.surroundings = "around"
        cache.views = ["policies/a": .init(graph: "g1", body: "b1"), "pages/b": .init(graph: "g2", body: "b2")]
        cache.pagesWithBrokenLinks = ["a/index.html", "z/index.html"]
        cache.settings = "settings"
        cache.trees = [[("site.yaml", FileStamp(size: 10, modified: 1_700_000_000_000_000_001)), ("a b/x.md", FileStamp(size: 0, modified: -3))], []]
        cache.search = .init(shards: 64, estimated: 65_537, shardBytes: 300_000_000, documentBytes: 7, urls: ["/a/", "/b c/"])
        cache.feeds = ["policies/a": ["feed.xml", "feed.json"], "pages/b": ["xxgk/x/feed.xml"]]
        cache.spare = ["manifest.json", "policies/a b/index.html"]
        cache.reviewers = ["王审核", "李复核"]
        let decoded = try #require(BuildCache.decode(cache.encoded()))
        #expect(decoded.spare == cache.spare && decoded.reviewers == cache.reviewers)
        // Loaded without decoding the summaries: each read when asked; written back as they were,
        // but for a page given a new summary, whose new URL goes after the others.
        var lazy = try #require(BuildCache.decode(cache.encoded(), lazyRecords: true))
        #expect(lazy.summaries.isEmpty && lazy.summaryRecords?.count == cache.summaries.count)
        for (path, summary) in cache.summaries { #expect(lazy.summary(path) == summary, "\(path)") }
        #expect(lazy.summary("nowhere.html") == nil)
        #expect(BuildCache.decode(lazy.encoded())?.summaries == cache.summaries)
        let changed = OutputAudit.PageSummary(ids: ["new"], links: [.init(url: "/new/", line: 2, column: 3), .init(url: "\\", line: 4, column: 5)], external: [])
        lazy.summaries = ["z/index.html": changed]
        var expected = cache.summaries
        expected["z/index.html"] = changed
        #expect(BuildCache.decode(lazy.encoded())?.summaries == expected)
        // A page the records do not have: all are decoded and written anew.
        lazy.summaries = ["added.html": changed]
        expected = cache.summaries
        expected["added.html"] = changed
        #expect(BuildCache.decode(lazy.encoded())?.summaries == expected)
        // Loaded without decoding the file records: each found by binary search, and written
        // back as they were, but for those dropped or recorded anew.
        var lazyFiles = try #require(BuildCache.decode(cache.encoded(), lazyRecords: true))
        #expect(lazyFiles.files.isEmpty && lazyFiles.fileCount == cache.files.count)
        for (path, file) in cache.files { #expect(lazyFiles.file(path) == file && lazyFiles.stamp(path) == file.stamp, "\(path)") }
        #expect(lazyFiles.file("nowhere.html") == nil && lazyFiles.file("") == nil && lazyFiles.file("policies/b/index.htmlx") == nil)
        #expect(lazyFiles.encoded() == cache.encoded())
        #expect(lazyFiles.filePaths == cache.files.keys.sorted(by: ByteSearch.precedes))
        let renewed = BuildCache.File(key: "patch:9", stamp: FileStamp(size: 91_000, modified: 6), sha256: "01", body: 70_123..<90_000)
        lazyFiles.droppedRecords = ["search/docs/0.json", "policies/b/index.html"]
        lazyFiles.files["policies/b/index.html"] = renewed
        lazyFiles.files["a/new.html"] = renewed
        lazyFiles.files["zz/new.html"] = renewed
        var eager = cache
        eager.files["search/docs/0.json"] = nil
        eager.files["policies/b/index.html"] = renewed
        eager.files["a/new.html"] = renewed
        eager.files["zz/new.html"] = renewed
        #expect(lazyFiles.file("search/docs/0.json") == nil && lazyFiles.file("policies/b/index.html") == renewed)
        #expect(lazyFiles.stamp("search/docs/0.json") == nil && lazyFiles.stamp("policies/b/index.html") == renewed.stamp)
        #expect(lazyFiles.fileCount == eager.files.count && lazyFiles.filePaths == eager.files.keys.sorted(by: ByteSearch.precedes))
        #expect(Dictionary(uniqueKeysWithValues: lazyFiles.allFiles().map { ($0.path, $0.file) }) == eager.files)
        // The same bytes as the records decoded and encoded again, the outputs' digest included.
        #expect(lazyFiles.encoded() == eager.encoded())
        #expect(BuildCache.decode(lazyFiles.encoded())?.files == eager.files)
        // Records out of order (or twice) are refused, as a damaged file is: they could not be found.
        for paths in [["b", "a"], ["a", "a"], ["a", "b"]] {
            var out = BinaryWriter()
            out.count(paths.count)
            for path in paths {
                out.string(path)
                BuildCache.encode(file: renewed, into: &out)
            }
            let records = out.bytes.withUnsafeBytes { bytes in
                var reader = BinaryReader(bytes)
                return FileRecords(&reader)
            }
            #expect((records != nil) == (paths == ["a", "b"]), "\(paths)")
            #expect(records?.file("b") == (records == nil ? nil : renewed))
        }
        // The report, with its external links beside it.
        var report = BuildReport(diagnostics: Diagnostics([]), published: true, documentCount: 3, publicDocumentCount: 2, fileCount: 9, timings: [])
        report.externalLinks = ["https://www.gov.cn/": 4, "http://b.example/": 1]
        report.basePath = "/portal/"
        cache.report = UnchangedBuild.Report(report)
        let withReport = try #require(BuildCache.decode(cache.encoded()))
        #expect(withReport.report?.externalLinks == report.externalLinks && withReport.report?.fileCount == 9 && withReport.report?.basePath == "/portal/")
        // More URLs than a record has bytes: their numbers are read as numbers, not as counts.
        var many = BuildCache(context: "c")
        many.summaries["many/index.html"] = .init(ids: [], links: (0..<300).map { .init(url: "/p/\($0)/", line: 1, column: $0 + 1) }, external: [])
        many.summaries["last/index.html"] = .init(ids: [], links: [.init(url: "/p/299/", line: 7, column: 1)], external: [])
        let lazyMany = try #require(BuildCache.decode(many.encoded(), lazyRecords: true))
        for (path, summary) in many.summaries { #expect(lazyMany.summary(path) == summary, "\(path)") }
        #expect(decoded.files.mapValues(\.body) == cache.files.mapValues(\.body))
        #expect(decoded.settings == "settings" && decoded.search == cache.search && decoded.feeds == cache.feeds)
        #expect(decoded.trees.map { $0.map(\.path) } == cache.trees.map { $0.map(\.path) })
        #expect(decoded.trees.map { $0.map(\.stamp) } == cache.trees.map { $0.map(\.stamp) })
        #expect(decoded.surroundings == "around" && decoded.views == cache.views)
        #expect(decoded.pagesWithBrokenLinks == cache.pagesWithBrokenLinks)
        #expect(decoded.context == "abc123")
        #expect(decoded.format == BuildCache.formatVersion)
        #expect(decoded.files.mapValues(\.key) == cache.files.mapValues(\.key))
        #expect(decoded.files.mapValues(\.stamp) == cache.files.mapValues(\.stamp))
        #expect(decoded.files.mapValues(\.sha256) == cache.files.mapValues(\.sha256))
        #expect(decoded.summaries == cache.summaries)
        #expect(decoded.inputs == "in" && decoded.racy == cache.racy)
        #expect(BuildCache.decode(Array("not a cache\n".utf8)) == nil)
        // Another context is refused from the first line; the same one is read whole.
        #expect(BuildCache.decode(cache.encoded(), context: "def456") == nil)
        #expect(BuildCache.decode(cache.encoded(), context: "abc123")?.summaries == cache.summaries)
        // Anything after the records, and every file cut short, is refused.
        let bytes = cache.encoded()
        #expect(BuildCache.decode(bytes + Array("F\tbroken\n".utf8)) == nil)
        let binary = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("\nB\n".utf8)) }) + 3
        for length in Array(stride(from: 0, to: bytes.count, by: 7)) + [binary - 1, binary, bytes.count - 1] {
            #expect(BuildCache.decode(Array(bytes[..<length])) == nil, "cut at \(length) of \(bytes.count)")
        }
        // Each URL once, however many pages link to it.
        #expect(occurrences(of: "/b/#c\nd", in: bytes) == 1 && occurrences(of: "\\", in: bytes) == 2)
        // A link naming no URL is refused.
        var forged = BinaryWriter()
        forged.count(0)  // files
        forged.count(1)  // URLs
        forged.string("/a/")
        forged.count(1)  // summaries
        forged.string("q.html")
        forged.count(0)
        forged.count(1)  // links: URL 1 (there is none), line 3, column 14
        forged.count(1)
        forged.signed(3)
        forged.signed(14)
        forged.count(0)  // external
        forged.count(0)  // views
        forged.count(0)  // pages with broken links
        forged.string("")  // settings
        forged.count(0)  // trees
        forged.count(0)  // no search summary
        forged.count(0)  // feeds
        forged.count(0)  // no spare
        forged.count(0)  // reviewers
        let header = Array("site-build-cache\t\(BuildCache.formatVersion)\tabc\nB\n".utf8)
        #expect(BuildCache.decode(header + forged.bytes) == nil)
        forged.bytes[forged.bytes.count - 12] = 0  // the link now names URL 0
        #expect(BuildCache.decode(header + forged.bytes)?.summaries["q.html"]?.links == [.init(url: "/a/", line: 3, column: 14)])
    }

    private func occurrences(of needle: String, in bytes: [UInt8]) -> Int {
        let needle = Array(needle.utf8)
        return bytes.indices.count { bytes[$0...].starts(with: needle) }
    }
}
