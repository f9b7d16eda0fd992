import Foundation
import SiteCore

/// Checks the pages as written, so it covers what templates add as well as what documents say:
/// every internal link, source and `#fragment` resolves (错链), and so does every `url()` of the
/// style sheets, relative to the style sheet; no IP-literal host and nothing loaded from another
/// host, by the pages or by CSS in them or beside them (IPv6-ready, self-contained); `lang`, `<title>`, one `<h1>`, no skipped heading
/// level, `alt` on images, header cells and captions on tables (GB/T 37668); the footer marks on
/// every page (DISCLOSURE.md §6.2–6.5).
public struct OutputAudit: Sendable {
    /// The path prefix of internal links (`/` or `/portal/`).
    public let basePath: String
    /// `zh-CN`
    public let language: String
    /// Texts every page must contain: 网站标识码, ICP备案号, 公安机关备案号.
    public let footerMarks: [String]
    /// How diagnostics name the output folder (`Public`).
    public let displayPrefix: String

    public init(basePath: String, language: String, footerMarks: [String], displayPrefix: String) {
        self.basePath = basePath
        self.language = language
        self.footerMarks = footerMarks
        self.displayPrefix = displayPrefix.hasSuffix("/") ? String(displayPrefix.dropLast()) : displayPrefix
    }

    public struct Result: Sendable {
        public let diagnostics: [Diagnostic]
        /// External links and how many pages have each, for the report (not checked offline).
        public let externalLinks: [String: Int]
        /// What the link check needs of every page without a finding of its own, by path: give
        /// them back as `reuse` for pages whose bytes have not changed since.
        public let summaries: [String: PageSummary]
        /// The pages the link check found something in (`LastAudit`).
        public let pagesWithBrokenLinks: Set<String>
        /// How many pages and style sheets had their links checked (the others' checks were the last audit's).
        public let linksChecked: Int
    }

    /// What the last audit of this output saw, for an audit of pages most of which did not change:
    /// when the site has the same files and every page the same ids, a page whose bytes did not
    /// change has the links it had, each resolving as it did, so its link check finds what it found.
    public struct LastAudit: Sendable {
        public let files: Set<String>
        public let summaries: [String: PageSummary]
        public let pagesWithBrokenLinks: Set<String>

        public init(files: Set<String>, summaries: [String: PageSummary], pagesWithBrokenLinks: Set<String>) {
            self.files = files
            self.summaries = summaries
            self.pagesWithBrokenLinks = pagesWithBrokenLinks
        }
    }

    /// What the link check needs of one page, and all of it: the ids it has, where it links to
    /// inside the site (with the positions, for the messages) and what it links to outside. It
    /// depends on the page's bytes alone (with this audit's settings).
    public struct PageSummary: Codable, Sendable, Equatable {
        public struct Link: Codable, Sendable, Equatable {
            public let url: String
            public let line: Int
            public let column: Int

            public init(url: String, line: Int, column: Int) {
                self.url = url
                self.line = line
                self.column = column
            }
        }

        public var ids: [String]
        public var links: [Link]
        public var external: [String]

        public init(ids: [String], links: [Link], external: [String]) {
            self.ids = ids
            self.links = links
            self.external = external
        }
    }

    /// Audits the files of `folder` (paths relative to it, `/`-separated): its pages and its
    /// stylesheets. A file in `reuse` is not read again: its summary stands for it (an incremental
    /// build passes the summaries of files it did not rewrite).
    public func audit(folder: URL, files: [String], reuse: [String: PageSummary] = [:], last: LastAudit? = nil) -> Result {
        let pages = files.filter { $0.hasSuffix(".html") || $0.hasSuffix(".css") }.sorted()
        let fileSet = Set(files)
        // Scanning, then checking each page's links against every page's ids, run on all cores.
        // Nothing is kept per link but its summary: at 100,000 documents the pages hold millions
        // of links, most of them the same few (navigation) on every page.
        let scanned = pages.concurrentMap { path -> (path: String, summary: PageSummary, diagnostics: [Diagnostic]) in
            if let summary = reuse[path] { return (path, summary, []) }
            return summarize(path, folder: folder)
        }
        var ids: [String: [String]] = [:]  // sorted
        ids.reserveCapacity(scanned.count)
        for page in scanned { ids[page.path] = page.summary.ids }
        let idsByPath = ids
        // The link check of a page whose bytes did not change is the last one's, when no file came or
        // went and no page's ids changed.
        var unchanged: Set<String> = []
        if let last, fileSet == last.files, scanned.allSatisfy({ reuse[$0.path] != nil || last.summaries[$0.path]?.ids == $0.summary.ids }) {
            unchanged = Set(reuse.keys).subtracting(last.pagesWithBrokenLinks)
        }
        let found = unchanged
        // Pages a chunk at a time, each chunk with its own memo of the URLs from the site's root
        // (most links: the navigation of every page), whose resolution does not depend on the page.
        let chunks = stride(from: 0, to: scanned.count, by: 256).map { $0..<min($0 + 256, scanned.count) }
        let linkFindings = chunks.concurrentMap { chunk -> [[Diagnostic]] in
            var rooted: [String: (file: String, fragment: String?)?] = [:]
            return scanned[chunk].map { page in
                found.contains(page.path) ? [] : findings(page.path, page.summary.links, fileExists: fileSet.contains, idsByPath: idsByPath, rooted: &rooted)
            }
        }.flatMap { $0 }

        var diagnostics: [Diagnostic] = []
        var external: [String: Int] = [:]
        var summaries: [String: PageSummary] = [:]
        var broken: Set<String> = []
        for (page, links) in zip(scanned, linkFindings) {
            diagnostics += page.diagnostics + links
            if !links.isEmpty { broken.insert(page.path) }
            if page.diagnostics.isEmpty { summaries[page.path] = page.summary }
            for url in Set(page.summary.external) { external[url, default: 0] += 1 }
        }
        return Result(
            diagnostics: diagnostics, externalLinks: external, summaries: summaries, pagesWithBrokenLinks: broken,
            linksChecked: scanned.count - found.count)
    }

    /// Audits a few pages of a site whose other pages `summaries` describes (the last audit's, for
    /// pages whose bytes did not change): each page scanned, and its links checked against the
    /// site's files (`fileExists`, asked for the few the pages link to)
    /// and the ids of the pages they name. A page that names a page `summaries` does not have
    /// (one with findings of its own) has that page scanned for its ids.
    public func audit(pages: [String], folder: URL, fileExists: (String) -> Bool, summaries: (String) -> PageSummary?) -> Result {
        let scanned = pages.sorted().map { summarize($0, folder: folder) }
        var ids: [String: [String]] = [:]
        for page in scanned { ids[page.path] = page.summary.ids }
        for page in scanned {
            for link in page.summary.links {
                guard let (target, fragment) = resolve(link.url, from: page.path), fragment != nil, ids[target] == nil, fileExists(target),
                    target.hasSuffix(".html")
                else { continue }
                ids[target] = summaries(target)?.ids ?? scan(target, folder: folder).ids.sorted()
            }
        }
        var diagnostics: [Diagnostic] = []
        var external: [String: Int] = [:]
        var found: [String: PageSummary] = [:]
        var broken: Set<String> = []
        for page in scanned {
            var rooted: [String: (file: String, fragment: String?)?] = [:]
            let links = findings(page.path, page.summary.links, fileExists: fileExists, idsByPath: ids, rooted: &rooted)
            diagnostics += page.diagnostics + links
            if !links.isEmpty { broken.insert(page.path) }
            if page.diagnostics.isEmpty { found[page.path] = page.summary }
            for url in Set(page.summary.external) { external[url, default: 0] += 1 }
        }
        return Result(diagnostics: diagnostics, externalLinks: external, summaries: found, pagesWithBrokenLinks: broken, linksChecked: scanned.count)
    }

    /// A page or style sheet scanned: its summary and its findings of its own.
    private func summarize(_ path: String, folder: URL) -> (path: String, summary: PageSummary, diagnostics: [Diagnostic]) {
        let page = path.hasSuffix(".css") ? scanStylesheet(path, folder: folder) : scan(path, folder: folder)
        let positions = page.scanner.positions(of: page.links.map(\.offset))
        let summary = PageSummary(
            ids: page.ids.sorted(),
            links: zip(page.links, positions).map { PageSummary.Link(url: $0.url, line: $1.line, column: $1.column) },
            external: page.external)
        return (path, summary, page.diagnostics)
    }

    /// The broken links of one page: a target that is not a file of the site, or a fragment that
    /// is not an id of its target page. `rooted` remembers what URLs starting with `/` resolve to.
    private func findings(
        _ path: String, _ links: [PageSummary.Link], fileExists: (String) -> Bool, idsByPath: [String: [String]],
        rooted: inout [String: (file: String, fragment: String?)?]
    ) -> [Diagnostic] {
        let display = "\(displayPrefix)/\(path)"
        var diagnostics: [Diagnostic] = []
        for link in links {
            let resolved: (file: String, fragment: String?)?
            if link.url.utf8.first == UInt8(ascii: "/") {
                if let known = rooted[link.url] {
                    resolved = known
                } else {
                    resolved = resolve(link.url, from: path)
                    rooted[link.url] = .some(resolved)
                }
            } else {
                resolved = resolve(link.url, from: path)
            }
            guard let (target, fragment) = resolved else { continue }
            var location: SourceLocation { SourceLocation(path: display, line: link.line, column: link.column) }
            if !fileExists(target) {
                diagnostics.append(Diagnostic(.brokenLink(target: link.url.split(separator: "#").first.map(String.init) ?? link.url, fragment: nil), at: location))
            } else if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), let targetIDs = idsByPath[target],
                !Self.sortedContains(targetIDs, fragment)
            {
                let shown = String(link.url.prefix { $0 != "#" })  // empty for `#id` on the same page
                diagnostics.append(Diagnostic(.brokenLink(target: shown, fragment: fragment), at: location))
            }
        }
        return diagnostics
    }

    /// Whether a sorted array holds a value (binary search).
    static func sortedContains(_ sorted: [String], _ value: String) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }

    // MARK: One page

    struct Link {
        let url: String
        let offset: Int
    }

    struct Page {
        let path: String
        let display: String
        /// The file's bytes, which give the positions of offsets.
        let scanner: HTMLScanner
        var ids: Set<String> = []
        var links: [Link] = []
        var external: [String] = []
        /// Findings at byte offsets, turned into diagnostics with their positions at the end, in one
        /// pass over the bytes (a position per finding would read the page once per finding).
        var findings: [(problem: Problem, offset: Int)] = []

        mutating func report(_ problem: Problem, at offset: Int) { findings.append((problem, offset)) }

        var diagnostics: [Diagnostic] {
            zip(findings, scanner.positions(of: findings.map(\.offset))).map { finding, position in
                Diagnostic(finding.problem, at: SourceLocation(path: display, line: position.line, column: position.column))
            }
        }
    }

    /// The attributes that hold a URL, in any tag.
    private static let urlAttributes = ["href", "src", "action", "formaction", "data", "poster", "background", "xlink:href"]

    /// The attributes `scan` reads, by their slot in a tag's: these, then `urlAttributes` from `url` on.
    private enum AuditedAttribute: Int, CaseIterable {
        case id, lang, alt, srcset, imagesrcset, style
        static let url = allCases.count
        static let src = url + urlAttributes.firstIndex(of: "src")!
    }

    /// Every attribute `scan` reads, and where in a tag's slots it keeps the attribute's index.
    private static let auditedSlots: [String: Int] = Dictionary(
        uniqueKeysWithValues: (AuditedAttribute.allCases.map { "\($0)" } + urlAttributes).enumerated().map { ($1, $0) })

    /// The attributes that load what their URL names into the page, by tag (as opposed to a link
    /// the reader follows); `background` loads in any tag, `<link href>` by its `rel`.
    private static let loading: [String: Set<String>] = [
        "script": ["src", "href", "xlink:href"], "img": ["src", "srcset"], "iframe": ["src"], "frame": ["src"],
        "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"], "track": ["src"], "embed": ["src"],
        "object": ["data"], "input": ["src"], "link": ["imagesrcset"],
        // SVG
        "image": ["href", "xlink:href"], "use": ["href", "xlink:href"], "feimage": ["href", "xlink:href"],
    ]

    /// `rel` values of `<link>` that make the browser fetch or contact `href` (any `…icon` as well).
    private static let loadingRelations: Set<String> = [
        "stylesheet", "preload", "modulepreload", "prefetch", "prerender", "preconnect", "dns-prefetch", "manifest",
    ]

    private func loads(_ tag: HTMLScanner.Tag, _ attribute: String) -> Bool {
        if attribute == "background" || Self.loading[tag.name]?.contains(attribute) == true { return true }
        guard tag.name == "link", attribute == "href" else { return false }
        return (tag.attributes["rel"] ?? "").lowercased().split(whereSeparator: \.isWhitespace)
            .contains { $0.contains("icon") || Self.loadingRelations.contains(String($0)) }
    }

    private func scan(_ path: String, folder: URL) -> Page {
        let bytes = FileManager.default.contents(atPath: folder.path + "/" + path).map { [UInt8]($0) } ?? []
        var page = Page(path: path, display: "\(displayPrefix)/\(path)", scanner: HTMLScanner(bytes))
        var headings: [(level: Int, offset: Int)] = []
        var titleBytes: [UInt8] = []
        var tables: [(offset: Int, hasTH: Bool, hasCaption: Bool)] = []
        var htmlLang: String?
        var sawHTML = false
        var textBytes: [UInt8] = []  // the page's text, for the footer marks
        textBytes.reserveCapacity(bytes.count / 2)
        let scanner = page.scanner
        // Each tag checked as it is read (a list of them cost more than the scan).
        scanner.scan(tags: { tag in
            guard !tag.isEnd else { return }
            // The attributes the audit reads, found in one pass over the tag's: most tags have a
            // class or nothing, and a dozen lookups for each tag cost more than the scan.
            let attributes = tag.attributes
            var slots = SIMD16<Int32>(repeating: -1)
            for index in 0..<attributes.count {
                if let slot = Self.auditedSlots[attributes.name(at: index)] { slots[slot] = Int32(truncatingIfNeeded: index) }
            }
            func value(_ name: AuditedAttribute) -> String? { value(slot: name.rawValue) }
            func value(slot: Int) -> String? {
                let index = slots[slot]
                return index < 0 ? nil : attributes.value(at: Int(index))
            }
            if let id = value(.id) { page.ids.insert(id) }
            switch tag.name {
            case "html":
                sawHTML = true
                htmlLang = value(.lang)
            case "h1", "h2", "h3", "h4", "h5", "h6":
                headings.append((Int(String(tag.name.dropFirst()))!, tag.offset))
            case "img":
                if value(.alt) == nil {
                    page.report(.imageWithoutAlt(src: value(slot: AuditedAttribute.src) ?? ""), at: tag.offset)
                }
            case "table":
                tables.append((tag.offset, false, false))
            case "th":
                if !tables.isEmpty { tables[tables.count - 1].hasTH = true }
            case "caption":
                if !tables.isEmpty { tables[tables.count - 1].hasCaption = true }
            case "style":
                // The style sheet in the page: its URLs are where they are written.
                if let content = tag.content {
                    for reference in CSSScanner(bytes).references(in: content) {
                        check(reference.url, at: reference.offset, loaded: .thirdPartyInCSS(rule: reference.rule.rawValue, url: reference.url), page: &page)
                    }
                }
            default:
                break
            }
            guard slots != SIMD16(repeating: -1) else { return }
            for (index, attribute) in Self.urlAttributes.enumerated() {
                guard let url = value(slot: AuditedAttribute.url + index).map(Self.trimmed), !url.isEmpty else { continue }
                let loaded = loads(tag, attribute)
                check(url, at: tag.offset, loaded: loaded ? .thirdPartySubresource(tag: tag.name, url: url) : nil, page: &page, tag: tag)
            }
            for (attribute, slot) in [("srcset", AuditedAttribute.srcset), ("imagesrcset", .imagesrcset)] {
                guard let srcset = value(slot) else { continue }
                let loaded = loads(tag, attribute)
                for url in Self.candidates(srcset) {
                    check(url, at: tag.offset, loaded: loaded ? .thirdPartySubresource(tag: tag.name, url: url) : nil, page: &page, tag: tag)
                }
            }
            // A style attribute: its URLs are reported at the tag (only a '(' can start one).
            if let style = value(.style), style.utf8.contains(UInt8(ascii: "(")) {
                for reference in CSSScanner(Array(style.utf8)).references() {
                    check(reference.url, at: tag.offset, loaded: .thirdPartyInCSS(rule: reference.rule.rawValue, url: reference.url), page: &page)
                }
            }
        }, textRanges: { range, previous in
            if let previous, !previous.isEnd, previous.name == "title" { scanner.appendText(range, to: &titleBytes) }
            scanner.appendText(range, to: &textBytes)
        })
        let titleText = String(decoding: titleBytes, as: UTF8.self)
        // Page structure.
        if !sawHTML || htmlLang?.lowercased() != language.lowercased() {
            page.report(.pageLanguage(expected: language), at: 0)
        }
        if titleText.trimmingWhitespace().isEmpty {
            page.report(.pageTitleMissing, at: 0)
        }
        let h1 = headings.filter { $0.level == 1 }
        if h1.count != 1 {
            page.report(.pageH1Count(count: h1.count), at: h1.dropFirst().first?.offset ?? 0)
        }
        for (previous, heading) in zip(headings, headings.dropFirst()) where heading.level > previous.level + 1 {
            page.report(.headingSkip(from: previous.level, to: heading.level), at: heading.offset)
        }
        for table in tables where !table.hasTH || !table.hasCaption {
            let detail = !table.hasTH ? "has no header cell (<th>)" : "has no <caption>"
            page.report(.tableWithoutHeaders(detail: detail), at: table.offset)
        }
        // Byte search: Foundation's String.contains folds Unicode and costs more than the whole scan.
        for mark in footerMarks where !textBytes.withUnsafeBufferPointer({ text in
            Array(mark.utf8).withUnsafeBufferPointer { ByteSearch.contains(text, $0) }
        }) {
            page.report(.footerMarkMissing(mark: mark), at: 0)
        }
        return page
    }

    /// A style sheet (a theme's `.css`, or one among the attachments): everything its `url()`s and
    /// `@import`s name must be in the site, relative to the style sheet, and nothing may come from
    /// another host.
    private func scanStylesheet(_ path: String, folder: URL) -> Page {
        let bytes = FileManager.default.contents(atPath: folder.path + "/" + path).map { [UInt8]($0) } ?? []
        var page = Page(path: path, display: "\(displayPrefix)/\(path)", scanner: HTMLScanner(bytes))
        for reference in CSSScanner(bytes).references() {
            check(reference.url, at: reference.offset, loaded: .thirdPartyInCSS(rule: reference.rule.rawValue, url: reference.url), page: &page)
        }
        return page
    }

    /// The URLs of a `srcset` (HTML's candidate list: a URL, then descriptors up to a comma; a URL
    /// may itself hold commas, but not end with one).
    static func candidates(_ srcset: String) -> [String] {
        let scalars = Array(srcset.unicodeScalars)
        var urls: [String] = []
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" }
        while i < scalars.count {
            while i < scalars.count, isSpace(scalars[i]) || scalars[i] == "," { i += 1 }
            let start = i
            while i < scalars.count, !isSpace(scalars[i]) { i += 1 }
            var end = i
            while end > start, scalars[end - 1] == "," { end -= 1 }
            if end > start {
                var url = String.UnicodeScalarView()
                url.append(contentsOf: scalars[start..<end])
                urls.append(String(url))
            }
            if end < i { continue }  // the URL ended in a comma: no descriptors
            // Descriptors, up to the comma outside parentheses.
            var depth = 0
            while i < scalars.count {
                let s = scalars[i]
                if s == "(" { depth += 1 } else if s == ")" { depth = max(0, depth - 1) } else if s == ",", depth == 0 { break }
                i += 1
            }
        }
        return urls
    }

    /// Sorts one URL found at `offset`: an internal one is kept for the link check; one naming
    /// another host is reported when its host is an IP address, and when it is `loaded` into the
    /// page (or protocol-relative), else counted for the report. `tag` is nil in CSS.
    private func check(_ url: String, at offset: Int, loaded: Problem?, page: inout Page, tag: HTMLScanner.Tag? = nil) {
        switch Self.classify(url) {
        case .ignored:
            return
        case .internal:
            page.links.append(Link(url: url, offset: offset))
        case .external(let host, let protocolRelative):
            if let host, Self.isIPLiteral(host) {
                page.report(.ipLiteral(url: url), at: offset)
            }
            if let loaded {
                page.report(loaded, at: offset)
            } else if protocolRelative, let tag {
                page.report(.thirdPartySubresource(tag: tag.name, url: url), at: offset)
            } else if let tag, !(tag.name == "link" && (tag.attributes["rel"] ?? "").lowercased() == "canonical") {
                page.external.append(url)
            }
        }
    }

    enum URLKind: Equatable {
        /// A path in this site (or one that tries to be: `file:` URLs are reported as broken).
        case `internal`
        /// `scheme://host…` or `//host…`.
        case external(host: String?, protocolRelative: Bool)
        /// `mailto:`, `tel:`, `data:`, `javascript:`: nothing to resolve, and nothing loaded from a host.
        case ignored
    }

    /// Schemes whose URLs have a host even when written with one slash or with backslashes, as
    /// browsers read them (WHATWG URL: "special" schemes).
    private static let specialSchemes: Set<String> = ["http", "https", "ftp", "ws", "wss"]

    static func classify(_ url: String) -> URLKind {
        // Most URLs are this site's paths (`/xxgk/…`, `#main`, `../`): told by their first bytes.
        var head = url.utf8.makeIterator()
        if let first = head.next() {
            let isLetter = (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z")
            if first == UInt8(ascii: "/") ? head.next() != UInt8(ascii: "/") : !isLetter { return .internal }
        }
        let scalars = Array(url.unicodeScalars.prefix(64))
        func isSlash(_ index: Int) -> Bool { index < scalars.count && (scalars[index] == "/" || scalars[index] == "\\") }
        // `//host/…`; `\\server\share` is a path on a computer, reported as a broken link.
        if scalars.count >= 2, scalars[0] == "/", scalars[1] == "/" { return .external(host: host(of: url), protocolRelative: true) }
        // A scheme: a letter, then letters, digits, '+', '-', '.', up to ':'.
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return .internal }
        var colon = 1
        while colon < scalars.count, scalars[colon].isASCII,
            scalars[colon].properties.isAlphabetic || ("0"..."9").contains(scalars[colon]) || "+-.".unicodeScalars.contains(scalars[colon])
        {
            colon += 1
        }
        guard colon < scalars.count, scalars[colon] == ":" else { return .internal }
        guard colon > 1 else { return .internal }  // `C:\…`: a drive letter, not a scheme
        let scheme = String(String.UnicodeScalarView(scalars[..<colon])).lowercased()
        if ["mailto", "tel", "data", "javascript"].contains(scheme) { return .ignored }
        let hasAuthority = specialSchemes.contains(scheme) ? isSlash(colon + 1) : (isSlash(colon + 1) && isSlash(colon + 2))
        guard hasAuthority, scheme != "file" else { return .internal }
        return .external(host: host(of: url), protocolRelative: false)
    }

    /// Spaces and tabs around an attribute value (rare: checked before Foundation is asked).
    static func trimmed(_ value: String) -> String {
        guard let first = value.utf8.first, let last = value.utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return value }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// The output file and fragment an internal URL names, or nil when it is not internal.
    func resolve(_ url: String, from page: String) -> (file: String, fragment: String?)? {
        // A link within the page (`#main`): a fifth of a page's links, on every page.
        if url.first == "#" { return (page, String(url.dropFirst()).percentDecoded) }
        var path = url
        var fragment: String?
        if let hash = url.firstIndex(of: "#") {
            fragment = String(url[url.index(after: hash)...]).percentDecoded
            path = String(url[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.percentDecoded
        var resolved: String
        if path.isEmpty {
            return (page, fragment)
        }
        let folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
        if path.hasPrefix(basePath) {
            resolved = String(path.dropFirst(basePath.count))
        } else if path.hasPrefix("/") {
            return (path, fragment)  // outside the base path: cannot be in this site (no output path starts with '/')
        } else if let joined = ContentPath.resolve(path, relativeTo: folder) {
            resolved = joined
        } else if ContentPath.resolve(path + "/index.html", relativeTo: folder) == "index.html" {
            resolved = ""  // `./`, `../`: ContentPath gives nil for the top folder as for a path leaving it
        } else {
            return (path, fragment)
        }
        if resolved.isEmpty || resolved.hasSuffix("/") {
            resolved += "index.html"
        } else if !resolved.split(separator: "/").last!.contains(".") {
            resolved += "/index.html"
        }
        return (resolved, fragment)
    }

    /// The host of a URL with one (`scheme://host…`, `//host…`, `https:\\host…`): without user
    /// and port, IPv6 literals in their brackets. Nil for a URL without a host.
    static func host(of url: String) -> String? {
        var rest = Substring(url)
        var slashesNeeded = 2
        if let colon = url.firstIndex(of: ":") {
            let scheme = url[..<colon]
            if scheme.count > 1, let first = scheme.first, first.isASCII, first.isLetter,
                scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
            {
                rest = url[url.index(after: colon)...]
                if specialSchemes.contains(scheme.lowercased()) { slashesNeeded = 1 }
            }
        }
        let slashes = rest.prefix { $0 == "/" || $0 == "\\" }.count
        guard slashes >= slashesNeeded else { return nil }
        rest = rest.dropFirst(slashes).prefix { $0 != "/" && $0 != "\\" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") { return String(rest) }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return String(rest)
    }

    /// Whether browsers read `host` as an IP address: an IPv6 literal in brackets, or IPv4 in any of
    /// the forms the WHATWG URL standard accepts: `10.1.2.3`, one number (`167838211`), hexadecimal
    /// (`0x0a010203`, `0xa.1.2.3`), octal (`012.1.2.3`), fewer parts (`10.1.515`), a trailing dot,
    /// percent-encoded, or with full-width digits and full stops (`１０。１。２。３`, mapped by IDNA).
    static func isIPLiteral(_ host: String) -> Bool {
        if host.hasPrefix("[") { return true }
        var text = String.UnicodeScalarView()
        for scalar in host.percentDecoded.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: text.append(Unicode.Scalar(scalar.value - 0xFEE0)!)  // full-width ASCII
            case 0x3002, 0xFF61: text.append(".")  // 。 and ｡ (full-width ． is above)
            default: text.append(scalar)
            }
        }
        var parts = String(text).lowercased().split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard (1...4).contains(parts.count) else { return false }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = ipv4Number(part) else { return false }
            numbers.append(number)
        }
        // Every part but the last is one byte; the last fills the bytes left.
        return numbers.dropLast().allSatisfy { $0 <= 255 } && numbers.last! < UInt64(1) << (8 * (5 - numbers.count))
    }

    /// One part of an IPv4 address: decimal, hexadecimal after `0x` (`0x` alone is 0) or octal
    /// after a leading `0`. Nil when it is not a number.
    static func ipv4Number(_ part: Substring) -> UInt64? {
        var digits = part
        var radix = 10
        if digits.hasPrefix("0x") {
            digits = digits.dropFirst(2)
            radix = 16
            if digits.isEmpty { return 0 }
        } else if digits.count > 1, digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        // Leading zeros do not change the value; more than 16 significant hex digits overflow anyway.
        let significant = digits.drop { $0 == "0" }
        if significant.count > 16 { return UInt64.max }
        return UInt64(significant.isEmpty ? "0" : significant, radix: radix)
    }
}
