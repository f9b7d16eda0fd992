import Foundation
import SiteAudit
import SiteCompliance
import SiteContent
import SiteCore
import SiteExport
import SiteMarkdown
import SiteOutput
import SiteRender
import SiteSearch

/// The build after an edit to documents' bodies alone, the commonest edit: the last build's site
/// with those documents' pages and search files patched, without loading the other documents,
/// linking the graph or rendering a page.
///
/// It applies when the only inputs that changed since the last build are Markdown files of
/// public documents that the last build published, and each of them, decoded alone, reads the
/// same to every other page (`Pipeline.ViewDigests.graph`: its fields, its links and headings) and
/// has no findings, before or after. Then every page but theirs is the last build's, and so is
/// every finding. Each page is the last one with the new body put where the old one was
/// (`PageRenderer.renderLocatingBody` noted where), and the search index is patched for the new
/// text (`SearchIndex.patch`). Anything else — another file changed, a finding, an annual report,
/// a search index that the patch would reshape — and `attempt` gives nil: the full build runs.
///
/// The result is written like a full build's: a complete staging folder swapped in whole, so a
/// killed build leaves the old site or the new one. The randomised incremental-equals-clean test
/// holds it to the same bytes as a clean build.
enum BodyPatch {
    /// At most this many changed documents are patched; more, and the full build is as quick.
    static let maximumDocuments = 64

    enum Outcome {
        case patched(BuildReport)
        /// Why not: shown by `--verbose`.
        case declined(String)
    }

    static func attempt(
        _ options: BuildOptions, trees: [[(path: String, stamp: FileStamp)]], racy: Int64, inputs: String
    ) throws(SiteError) -> Outcome {
        guard options.writeOutput, options.incremental else { return .declined("a clean build") }
        guard options.patching else { return .declined("patching is off") }
        var clock = PhaseClock()
        guard let previous = BuildCache.load(folder: options.cacheFolder, output: options.output, context: nil, readingReport: true, lazyRecords: true),
            let lastReport = previous.report, let lastSearch = previous.search, previous.trees.count == 2, trees.count == 2,
            previous.settings == UnchangedBuild.settings(options)
        else { return .declined("no last build of this output with this tool and these options") }
        // The loader lists Content/ without what these name, which the stamps list.
        guard !lastReport.diagnostics.contains(where: {
            switch $0.problem {
            case .symlinkRefused, .nameNormalization: true
            default: false
            }
        }) else { return .declined("Content/ has a refused symbolic link or a name spelled two ways") }
        let changed: [String]
        switch changedDocuments(previous: previous.trees, now: trees, racy: previous.racy) {
        case .success(let paths): changed = paths
        case .failure(let reason): return .declined(reason.message)
        }
        let loader = ContentLoader(folder: options.source, displayPrefix: options.sourceDisplay)
        guard var configuration = loader.siteConfiguration() else { return .declined("site.yaml cannot be used") }
        if let baseURL = options.baseURL { configuration.baseURL = baseURL }
        let basePath = configuration.basePath

        // The last build's findings in the changed files may only be the graph rules' (kept in
        // `RuleFindingsCache`), which read what the patch leaves as it was; any other finding
        // there, or in the documents' pages, could go away with the edit.
        let changedDisplays = Set(changed.map(loader.displayPath))
        let pageDisplays = Set(changed.map { "\(options.outputDisplay)/\(pagePath(of: $0))" })
        guard !mentions(lastReport.diagnostics, pageDisplays) else { return .declined("the last build had findings in a changed document's page") }
        let inChanged = lastReport.diagnostics.filter { mentions($0, changedDisplays) }
        if !inChanged.isEmpty {
            let findingsCache = RuleFindingsCache(folder: options.cacheFolder, source: options.source, tool: BuildCache.tool)
            guard let documents = RuleFindingsCache.documentsDigest(documents: previous.views.count, digests: previous.views),
                let ruleFindings = findingsCache.findings(key: {
                    RuleFindingsCache.key(documents: documents, surroundings: UnchangedBuild.surroundings(options, racy: $0, trees: trees))
                })
            else { return .declined("the last build had findings in a changed document, and the graph rules' findings were not kept") }
            let graphFindings = Set(ruleFindings.map(findingKey))
            if let other = inChanged.first(where: { !graphFindings.contains(findingKey($0)) }) {
                return .declined("the last build had a finding in \(other.location?.path ?? "a changed document") that the edit may change [\(other.code)]")
            }
        }
        clock.lap("patch")

        // The changed documents, each decoded, checked and rendered alone.
        let contentFiles = ContentFiles(trees[0].map(\.path))
        let targets = Targets(files: contentFiles, previous: previous, basePath: basePath)
        let attachmentText = { @Sendable (contentPath: String) -> (path: String, text: String)? in
            guard case .success(let text) = loader.readText(contentPath) else { return nil }
            return (loader.displayPath(contentPath), text)
        }
        let sourceContext = SourceContext(asOf: options.asOf, allowedNumbers: configuration.allowedNumbers, attachmentText: attachmentText)
        let output = options.output
        /// A file of the last build's output, if it is still the one the last build wrote.
        func lastFile(_ path: String) -> Data? {
            guard let file = previous.file(path), FileStamp(path: output.appendingPathComponent(path).path) == file.stamp else { return nil }
            return FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
        }
        var patched: [String: (data: Data, body: Range<Int>?)] = [:]  // pages and result files
        var dataFiles: [String: Data] = [:]  // shards, lists, meta.json
        var removed: Set<String> = []
        var views = previous.views
        var search = lastSearch
        for contentPath in changed {
            let id = DocumentID(String(contentPath.dropLast(3)))
            let pagePath = pagePath(of: contentPath)
            let display = loader.displayPath(contentPath)
            guard let lastPage = previous.file(pagePath), let span = lastPage.body, let lastViews = previous.views[id.rawValue] else {
                return .declined("\(display) was not published with a body the patch can replace")
            }
            let decoded = loader.decodeDocument(contentPath, organizationCode: configuration.organizationCode, fileExists: contentFiles.contains)
            guard var document = decoded.document, decoded.diagnostics.isEmpty else { return .declined("\(display) has findings") }
            document.schedule(asOf: options.asOf, preview: options.preview)
            guard document.isPublic, document.annualReport == nil else { return .declined("\(display) is an annual report or not public") }
            guard ComplianceChecker().checkSource(document, context: sourceContext).isEmpty else { return .declined("\(display) has findings") }
            let rendered = Pipeline.renderBody(of: document, allowRawHTML: configuration.allowRawHTML, targets: targets, cache: nil, spill: nil)
            guard rendered.body.diagnostics.isEmpty, !rendered.body.html.isEmpty else { return .declined("\(display) has findings or no body") }
            guard let coded = DocumentCache.digest(of: document),
                Pipeline.graphDigest(document: coded, links: rendered.body.links, headings: rendered.body.headings) == lastViews.graph
            else { return .declined("\(display) changed more than its body's text (its fields, links or headings)") }
            views[id.rawValue] = Pipeline.ViewDigests(graph: lastViews.graph, body: rendered.htmlDigest)
            if rendered.htmlDigest == lastViews.body { continue }  // saved, not changed

            // The page: the old body, which must be the one the last build's digest is of, replaced.
            guard let page = lastFile(pagePath), span.upperBound <= page.count,
                Pipeline.bodyDigest(html: String(decoding: page[span], as: UTF8.self), parts: nil) == lastViews.body
            else { return .declined("the page of \(display) is not as the last build wrote it") }
            var html = Data(capacity: page.count - span.count + rendered.body.html.utf8.count)
            html.append(page[..<span.lowerBound])
            html.append(contentsOf: rendered.body.html.utf8)
            html.append(page[span.upperBound...])
            patched[pagePath] = (html, span.lowerBound..<span.lowerBound + rendered.body.html.utf8.count)

            // The feeds that carry the body: the old one, written as the feed writes it, must be
            // there once, and the new one takes its place.
            for feed in previous.feeds[id.rawValue] ?? [] {
                guard let bytes = (dataFiles[feed] ?? lastFile(feed)).map({ [UInt8]($0) }),
                    let oldContent = SiteExporter.feedContent(String(decoding: page[span], as: UTF8.self), inFile: feed),
                    let newContent = SiteExporter.feedContent(rendered.body.html, inFile: feed)
                else { return .declined("the feed \(feed) is not as the last build wrote it") }
                let places = ByteSearch.offsets(of: oldContent, in: bytes, limit: 2)
                guard places.count == 1, let at = places.first else { return .declined("the body of \(display) is not once in \(feed)") }
                dataFiles[feed] = Data(bytes[..<at] + newContent + bytes[(at + oldContent.count)...])
            }

            // The search index, for the new text.
            let url = id.page.href(basePath: basePath)
            func read(_ path: String) -> Data? {
                if removed.contains(path) { return nil }
                return patched[path]?.data ?? dataFiles[path] ?? lastFile(path)
            }
            guard let number = search.urls.firstIndex(of: url), let old = SearchIndex.shownDocument(number: number, read: read),
                let result = SearchIndex.patch(
                    number: number, old: old, new: old.replacingText(SearchCorpus.text(of: document, body: IndexedText(rendered.body.text))),
                    summary: search, read: read)
            else { return .declined("the search index cannot be patched for \(display)") }
            search = result.summary
            for (path, data) in result.files {
                if path.hasPrefix("search/docs/") { patched[path] = (data, nil) } else { dataFiles[path] = data }
                removed.remove(path)
            }
            for path in result.removed {
                patched[path] = nil
                removed.insert(path)
            }
        }
        // The leak check (`review.leak`) of the files this build writes; the others' findings, if
        // any, are the last build's. A name found: the full build reports it.
        let needles = previous.reviewers.map { Array($0.utf8) }
        for data in patched.values.map(\.data) + Array(dataFiles.values) {
            let bytes = [UInt8](data)
            if needles.contains(where: { !ByteSearch.offsets(of: $0, in: bytes, limit: 1).isEmpty }) {
                return .declined("a reviewer's name is in a file the patch would write")
            }
        }
        clock.lap("markdown")

        // The new site: the patched files, and every other file of the last build linked over.
        // Where the new site differs from the last: what this build writes anew, or removes.
        let differing = Set(patched.keys).union(dataFiles.keys).union(removed).union([Manifest.path])
        // A finding of the last build in one of them (a leak, an audit finding) could go with it.
        guard !mentions(lastReport.diagnostics, Set(differing.map { "\(options.outputDisplay)/\($0)" })) else {
            return .declined("the last build had findings in a file the patch would write")
        }
        // The site before the last one, kept by the last patch build, is this one's staging folder
        // when it can be: its files are the last site's but where that build wrote anew, so only
        // those are replaced, instead of linking every file and removing the old site after.
        // (Not with --precompress, whose copies would need the same care.)
        let keepsSpare = !options.precompress
        let writer = try PublicWriter(
            output: output, protecting: [options.source, options.templates], spare: BuildCache.spareURL(folder: options.cacheFolder, output: output))
        // The files to link from the last site: with the spare, those it lacks (where the last
        // patch build wrote anew); without, every one this build keeps.
        var toLink: [String]?
        if keepsSpare, let lastDiffering = previous.spare.map(Set.init), try writer.beginRecycling() {
            // Every path not to be replaced is one the last build wrote and this one keeps.
            if let found = writer.recycle(expected: { previous.stamp($0) }, replacing: differing.union(lastDiffering)) {
                let lacking = lastDiffering.filter { previous.file($0) != nil && !differing.contains($0) }
                // The spare and the links make every file of the last site this build keeps.
                if found.count + lacking.count == previous.fileCount - differing.count(where: { previous.file($0) != nil }) {
                    toLink = lacking.sorted()
                }
            }
            if toLink == nil {
                writer.abandon()  // not what was recorded of it
                try writer.begin()
            }
        } else {
            try writer.begin()
        }
        let recycled = toLink != nil
        do throws(SiteError) {
            let reuse = OutputReuse(writer: writer, previous: previous, context: previous.context, racy: racy)
            if recycled {
                reuse.adoptPrevious(except: differing)  // the spare's files and those linked below, as the last build had them
            } else {
                let compressed = Set(Precompression.Encoding.allCases.map { "." + $0.fileExtension })
                toLink = previous.filePaths.filter { path in
                    guard !differing.contains(path) else { return false }
                    // Compressed copies are made again below, from the files as they are now.
                    if let dot = path.lastIndex(of: "."), compressed.contains(String(path[dot...])),
                        previous.file(String(path[..<dot])) != nil, Precompression.isText(String(path[..<dot]))
                    {
                        return false
                    }
                    return true
                }
            }
            for (path, file) in patched.sorted(by: { $0.key < $1.key }) {
                var hasher = StableHasher()
                file.data.withUnsafeBytes { hasher.combine(bytes: $0) }
                // Not a key a full build makes: its next full build renders the page again.
                try reuse.page(path, key: "patch:" + hasher.digest) { (file.data, file.body) }
            }
            for (path, data) in dataFiles.sorted(by: { $0.key < $1.key }) { try reuse.data(path, data) }
            let outcomes = (toLink ?? []).concurrentMap { path -> Result<Bool, SiteError> in
                do throws(SiteError) {
                    return .success(try reuse.keep(path))
                } catch {
                    return .failure(error)
                }
            }
            for outcome in outcomes {
                switch outcome {
                case .failure(let error): throw error
                case .success(true): continue
                case .success(false):
                    writer.abandon()
                    return .declined("a file of the last build's output is not as it wrote it")
                }
            }
            clock.lap(recycled ? "recycle" : "link")
            if options.precompress {
                try reuse.precompress(Precompression.Encoding.allCases)
                clock.lap("compress")
            }
            // The same files as the last build's manifest lists, but for a result file that came or
            // went: the last one with the changed files' lines rewritten.
            let rewritten = Array(differing.subtracting([Manifest.path]))
            let sameFiles = removed.isEmpty && rewritten.allSatisfy { previous.file($0) != nil }
            if options.precompress || !sameFiles {
                try reuse.manifest(basePath: basePath)
            } else if let last = lastFile(Manifest.path), try reuse.manifest(patching: last, changed: rewritten) {
            } else {
                try reuse.manifest(basePath: basePath)
            }

            // The audit of the patched pages: no findings, the same ids and external links, so
            // that every other page's findings are the last build's too.
            let footerMarks = [configuration.websiteCode, configuration.icp, configuration.policeRecord]
            let pages = patched.keys.filter { $0.hasSuffix(".html") }
            let audit = OutputAudit(basePath: basePath, language: configuration.language, footerMarks: footerMarks, displayPrefix: options.outputDisplay)
                .audit(pages: pages, folder: writer.staging, fileExists: writer.contains, summaries: previous.summary)
            guard audit.diagnostics.isEmpty,
                pages.allSatisfy({ path in
                    guard let now = audit.summaries[path], let last = previous.summary(path) else { return false }
                    return now.ids == last.ids && Set(now.external) == Set(last.external)
                })
            else {
                writer.abandon()
                return .declined("the audit of the patched pages differs from the last build's")
            }
            clock.lap("audit")

            try writer.commit(keepingOld: keepsSpare)
            // The findings are the last build's, with the source lines of those in the changed files read again.
            var last = lastReport
            last.diagnostics = Pipeline().excerpts(options).attach(
                to: last.diagnostics.map { diagnostic in
                    var copy = diagnostic
                    if let path = diagnostic.location?.path, changedDisplays.contains(path) { copy.excerpt = nil }
                    return copy
                })
            var report = last.buildReport
            report.reusedFileCount = writer.fileCount - reuse.writtenCount
            report.fileCount = writer.fileCount
            report.linksCheckedCount = audit.linksChecked
            report.ruleFindingsKept = true
            report.patched = true
            report.patchedDocumentCount = patched.keys.count { $0.hasSuffix(".html") }
            clock.lap("write")

            // The summaries of the other pages are written back as the last build's cache has them.
            var cache = reuse.cache(summaries: audit.summaries)
            cache.summaryRecords = previous.summaryRecords
            cache.pagesWithBrokenLinks = previous.pagesWithBrokenLinks
            cache.inputs = inputs
            cache.racy = racy
            cache.surroundings = UnchangedBuild.surroundings(options, racy: racy, trees: trees)
            cache.views = views
            cache.report = UnchangedBuild.Report(report)
            cache.settings = previous.settings
            cache.trees = trees
            cache.search = search
            cache.feeds = previous.feeds
            cache.reviewers = previous.reviewers
            cache.spare = keepsSpare ? differing.sorted() : nil
            cache.save(folder: options.cacheFolder, output: output)
            // Only once the cache describes it: a build killed before leaves no spare.
            writer.keepOldAsSpare()
            writer.waitForRemoval()
            clock.lap("cache")
            // What the build holds is left to the process's end, as a full build's is.
            if options.endsProcess { Pipeline.HeldToExit.keep([previous, reuse, views, search]) }
            report.timings = clock.laps
            return .patched(report)
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The Markdown files that changed since the last build, sorted; nil if anything else did
    /// (a file came or went, another file changed). A file saved after the last build's racy
    /// cutoff may have changed within its stamp, so it counts as changed too. Hidden files are
    /// not read by the loader and do not count.
    static func changedDocuments(
        previous: [[(path: String, stamp: FileStamp)]], now: [[(path: String, stamp: FileStamp)]], racy: Int64
    ) -> Result<[String], Declined> {
        var changed: [String] = []
        for (folder, (last, current)) in zip(previous, now).enumerated() {
            let last = last.filter { !isHidden($0.path) }
            let current = current.filter { !isHidden($0.path) }
            guard last.count == current.count, zip(last, current).allSatisfy({ $0.path == $1.path }) else {
                return .failure(Declined(message: "files were added, removed or renamed"))
            }
            for (before, after) in zip(last, current) {
                guard before.stamp != after.stamp || after.stamp.modified >= racy else { continue }
                guard folder == 0, after.path.hasSuffix(".md") else {
                    return .failure(Declined(message: "\(after.path) is not a document, and it changed (or was saved just before the last build)"))
                }
                changed.append(after.path)
            }
        }
        guard changed.count <= maximumDocuments else { return .failure(Declined(message: "more than \(maximumDocuments) documents changed")) }
        return .success(changed)
    }

    struct Declined: Error {
        let message: String
    }

    /// The files of Content/ (hidden ones aside, as the loader reads them), from the inputs' listing
    /// sorted by bytes: the few a changed document asks about are found by binary search, without
    /// a set of every path (100,000 at 100,000 documents).
    struct ContentFiles: Sendable {
        private let paths: [String]

        init(_ listed: [String]) {
            // `FileStamp.tree` lists in byte order; anything else is sorted here.
            paths = zip(listed, listed.dropFirst()).allSatisfy { ByteSearch.precedes($0, $1) } ? listed : listed.sorted(by: ByteSearch.precedes)
        }

        @Sendable func contains(_ path: String) -> Bool {
            guard !isHidden(path) else { return false }
            var (low, high) = (0, paths.count)
            while low < high {
                let middle = (low + high) / 2
                if paths[middle].utf8.elementsEqual(path.utf8) { return true }
                if ByteSearch.precedes(paths[middle], path) { low = middle + 1 } else { high = middle }
            }
            return false
        }
    }

    /// What a changed document's links ask of the site: a document exists when its Markdown file
    /// does, and is public when the last build published its page (the patch changes no one's
    /// fields, so no one's publication).
    struct Targets: LinkTargets {
        let files: ContentFiles
        let previous: BuildCache
        let basePath: String

        func document(_ id: DocumentID) -> (exists: Bool, isPublic: Bool) {
            guard files.contains(id.rawValue + ".md") else { return (false, false) }
            return (true, previous.file(PageRenderer.path(of: .document(id)).outputFile) != nil)
        }

        func fileExists(_ contentPath: String) -> Bool { files.contains(contentPath) }
    }

    /// The page of the document in a Markdown file.
    static func pagePath(of contentPath: String) -> String {
        PageRenderer.path(of: .document(DocumentID(String(contentPath.dropLast(3))))).outputFile
    }

    /// What tells a finding apart from the others of its file: its rule and place.
    static func findingKey(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code)\u{0}\(diagnostic.location.map { "\($0)" } ?? "-")"
    }

    /// Whether a path has a hidden file or folder in it (`.git`, `.x.md.swp`).
    static func isHidden(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
            previous = byte
        }
        return false
    }

    /// Whether any of the findings, or a note of one, is about one of these files.
    static func mentions(_ diagnostics: [Diagnostic], _ paths: Set<String>) -> Bool {
        diagnostics.contains { mentions($0, paths) }
    }

    static func mentions(_ diagnostic: Diagnostic, _ paths: Set<String>) -> Bool {
        if let path = diagnostic.location?.path, paths.contains(path) { return true }
        return diagnostic.related.contains { paths.contains($0.location.path) }
    }
}
