import Foundation
import SiteAudit
import SiteCompliance
import SiteContent
import SiteCore
import SiteExport
import SiteGraph
import SiteMarkdown
import SiteOutput
import SiteRender
import SiteSearch

/// Runs the stages in the order they depend on each other:
///
/// ```
/// Content/ ─load─▶ [Document] ─markdown─▶ [RenderedBody] ─link─▶ ContentGraph ─check─▶ [Diagnostic]
///                                             └─render─▶ pages, exports ─write─▶ Public/
/// ```
/// Every stage reports what it finds; nothing is written when an error was found, and the new site
/// replaces `Public/` only once it is complete.
public struct Pipeline: Sendable {
    public init() {}

    /// Everything up to rendering: the site loaded, its bodies rendered, linked and checked.
    public struct Analysis: Sendable {
        public let content: LoadedContent
        public let theme: Theme
        public let templates: TemplateLibrary
        /// Nil when site.yaml could not be used.
        public let graph: ContentGraph?
        /// The rendered body of every public document (in a spill file, read back when asked).
        public let bodies: BodyStore
        /// The body of every public annual report, section by section.
        public let reportParts: [DocumentID: [RenderedReportPart]]
        /// The body of every public document without markup, for the search index (in the spill
        /// file, read a batch at a time).
        public var texts: [DocumentID: IndexedText] = [:]
        /// Unsorted, without excerpts, with site.yaml's rule settings applied.
        public let diagnostics: [Diagnostic]
        /// site.yaml's rule settings, each with the number of findings it changed.
        public var ruleSettings: [(setting: RuleSetting, findings: Int)] = []
        public internal(set) var timings: [BuildReport.Lap]
        /// What this build decoded and rendered, saved for the next build once this one succeeds.
        var documentCache: DocumentCache?
        /// Per document (by id), digests of what the pages' views read of it (`ViewDigests`);
        /// empty when the build writes nothing.
        var viewDigests: [String: ViewDigests] = [:]
        /// The graph rules' findings, to keep for the next build once this one succeeds (`RuleFindingsCache`).
        var ruleFindings: RuleFindingsCache.Pending?
        /// Whether the graph rules' findings are the last build's (`RuleFindingsCache`).
        var ruleFindingsKept = false
    }

    /// The stamps of the inputs, listed once at the start of a build (`UnchangedBuild.stamps`),
    /// the build's racy cutoff, and the digest of the views' surroundings with each cutoff asked
    /// for (this build's, the last build's, the kept rule findings'), each taken once.
    final class InputStamps: @unchecked Sendable {
        let options: BuildOptions
        let trees: [[(path: String, stamp: FileStamp)]]
        let racy: Int64
        private let lock = NSLock()
        private var taken: [Int64: String] = [:]

        init(options: BuildOptions, trees: [[(path: String, stamp: FileStamp)]], racy: Int64) {
            self.options = options
            self.trees = trees
            self.racy = racy
        }

        /// `UnchangedBuild.surroundings` with this cutoff.
        func surroundings(racy: Int64) -> String {
            if let digest = lock.withLock({ taken[racy] }) { return digest }
            let digest = UnchangedBuild.surroundings(options, racy: racy, trees: trees)
            lock.withLock { taken[racy] = digest }
            return digest
        }
    }

    /// What the pages read of one document, as two digests: `graph` of everything other pages
    /// may show or depend on (the document's decoded fields, its links and headings), `body` of
    /// what only its own page shows (its HTML, an annual report's sections).
    struct ViewDigests: Sendable, Equatable {
        let graph: String
        let body: String
    }

    public func analyse(_ options: BuildOptions) throws(SiteError) -> Analysis {
        try analyse(options, stamps: nil)
    }

    func analyse(_ options: BuildOptions, stamps: InputStamps?) throws(SiteError) -> Analysis {
        var clock = PhaseClock()
        var diagnostics: [Diagnostic] = []

        // Load.
        options.progress?.begin("load")
        // Documents and bodies of files that did not change since the last build are reused
        // (`DocumentCache`); `--clean` starts afresh, and `site check` keeps nothing.
        let documentCache = options.writeOutput || options.incremental
            ? DocumentCache(
                folder: options.cacheFolder, source: options.source, tool: BuildCache.tool, asOf: options.asOf, preview: options.preview,
                readingPrevious: options.incremental, saving: options.writeOutput)
            : nil
        let loader = ContentLoader(folder: options.source, displayPrefix: options.sourceDisplay, memo: documentCache)
        var content = try loader.load()
        for index in content.documents.indices {
            content.documents[index].schedule(asOf: options.asOf, preview: options.preview)
            let document = content.documents[index]
            switch document.hold {
            case .draft?: diagnostics.append(Diagnostic(.heldDraft, at: document.headerLocation))
            case .scheduled(let date)?: diagnostics.append(Diagnostic(.heldScheduled(date: "\(date)"), at: document.published?.location ?? document.headerLocation))
            case nil: break
            }
        }
        let theme = options.loadsTheme ? try ThemeLoader(folder: options.templates, displayPrefix: options.templatesDisplay).load() : Theme(templates: [], assets: [])
        let (templates, templateProblems) = TemplateLibrary.load(theme)
        diagnostics += content.diagnostics + theme.diagnostics + (options.loadsTheme ? templateProblems : [])
        clock.lap("load")
        func stop() -> Analysis {
            Analysis(
                content: content, theme: theme, templates: templates, graph: nil, bodies: BodyStore(), reportParts: [:],
                diagnostics: diagnostics, timings: clock.laps)
        }

        guard var configuration = content.configuration else { return stop() }
        if let baseURL = options.baseURL {
            if let reason = BaseURL.problem(baseURL) {
                diagnostics.append(Diagnostic(.baseURL(value: baseURL, reason: reason), at: nil))
                return stop()
            }
            configuration.baseURL = baseURL
        }

        // Markdown: every document, so links in non-public ones are checked too. An annual report is
        // rendered section by section, so the page can put each table under its section. The checks
        // that read a document's text run here too; then the document lets go of its text (most of
        // its bytes), which nothing after this stage reads.
        let targets = SiteLinkTargets(content: content, basePath: configuration.basePath)
        let allowRawHTML = configuration.allowRawHTML
        let attachmentText = { @Sendable (contentPath: String) -> (path: String, text: String)? in
            guard case .success(let text) = loader.readText(contentPath) else { return nil }
            return (loader.displayPath(contentPath), text)
        }
        let checker = ComplianceChecker()
        let sourceContext = SourceContext(asOf: options.asOf, allowedNumbers: configuration.allowedNumbers, attachmentText: attachmentText)
        documentCache?.prepareBodies(context: [configuration.basePath, "\(allowRawHTML)"])
        // Each body's HTML and text go to a spill file as they are rendered (at 100,000 documents
        // they are 400 and 250 MB); the HTML is read back when its page and feed entry are made,
        // the text when the search index reads its batch. Where the bodies are few, they stay in
        // memory: reading each back two or three times cost a clean build of 10,000 documents
        // (30 MB of Markdown) about 2% of its CPU. The spill is kept when the last build's cache has
        // bodies for this one: it refers to them there, and an unchanged page never reads its body.
        let bodyBytes = content.documents.reduce(0) { $0 + $1.body.utf8.count }
        let spill = bodyBytes > options.spilledBodyBytes || documentCache?.keepsBodies == true ? TextSpill() : nil
        options.progress?.begin("markdown", total: content.documents.count)
        let digestingViews = options.writeOutput
        let rendered = content.documents.concurrentUpdate { document -> (RenderedBody, SpilledBody?, IndexedText, [RenderedReportPart]?, [Diagnostic], ViewDigests?) in
            defer { options.progress?.advance() }
            let contentPath = document.id.rawValue + ".md"
            // A document the cache gave without reading its file was checked in this text before,
            // without findings; its text is read only if its body must be rendered after all.
            var sourceFindings: [Diagnostic] = []
            var readSource: (@Sendable () -> Result<Document, Diagnostic>)?
            if let documentCache, documentCache.isUnread(contentPath), let digest = documentCache.digest(contentPath) {
                readSource = { [document] in loader.readSource(of: document, digest: digest) }
            } else {
                let attachments = AttachmentReads(sourceContext.attachmentText)
                sourceFindings = checker.checkSource(document, context: attachments.context(sourceContext))
                if sourceFindings.isEmpty, !attachments.read { documentCache?.rememberSourceClean(contentPath) }
            }
            let result = Self.renderBody(
                of: document, allowRawHTML: allowRawHTML, targets: targets, cache: documentCache, spill: spill, readSource: readSource)
            var digests: ViewDigests?
            if digestingViews, let coded = documentCache?.documentDigest(contentPath) ?? DocumentCache.digest(of: document) {
                digests = ViewDigests(graph: Self.graphDigest(document: coded, links: result.body.links, headings: result.body.headings), body: result.htmlDigest)
            }
            document = document.replacingSource(frontMatter: "", body: "")
            return (result.body, result.spilled, result.text, result.parts, sourceFindings, digests)
        }
        documentCache?.finish()  // nothing more is asked of it: written aside in the background, and let go
        var links: [DocumentID: [LinkReference]] = [:]
        var anchors: [DocumentID: [String]] = [:]
        var spilled: [DocumentID: TextSpill.Ref] = [:]
        var unspilled: [DocumentID: String] = [:]
        var texts: [DocumentID: IndexedText] = [:]
        var reportParts: [DocumentID: [RenderedReportPart]] = [:]
        var viewDigests: [String: ViewDigests] = [:]
        for (document, (body, spilledBody, text, parts, sourceFindings, digests)) in zip(content.documents, rendered) {
            viewDigests[document.id.rawValue] = digests
            links[document.id] = body.links
            anchors[document.id] = body.headings.map(\.id)
            diagnostics += body.diagnostics + sourceFindings
            if document.isPublic {
                if let spilledBody { spilled[document.id] = spilledBody.html } else { unspilled[document.id] = body.html }
                texts[document.id] = text
                reportParts[document.id] = parts
            }
        }
        // A document the compact coder refuses has no digest: then none is compared, nothing is kept.
        if viewDigests.count != content.documents.count { viewDigests = [:] }
        let bodies = spill.map { BodyStore(spill: $0, refs: spilled, inMemory: unspilled) } ?? BodyStore(unspilled)
        clock.lap("markdown")
        options.progress?.begin("check")

        // Link and check.
        let (graph, graphProblems) = GraphBuilder().build(
            configuration: configuration, content: content, links: links, anchors: anchors)
        diagnostics += graphProblems
        // The rules that read the whole graph found what they found last time if nothing they
        // read changed (`RuleFindingsCache`).
        let findingsCache = stamps.map { _ in RuleFindingsCache(folder: options.cacheFolder, source: options.source, tool: BuildCache.tool) }
        let documentsDigest = stamps == nil ? nil : RuleFindingsCache.documentsDigest(documents: content.documents.count, digests: viewDigests)
        func findingsKey(_ racy: Int64) -> String? {
            guard let stamps, let documentsDigest else { return nil }
            return RuleFindingsCache.key(documents: documentsDigest, surroundings: stamps.surroundings(racy: racy))
        }
        let keptFindings = options.incremental ? findingsCache?.findings(key: findingsKey) : nil
        var pendingFindings: RuleFindingsCache.Pending?
        let ruleFindings: [Diagnostic]
        if let keptFindings {
            ruleFindings = keptFindings
        } else {
            ruleFindings = checker.check(ComplianceContext(graph: graph, asOf: options.asOf, sourcesChecked: true, attachmentText: attachmentText))
            if let findingsCache, let stamps, let key = findingsKey(stamps.racy) {
                pendingFindings = RuleFindingsCache.Pending(cache: findingsCache, findings: ruleFindings, key: key, racy: stamps.racy)
            }
        }
        diagnostics += ruleFindings
        let (configured, applied) = Self.apply(configuration.rules, to: diagnostics)
        clock.lap("check")
        return Analysis(
            content: content, theme: theme, templates: templates, graph: graph, bodies: bodies, reportParts: reportParts,
            texts: texts, diagnostics: configured, ruleSettings: applied, timings: clock.laps, documentCache: documentCache,
            viewDigests: viewDigests, ruleFindings: pendingFindings, ruleFindingsKept: keptFindings != nil)
    }

    /// A document's body as HTML and text, from the cache when it holds this version's; an annual
    /// report section by section, so the page can put each table under its section. With a
    /// spill, the HTML and text are written there and `body.html` and `body.text` are empty, unless
    /// a write failed; `text` is the text for the search index either way.
    /// `readSource` reads the text of a document the cache gave without it; it is called only when
    /// the cache holds no body for it after all, and a failure is then the body's only finding.
    static func renderBody(
        of document: Document, allowRawHTML: Bool, targets: some LinkTargets, cache documentCache: DocumentCache?, spill: TextSpill?,
        readSource: (() -> Result<Document, Diagnostic>)? = nil
    ) -> (body: RenderedBody, spilled: SpilledBody?, text: IndexedText, parts: [RenderedReportPart]?, htmlDigest: String) {
        let contentPath = document.id.rawValue + ".md"
        func spilling(_ body: RenderedBody) -> (RenderedBody, SpilledBody?, IndexedText) {
            let text = IndexedText(body.text)
            guard let spill, let html = spill.put(body.html), let textRef = spill.put(body.text) else { return (body, nil, text) }
            return (
                RenderedBody(html: "", text: "", links: body.links, headings: body.headings, diagnostics: body.diagnostics),
                SpilledBody(spill: spill, html: html, text: textRef),
                IndexedText(digest: text.digest, scalars: text.scalars) { spill.get(textRef) ?? "" }
            )
        }
        if let kept = documentCache?.body(contentPath: contentPath, targets: targets) {
            let parts = kept.meta.parts?.map { RenderedReportPart(section: $0.section, html: $0.html) }
            // Its HTML and text stay where the last build's cache has them, read when asked for.
            if let spill, case .region(let html) = kept.html, case .region(let text) = kept.text {
                let htmlRef = spill.adopt(html.file, offset: html.offset, length: html.count)
                let textRef = spill.adopt(text.file, offset: text.offset, length: text.count)
                return (
                    RenderedBody(html: "", text: "", links: kept.meta.links, headings: kept.meta.headings, diagnostics: []),
                    SpilledBody(spill: spill, html: htmlRef, text: textRef),
                    IndexedText(digest: kept.meta.textDigest, scalars: kept.meta.textScalars) { spill.get(textRef) ?? "" },
                    parts, kept.meta.htmlDigest
                )
            }
            if let html = kept.html.bytes, let text = kept.text.bytes {
                let (body, spilled, indexed) = spilling(
                    RenderedBody(
                        html: String(decoding: html, as: UTF8.self), text: String(decoding: text, as: UTF8.self), links: kept.meta.links,
                        headings: kept.meta.headings, diagnostics: []))
                return (body, spilled, indexed, parts, kept.meta.htmlDigest)
            }
        }
        var document = document
        if let readSource {
            switch readSource() {
            case .success(let withText): document = withText
            case .failure(let diagnostic):
                return (RenderedBody(html: "", text: "", links: [], headings: [], diagnostics: [diagnostic]), nil, IndexedText(""), nil, bodyDigest(html: "", parts: nil))
            }
        }
        let recording = RecordingLinkTargets(targets)
        let markdown = MarkdownRenderer(allowRawHTML: allowRawHTML, targets: recording)
        let render = { (text: String, line: Int, level: Int) in
            markdown.render(text, path: document.path, firstLine: line, folder: document.id.folder, topHeadingLevel: level)
        }
        var rendered: RenderedBody
        var parts: [RenderedReportPart]?
        if let year = document.annualReport?.year?.value, let format = AnnualReportFormat.forYear(year) {
            let sections = ReportSections(body: document.body, bodyLine: document.bodyLine, format: format)
            let rendering = sections.parts.map { part in (part.section?.number, render(part.markdown, part.firstLine, part.section == nil ? 2 : 3)) }
            rendered = RenderedBody(
                html: rendering.map(\.1.html).joined(), text: rendering.map(\.1.text).joined(separator: "\n"), links: rendering.flatMap(\.1.links),
                headings: rendering.flatMap(\.1.headings), diagnostics: rendering.flatMap(\.1.diagnostics))
            parts = rendering.map { RenderedReportPart(section: $0.0, html: $0.1.html) }
        } else {
            rendered = render(document.body, document.bodyLine, 2)
        }
        let htmlDigest = bodyDigest(html: rendered.html, parts: parts)
        let (body, spilled, text) = spilling(rendered)
        if let documentCache, body.diagnostics.isEmpty {
            let meta = DocumentCache.BodyMeta(
                links: body.links, headings: body.headings, parts: parts?.map { .init(section: $0.section, html: $0.html) },
                textDigest: text.digest, textScalars: text.scalars, htmlDigest: htmlDigest)
            documentCache.remember(
                meta, html: spilled.map { .spilled($0.spill, $0.html) } ?? .value(body.html),
                text: spilled.map { .spilled($0.spill, $0.text) } ?? .value(body.text), contentPath: contentPath, asked: recording.asked)
        }
        return (body, spilled, text, parts, htmlDigest)
    }

    /// Of a body's HTML and an annual report's sections: what only its document's page shows.
    static func bodyDigest(html: String, parts: [RenderedReportPart]?) -> String {
        var hasher = StableHasher()
        hasher.combine(html)
        hasher.combine(UInt64(parts?.count ?? 0) << 1 | (parts == nil ? 0 : 1))
        for part in parts ?? [] {
            hasher.combine(part.section.map { "\($0)" } ?? "-")
            hasher.combine(part.html)
        }
        return hasher.digest
    }

    /// Of what other pages may read of a document: its decoded fields (`document`, the digest of
    /// its coded form), where its body links and how, and its headings. Not where a link is written.
    static func graphDigest(document: String, links: [LinkReference], headings: [Heading]) -> String {
        var hasher = StableHasher()
        hasher.combine(document)
        hasher.combine(UInt64(links.count))
        for link in links {
            hasher.combine(link.destination)
            hasher.combine(link.isImage ? 1 : 0)
            switch link.target {
            case .document(let id, let fragment):
                hasher.combine(0)
                hasher.combine(id.rawValue)
                hasher.combine(fragment.map { "#" + $0 } ?? "-")
            case .file(let path): hasher.combine(1); hasher.combine(path)
            case .external(let url): hasher.combine(2); hasher.combine(url)
            case .fragment(let fragment): hasher.combine(3); hasher.combine(fragment)
            case .missing(let path): hasher.combine(4); hasher.combine(path)
            case .outside(let path): hasher.combine(5); hasher.combine(path)
            case .localFile(let path): hasher.combine(6); hasher.combine(path)
            case .unsafe(let url): hasher.combine(7); hasher.combine(url)
            }
        }
        hasher.combine(UInt64(headings.count))
        for heading in headings {
            hasher.combine(UInt64(heading.level))
            hasher.combine(heading.text)
            hasher.combine(heading.id)
        }
        return hasher.digest
    }

    public func run(_ options: BuildOptions) throws(SiteError) -> BuildReport {
        // Nothing read has changed since the last build, whose output is intact: nothing to do.
        var inputs = ""
        let racy = UnchangedBuild.racyCutoff()
        var inputsLaps: [BuildReport.Lap] = []
        var trees: [[(path: String, stamp: FileStamp)]] = []
        if options.writeOutput {
            var clock = PhaseClock()
            // Both digests from one listing of the folders.
            trees = UnchangedBuild.stamps(of: options)
            if options.incremental, let cached = BuildCache.summary(folder: options.cacheFolder, output: options.output),
                UnchangedBuild.inputs(options, racy: cached.racy, trees: trees) == cached.inputs,
                UnchangedBuild.digest(UnchangedBuild.stamps(under: options.output)) == cached.outputs,
                let coded = cached.report(), let previous = UnchangedBuild.Report(coded: coded)
            {
                clock.lap("unchanged")
                var report = previous.buildReport
                report.timings = clock.laps
                return report
            }
            inputs = UnchangedBuild.inputs(options, racy: racy, trees: trees)
            clock.lap("inputs")  // listing and digesting the inputs, for this check and the next build's
            inputsLaps = clock.laps
        }
        // Only bodies of documents changed: the last build's site, patched (`BodyPatch`).
        var patchDeclined: String?
        if options.writeOutput {
            switch try BodyPatch.attempt(options, trees: trees, racy: racy, inputs: inputs) {
            case .patched(var report):
                report.timings = inputsLaps + report.timings
                return report
            case .declined(let reason): patchDeclined = reason
            }
        }
        let stamps = options.writeOutput ? InputStamps(options: options, trees: trees, racy: racy) : nil
        var analysis = try analyse(options, stamps: stamps)
        analysis.timings = inputsLaps + analysis.timings
        var clock = PhaseClock()
        let content = analysis.content
        var report = BuildReport(
            diagnostics: Diagnostics(), published: false, documentCount: content.documents.count,
            publicDocumentCount: content.documents.count { $0.isPublic }, fileCount: 0, timings: [])
        report.ruleFindingsKept = analysis.ruleFindingsKept
        report.patchDeclined = patchDeclined
        func finish() -> BuildReport {
            report.diagnostics = Diagnostics(excerpts(options).attach(to: analysis.diagnostics))
            report.ruleSettings = analysis.ruleSettings
            report.timings = analysis.timings + clock.laps
            return report
        }
        var diagnostics = analysis.diagnostics
        func failing(_ list: [Diagnostic]) -> Bool {
            list.contains { $0.severity == .error } || (options.strict && list.contains { $0.severity == .warning })
        }
        // A build renders nothing after errors in the content: it would not publish. `site check`
        // renders and audits anyway, so one run lists every finding of the content and the theme.
        report.basePath = analysis.graph?.configuration.basePath
        if let graph = analysis.graph, graph.configuration.reviewRecords != nil || graph.documents.contains(where: { $0.review != nil }) {
            report.reviewCounts = ComplianceChecker.reviewCounts(graph)
        }
        guard let graph = analysis.graph, !options.writeOutput || !failing(diagnostics) else { return finish() }

        // Render into a staging folder beside the output folder (`site check`: a temporary folder),
        // audit what was written, and swap it in only when the build succeeded.
        options.progress?.begin("prepare")
        var scratch: URL?
        var output = options.output
        if !options.writeOutput {
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("site-check-\(UUID().uuidString)")
            output = scratch!.appendingPathComponent("Public")
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        // A spare site a patch build kept (`BodyPatch`) is removed: this build does not keep it up to date.
        let writer = try PublicWriter(
            output: output, protecting: [options.source, options.templates],
            spare: options.writeOutput ? BuildCache.spareURL(folder: options.cacheFolder, output: output) : nil)
        try writer.begin()
        let configuration = graph.configuration
        let footerMarks = [configuration.websiteCode, configuration.icp, configuration.policeRecord]
        // Incremental: what the last build into this output wrote, if made with the same tool,
        // theme and audit settings (`site check` writes nothing and keeps nothing).
        let context = BuildCache.context(theme: analysis.theme, audit: [configuration.basePath, configuration.language] + footerMarks)
        // Read only now, after the document cache has gone: at 100,000 documents each holds hundreds
        // of megabytes.
        let previous = options.writeOutput && options.incremental
            ? BuildCache.load(folder: options.cacheFolder, output: output, context: context) : nil
        let reuse = OutputReuse(writer: writer, previous: previous, context: context, racy: racy)
        // The search index's batches of the last build into this output (`--clean`: none).
        let searchCache = options.writeOutput
            ? SearchCache(folder: options.cacheFolder, output: output, tool: BuildCache.tool, readingPrevious: options.incremental) : nil
        clock.lap("prepare")
        do throws(SiteError) {
            // The search index first: it takes the documents' texts over, which nothing else reads,
            // and lets go of them as it goes, before the pages are made. Each file is written as it
            // is made (on all cores), not held until the index is done.
            options.progress?.begin("search")
            let failure = FirstFailure()
            let searchDocuments = SearchCorpus.documents(graph: graph, texts: analysis.texts)
            analysis.texts = [:]
            let searchSummary = SearchIndex.build(
                consume searchDocuments, filters: SearchCorpus.filters(graph: graph), memo: searchCache,
                emit: { path, data in
                    do throws(SiteError) {
                        try reuse.data(path, data)
                    } catch {
                        failure.record(error)
                    }
                },
                emitKeyed: { path, key, make in
                    do throws(SiteError) {
                        try reuse.file(path, key: key) { make() }
                    } catch {
                        failure.record(error)
                    }
                })
            if let error = failure.error { throw error }
            clock.lap("search")
            let renderer = PageRenderer(
                templates: analysis.templates, graph: graph, bodies: analysis.bodies, reportParts: analysis.reportParts,
                asOf: options.asOf, preview: options.preview)
            let pages = renderer.pages
            // A page whose view and template are those of a page the last build wrote is not rendered
            // again. When the views read what the last build's did, but for some documents' bodies,
            // only those documents' pages need their views built to know.
            let knownKeys = Self.knownPageKeys(previous: previous, digests: analysis.viewDigests, stamps: stamps)
            let views = ViewCount()
            options.progress?.begin("render", total: pages.count)
            let failures = pages.concurrentMap { spec -> SiteError? in
                defer { options.progress?.advance() }
                do throws(SiteError) {
                    if let knownKeys, let key = knownKeys.key(of: spec) {
                        try reuse.page(PageRenderer.path(of: spec).outputFile, key: key) {
                            views.add()
                            return renderer.prepare(spec).flatMap { renderer.renderLocatingBody($0) }
                        }
                        return nil
                    }
                    views.add()
                    guard let prepared = renderer.prepare(spec) else { return nil }
                    try reuse.page(prepared.path.outputFile, key: "page:" + prepared.digest) {
                        renderer.renderLocatingBody(prepared)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            report.viewCount = views.count
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            for asset in analysis.theme.assets {
                try reuse.copy(asset.path, from: asset.url)
            }
            for path in graph.publishedFiles.keys.sorted() {
                try reuse.copy(path, from: content.url(of: path))
            }
            clock.lap("render")
            options.progress?.begin("export")
            // Feeds, catalog.json/csv, sitemap.xml and robots.txt, audited with the pages.
            let exporter = SiteExporter(graph: graph, bodies: analysis.bodies, pages: pages) { path in
                FileManager.default.contents(atPath: content.url(of: path).path)
            }
            // The files that read no body are the last build's when the pages' views are.
            try exporter.export({ file throws(SiteError) in try reuse.data(file.path.rawValue, file.data) }) { path throws(SiteError) -> Bool in
                guard let knownKeys, let key = knownKeys.files[path.rawValue]?.key else { return false }
                var kept = true
                try reuse.file(path.rawValue, key: key) {
                    kept = false
                    return nil
                }
                return kept
            }
            var feeds: [String: [String]] = [:]
            for (path, members) in exporter.feedMembers.sorted(by: { $0.key < $1.key }) {
                for id in members { feeds[id.rawValue, default: []].append(path) }
            }
            // A body that could not be read back was rendered empty: nothing of this build is published.
            if let failure = analysis.bodies.failure {
                // A body taken from the last build's document cache that does not read back whole:
                // the cache is damaged. Removed, it costs the next build time, not a failure.
                if analysis.bodies.failureInAdoptedText, let documentCache = analysis.documentCache {
                    documentCache.discard()
                    throw .unreadable(
                        path: documentCache.file.path,
                        reason: "\(failure): the document cache is damaged, and was removed; the next build renders every body again")
                }
                throw .unreadable(path: "the build's temporary file of rendered bodies (in \(FileManager.default.temporaryDirectory.path))", reason: failure)
            }
            clock.lap("export")
            // Compressed copies of the text files (`--precompress`), then the manifest of everything.
            if options.precompress {
                options.progress?.begin("compress")
                try reuse.precompress(Precompression.Encoding.allCases)
                clock.lap("compress")
            }
            try reuse.manifest(basePath: configuration.basePath)
            options.progress?.begin("audit")
            let audit = OutputAudit(
                basePath: configuration.basePath, language: configuration.language, footerMarks: footerMarks,
                displayPrefix: options.outputDisplay
            ).audit(
                folder: writer.staging, files: writer.unsortedFiles, reuse: reuse.reusableSummaries,
                last: previous.map { OutputAudit.LastAudit(files: Set($0.files.keys), summaries: $0.summaries, pagesWithBrokenLinks: $0.pagesWithBrokenLinks) })
            let leaks = Self.reviewerLeaks(in: writer, reviewers: content.documents.flatMap { $0.review?.reviewers ?? [] }, display: options.outputDisplay)
            let (audited, auditSettings) = Self.apply(configuration.rules, to: audit.diagnostics + leaks)
            diagnostics += audited
            report.ruleSettings = zip(analysis.ruleSettings, auditSettings).map { ($0.setting, $0.findings + $1.findings) }
            report.externalLinks = audit.externalLinks
            report.linksCheckedCount = audit.linksChecked
            report.fileCount = writer.fileCount
            clock.lap("audit")
            options.progress?.begin("write")
            guard options.writeOutput, !failing(diagnostics) else {
                writer.abandon()
                report.diagnostics = Diagnostics(excerpts(options).attach(to: diagnostics))
                report.timings = analysis.timings + clock.laps
                return report
            }
            try writer.commit()
            // A copy of the new site, made while the caches are saved, for the next patch build
            // to start from (`BodyPatch`; not with --precompress, as a patch build keeps none then).
            let keepsSpare = !options.precompress
            if keepsSpare { writer.startTwin() }
            report.reusedFileCount = reuse.reusedPaths.count
            report.diagnostics = Diagnostics(excerpts(options).attach(to: diagnostics))
            clock.lap("write")
            // The caches the next build starts from.
            options.progress?.begin("cache")
            var cache = reuse.cache(summaries: audit.summaries)
            cache.pagesWithBrokenLinks = audit.pagesWithBrokenLinks
            cache.inputs = inputs
            cache.racy = racy
            cache.surroundings = stamps?.surroundings(racy: racy) ?? ""
            cache.views = analysis.viewDigests
            cache.settings = UnchangedBuild.settings(options)
            cache.trees = trees
            cache.search = searchSummary
            cache.feeds = feeds
            cache.reviewers = Set(content.documents.flatMap { $0.review?.reviewers ?? [] }).sorted()
            cache.report = UnchangedBuild.Report(report)
            cache.spare = keepsSpare ? [] : nil
            cache.save(folder: options.cacheFolder, output: output)
            analysis.documentCache?.commit()
            searchCache?.commit()
            analysis.ruleFindings?.save()
            writer.keepTwinAsSpare()  // only once the cache describes it
            // The previous site, swapped out by `commit`, is gone before the build ends: a process
            // that exits does not wait for the writer to be freed, and left it beside the output.
            writer.waitForRemoval()
            clock.lap("cache")
            if options.endsProcess { HeldToExit.keep([analysis, audit, reuse, renderer, pages]) }
        } catch {
            writer.abandon()
            throw error
        }
        report.published = true  // its diagnostics were attached above, before the cache kept them
        report.timings = analysis.timings + clock.laps
        return report
    }

    /// Whether the source checks of one document read an attachment's text: findings there depend
    /// on more than the document's own file, so its clean result is not kept.
    final class AttachmentReads: @unchecked Sendable {
        private let lock = NSLock()
        private var wasRead = false
        private let reader: (@Sendable (String) -> (path: String, text: String)?)?

        init(_ reader: (@Sendable (String) -> (path: String, text: String)?)?) { self.reader = reader }

        var read: Bool { lock.withLock { wasRead } }

        /// `context` with its attachment reader noting each read here.
        func context(_ context: SourceContext) -> SourceContext {
            SourceContext(asOf: context.asOf, allowedNumbers: context.allowedNumbers) { [self] path in
                lock.withLock { wasRead = true }
                return reader?(path)
            }
        }
    }

    /// The keys of the last build's pages whose views this build's would equal: all but the pages
    /// of documents whose body changed, when the same documents read the same otherwise
    /// (`ViewDigests.graph`) and nothing else the views read changed (`UnchangedBuild.surroundings`).
    /// Nil otherwise.
    struct KnownPageKeys {
        let files: [String: BuildCache.File]
        let previous: [String: ViewDigests]
        let now: [String: ViewDigests]

        /// The key of the page, if it is known.
        func key(of spec: PageSpec) -> String? {
            if case .document(let id) = spec, previous[id.rawValue]?.body != now[id.rawValue]?.body { return nil }
            guard let key = files[PageRenderer.path(of: spec).outputFile]?.key, key.hasPrefix("page:") else { return nil }
            return key
        }
    }

    static func knownPageKeys(
        previous: BuildCache?, digests: [String: ViewDigests], stamps: InputStamps?
    ) -> KnownPageKeys? {
        guard let previous, let stamps, !previous.surroundings.isEmpty, !digests.isEmpty, previous.views.count == digests.count,
            digests.allSatisfy({ previous.views[$0.key]?.graph == $0.value.graph }),
            previous.surroundings == stamps.surroundings(racy: previous.racy)
        else { return nil }
        return KnownPageKeys(files: previous.files, previous: previous.views, now: digests)
    }

    /// How many pages had their views built, counted from several threads.
    final class ViewCount: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var count: Int { lock.withLock { value } }
        func add() { lock.withLock { value += 1 } }
    }

    /// What a build that ends the process holds at its end (`BuildOptions.endsProcess`): kept
    /// here, so that nothing of it is freed before the process exits.
    enum HeldToExit {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var held: [Any] = []

        static func keep(_ values: [Any]) { lock.withLock { held += values } }
    }

    /// The first error of work done on several threads.
    final class FirstFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: SiteError?
        var error: SiteError? { lock.withLock { stored } }

        func record(_ error: SiteError) { lock.withLock { if stored == nil { stored = error } } }
    }

    /// `review.leak`: every file written, searched for every reviewer named in any document's
    /// records (public or not). Review records are internal; a name in the output means a template
    /// or a body printed it.
    static func reviewerLeaks(in writer: PublicWriter, reviewers: [String], display: String) -> [Diagnostic] {
        let needles = Set(reviewers).sorted().map { ($0, Data($0.utf8)) }
        guard !needles.isEmpty else { return [] }
        let files = writer.files.sorted()
        let found = files.concurrentMap { path -> [Diagnostic] in
            guard let data = try? Data(contentsOf: writer.staging.appendingPathComponent(path), options: .mappedIfSafe) else { return [] }
            return needles.compactMap { name, bytes in
                data.range(of: bytes) == nil ? nil
                    : Diagnostic(.reviewLeak(reviewer: name, file: "\(display)/\(path)"), at: SourceLocation(path: "\(display)/\(path)", line: 1, column: 1))
            }
        }
        return found.flatMap { $0 }
    }

    /// Changes the severity of the findings of configured rules, or drops them when turned off.
    static func apply(_ settings: [RuleSetting], to diagnostics: [Diagnostic]) -> ([Diagnostic], [(setting: RuleSetting, findings: Int)]) {
        guard !settings.isEmpty else { return (diagnostics, []) }
        let byCode = Dictionary(settings.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var counts: [String: Int] = [:]
        let result = diagnostics.compactMap { diagnostic -> Diagnostic? in
            guard let setting = byCode[diagnostic.code] else { return diagnostic }
            counts[diagnostic.code, default: 0] += 1
            guard let severity = setting.severity else { return nil }
            var changed = diagnostic
            // A provisional result (a year the holiday calendar lacks) is never an error (§4.2).
            changed.severity = severity == .error && diagnostic.problem.isProvisional ? .warning : severity
            return changed
        }
        return (result, settings.map { ($0, counts[$0.code] ?? 0) })
    }

    /// Fills in the source lines of diagnostics, for the caret display.
    public func excerpts(_ options: BuildOptions) -> SourceExcerpts {
        let asOf = options.asOf
        return SourceExcerpts(roots: [(options.sourceDisplay, options.source), (options.templatesDisplay, options.templates)]) {
            PersonalDataScanner.redact($0, asOf: asOf)
        }
    }
}

/// Where a body's HTML and text went in the build's spill file.
struct SpilledBody: Sendable {
    let spill: TextSpill
    let html: TextSpill.Ref
    let text: TextSpill.Ref
}

/// Wall-clock time per phase, and the process's memory at the end of each: its peak resident set
/// so far (the phase whose figure jumps is the one that holds the most) and its resident set then.
struct PhaseClock {
    private var last = DispatchTime.now()
    private(set) var laps: [BuildReport.Lap] = []

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now()
        var usage = rusage()
        let peak = getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? Int(usage.ru_maxrss) * 1024 : 0  // ru_maxrss is in KiB on Linux
        let resident = Self.residentBytes()
        // The kernel updates the peak lazily: it can lag the resident set just read.
        laps.append((phase, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, max(peak, resident), resident))
        last = now
    }

    /// The resident set now, from `/proc/self/statm` (its second field, in pages); 0 where there is none.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }
}
