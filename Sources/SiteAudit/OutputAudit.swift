import Foundation
import SiteCore

/// Checks the pages as written, so it covers what templates add as well as what documents say:
/// every internal link, source and `#fragment` resolves (错链); no IP-literal host and nothing loaded
/// from another host (IPv6-ready, self-contained); `lang`, `<title>`, one `<h1>`, no skipped heading
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

    /// Audits the files of `folder` (paths relative to it, `/`-separated). A page in `reuse` is
    /// not read again: its summary stands for it (an incremental build passes the summaries of
    /// pages it did not rewrite).
    public func audit(folder: URL, files: [String], reuse: [String: PageSummary] = [:]) -> Result {
        let pages = files.filter { $0.hasSuffix(".html") }.sorted()
        let fileSet = Set(files)
        // Scanning and resolving links run on all cores; only the lookups across pages are serial.
        let scanned = pages.concurrentMap { path -> (path: String, summary: PageSummary, diagnostics: [Diagnostic], resolved: [(String, String?)?]) in
            if let summary = reuse[path] {
                return (path, summary, [], summary.links.map { resolve($0.url, from: path) })
            }
            let page = scan(path, folder: folder)
            let positions = page.scanner.positions(of: page.links.map(\.offset))
            let summary = PageSummary(
                ids: page.ids.sorted(),
                links: zip(page.links, positions).map { PageSummary.Link(url: $0.url, line: $1.line, column: $1.column) },
                external: page.external)
            return (path, summary, page.diagnostics, summary.links.map { resolve($0.url, from: path) })
        }
        var ids: [String: Set<String>] = [:]
        for page in scanned { ids[page.path] = Set(page.summary.ids) }

        var diagnostics: [Diagnostic] = []
        var external: [String: Int] = [:]
        var summaries: [String: PageSummary] = [:]
        for page in scanned {
            diagnostics += page.diagnostics
            if page.diagnostics.isEmpty { summaries[page.path] = page.summary }
            for url in Set(page.summary.external) { external[url, default: 0] += 1 }
            let display = "\(displayPrefix)/\(page.path)"
            for (link, resolution) in zip(page.summary.links, page.resolved) {
                guard let (target, fragment) = resolution else { continue }
                let location = SourceLocation(path: display, line: link.line, column: link.column)
                if !fileSet.contains(target) {
                    diagnostics.append(Diagnostic(.brokenLink(target: link.url.split(separator: "#").first.map(String.init) ?? link.url, fragment: nil), at: location))
                } else if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), ids[target]?.contains(fragment) == false {
                    let shown = String(link.url.prefix { $0 != "#" })  // empty for `#id` on the same page
                    diagnostics.append(Diagnostic(.brokenLink(target: shown, fragment: fragment), at: location))
                }
            }
        }
        return Result(diagnostics: diagnostics, externalLinks: external, summaries: summaries)
    }

    // MARK: One page

    struct Link {
        let url: String
        let offset: Int
    }

    struct Page {
        let path: String
        let display: String
        let scanner: HTMLScanner
        var ids: Set<String> = []
        var links: [Link] = []
        var external: [String] = []
        var diagnostics: [Diagnostic] = []

        func diagnostic(_ problem: Problem, at offset: Int) -> Diagnostic {
            let position = scanner.position(of: offset)
            return Diagnostic(problem, at: SourceLocation(path: display, line: position.line, column: position.column))
        }
    }

    /// Tags whose URL attribute loads something into the page (as opposed to a link the reader follows).
    private static let subresources: [String: String] = ["script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"]

    private func scan(_ path: String, folder: URL) -> Page {
        let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map { [UInt8]($0) } ?? []
        var page = Page(path: path, display: "\(displayPrefix)/\(path)", scanner: HTMLScanner(bytes))
        var headings: [(level: Int, offset: Int)] = []
        var titleText = ""
        var tables: [(offset: Int, hasTH: Bool, hasCaption: Bool)] = []
        var htmlLang: String?
        var sawHTML = false
        var text = ""
        let tags = page.scanner.scan { chunk, previous in
            if previous?.name == "title", previous?.isEnd == false { titleText += chunk }
            text += chunk
        }
        for tag in tags {
            if let id = tag.attributes["id"], !tag.isEnd { page.ids.insert(id) }
            guard !tag.isEnd else { continue }
            switch tag.name {
            case "html":
                sawHTML = true
                htmlLang = tag.attributes["lang"]
            case "h1", "h2", "h3", "h4", "h5", "h6":
                headings.append((Int(String(tag.name.dropFirst()))!, tag.offset))
            case "img":
                if tag.attributes["alt"] == nil {
                    page.diagnostics.append(page.diagnostic(.imageWithoutAlt(src: tag.attributes["src"] ?? ""), at: tag.offset))
                }
            case "table":
                tables.append((tag.offset, false, false))
            case "th":
                if !tables.isEmpty { tables[tables.count - 1].hasTH = true }
            case "caption":
                if !tables.isEmpty { tables[tables.count - 1].hasCaption = true }
            default:
                break
            }
            for attribute in ["href", "src", "action", "data", "poster"] {
                guard let url = tag.attributes[attribute].map(Self.trimmed), !url.isEmpty else { continue }
                check(url, tag: tag, attribute: attribute, page: &page)
            }
            if let srcset = tag.attributes["srcset"] {
                for candidate in srcset.split(separator: ",") {
                    if let url = candidate.split(separator: " ").first { check(String(url), tag: tag, attribute: "src", page: &page) }
                }
            }
        }
        // Page structure.
        if !sawHTML || htmlLang?.lowercased() != language.lowercased() {
            page.diagnostics.append(page.diagnostic(.pageLanguage(expected: language), at: 0))
        }
        if titleText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            page.diagnostics.append(page.diagnostic(.pageTitleMissing, at: 0))
        }
        let h1 = headings.filter { $0.level == 1 }
        if h1.count != 1 {
            page.diagnostics.append(page.diagnostic(.pageH1Count(count: h1.count), at: h1.dropFirst().first?.offset ?? 0))
        }
        for (previous, heading) in zip(headings, headings.dropFirst()) where heading.level > previous.level + 1 {
            page.diagnostics.append(page.diagnostic(.headingSkip(from: previous.level, to: heading.level), at: heading.offset))
        }
        for table in tables where !table.hasTH || !table.hasCaption {
            let detail = !table.hasTH ? "has no header cell (<th>)" : "has no <caption>"
            page.diagnostics.append(page.diagnostic(.tableWithoutHeaders(detail: detail), at: table.offset))
        }
        // Byte search: Foundation's String.contains folds Unicode and costs more than the whole scan.
        let textBytes = Array(text.utf8)
        for mark in footerMarks where !Self.bytes(textBytes, contain: Array(mark.utf8)) {
            page.diagnostics.append(page.diagnostic(.footerMarkMissing(mark: mark), at: 0))
        }
        return page
    }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    private func check(_ url: String, tag: HTMLScanner.Tag, attribute: String, page: inout Page) {
        let lower = url.lowercased()
        if lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") || lower.hasPrefix("data:") || lower.hasPrefix("javascript:") { return }
        let isExternal = lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//")
        let isLoaded = Self.subresources[tag.name] == attribute
            || (tag.name == "link" && attribute == "href" && ["stylesheet", "icon", "preload", "manifest", "modulepreload"].contains(where: { (tag.attributes["rel"] ?? "").lowercased().contains($0) }))
        if isExternal {
            if let host = Self.host(of: url), Self.isIPLiteral(host) {
                page.diagnostics.append(page.diagnostic(.ipLiteral(url: url), at: tag.offset))
            }
            let isCanonical = tag.name == "link" && (tag.attributes["rel"] ?? "").lowercased() == "canonical"
            if isLoaded || lower.hasPrefix("//") {
                page.diagnostics.append(page.diagnostic(.thirdPartySubresource(tag: tag.name, url: url), at: tag.offset))
            } else if !isCanonical {
                page.external.append(url)
            }
            return
        }
        page.links.append(Link(url: url, offset: tag.offset))
    }

    /// Spaces and tabs around an attribute value (rare: checked before Foundation is asked).
    static func trimmed(_ value: String) -> String {
        guard let first = value.utf8.first, let last = value.utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return value }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// Percent-decoded, asking Foundation only when there is a `%`.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }

    /// The output file and fragment an internal URL names, or nil when it is not internal.
    func resolve(_ url: String, from page: String) -> (file: String, fragment: String?)? {
        var path = url
        var fragment: String?
        if let hash = url.firstIndex(of: "#") {
            fragment = Self.decoded(String(url[url.index(after: hash)...]))
            path = String(url[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = Self.decoded(path)
        let folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
        var resolved: String
        if path.isEmpty {
            resolved = page
            return (resolved, fragment)
        } else if path.hasPrefix(basePath) {
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

    static func host(of url: String) -> String? {
        guard let start = url.firstRange(of: "//") else { return nil }
        var rest = url[start.upperBound...]
        rest = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") { return String(rest) }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return String(rest)
    }

    static func isIPLiteral(_ host: String) -> Bool {
        if host.hasPrefix("[") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
