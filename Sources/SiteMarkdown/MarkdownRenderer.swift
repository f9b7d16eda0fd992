import CCmark
import Foundation
import SiteCore

/// Renders a document body with libcmark, the only file that touches cmark's C API.
///
/// After parsing, it edits the tree before rendering:
/// - relative links to `.md` files become the target page's URL, links to other local files the
///   file's published URL; links to documents that are not public lose their link (the graph
///   stage reports them);
/// - headings get stable ids and are shifted so the body's top level is `h2` (the title is `h1`);
/// - a line break inside a paragraph between two Chinese characters is removed, since a browser
///   shows it as a space (CSS Text 3 would not, Chromium does);
/// - raw HTML is dropped unless the site allows it (libcmark's safe mode would leave a comment);
/// - the markers of `CJKEmphasis` are removed.
public struct MarkdownRenderer: Sendable {
    public let allowRawHTML: Bool
    public let targets: any LinkTargets

    public init(allowRawHTML: Bool, targets: any LinkTargets) {
        self.allowRawHTML = allowRawHTML
        self.targets = targets
    }

    /// - Parameters:
    ///   - text: the Markdown.
    ///   - path: the file, for diagnostics.
    ///   - firstLine: the file line on which `text` starts (after the front matter).
    ///   - folder: the document's folder under Content/, against which relative links resolve.
    ///   - topHeadingLevel: the level the body's top headings become (3 inside a report's section).
    public func render(_ text: String, path: String, firstLine: Int, folder: String, topHeadingLevel: Int = 2) -> RenderedBody {
        let marked = CJKEmphasis.insertMarkers(text)
        let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let root: OpaquePointer? =
            if let marked {
                marked.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
                }
            } else {
                text.withCString { cmark_parse_document($0, strlen($0), options) }
            }
        guard let root else {
            return RenderedBody(html: "", text: "", links: [], headings: [], diagnostics: [])
        }
        defer { cmark_node_free(root) }

        var pass = TreePass(
            root: root, source: marked.map { String(decoding: $0, as: UTF8.self) } ?? text,
            hasMarkers: marked != nil, path: path, firstLine: firstLine, folder: folder,
            allowRawHTML: allowRawHTML, targets: targets, topHeadingLevel: topHeadingLevel)
        pass.run()

        let text = PlainText.of(root)
        guard let html = cmark_render_html(root, options) else {
            return RenderedBody(html: "", text: text, links: pass.links, headings: pass.headings, diagnostics: pass.diagnostics)
        }
        defer { free(html) }
        return RenderedBody(
            html: String(cString: html), text: text, links: pass.links, headings: pass.headings, diagnostics: pass.diagnostics)
    }
}

/// One walk over a parsed body: collects what to change, then changes it.
private struct TreePass {
    let root: OpaquePointer
    let source: String
    let hasMarkers: Bool
    let path: String
    let firstLine: Int
    let folder: String
    let allowRawHTML: Bool
    let targets: any LinkTargets
    /// The level the body's top headings get: 2 under the page title, 3 inside a report section.
    let topHeadingLevel: Int

    var links: [LinkReference] = []
    var headings: [Heading] = []
    var diagnostics: [Diagnostic] = []
    /// Images without a description, last first (links are rewritten innermost, so last, first).
    private var undescribedImages: [Diagnostic] = []
    /// Where each line of `source` starts, in UTF-8 bytes: found when a position is first asked
    /// for (a list of Substrings, one a line, cost more than the tree walk).
    private lazy var lineStarts: [Int] = {
        var starts = [0]
        var offset = 0
        for byte in source.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        return starts
    }()

    init(
        root: OpaquePointer, source: String, hasMarkers: Bool, path: String, firstLine: Int, folder: String,
        allowRawHTML: Bool, targets: any LinkTargets, topHeadingLevel: Int
    ) {
        self.root = root
        self.source = source
        self.hasMarkers = hasMarkers
        self.path = path
        self.firstLine = firstLine
        self.folder = folder
        self.allowRawHTML = allowRawHTML
        self.targets = targets
        self.topHeadingLevel = topHeadingLevel
    }

    mutating func run() {
        var linkNodes: [OpaquePointer] = []
        var headingNodes: [OpaquePointer] = []
        var softBreaks: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var literalNodes: [OpaquePointer] = []

        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: linkNodes.append(node)
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_SOFTBREAK: softBreaks.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if !allowRawHTML { rawHTML.append(node) } else if hasMarkers { literalNodes.append(node) }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if hasMarkers { literalNodes.append(node) }
            default: break
            }
        }

        if hasMarkers {
            for node in literalNodes { stripMarkers(node) }
            for node in linkNodes { stripMarkersFromDestination(node) }
        }
        // Line breaks and raw HTML first: unwrapping an image whose address is refused frees its
        // description, breaks and HTML included (found by fuzzing: a break inside one was read
        // after it was freed).
        for node in softBreaks where joinsWideCharacters(node) {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for node in rawHTML { dropRawHTML(node) }
        // Innermost first: an image's description may hold links, and unwrapping the image frees
        // them (found by fuzzing: the links were then rewritten after they were freed).
        for node in linkNodes.reversed() { rewriteLink(node) }
        links.reverse()  // reported in document order
        diagnostics += undescribedImages.reversed()
        shiftAndIdentify(headingNodes)
    }

    // MARK: Positions

    /// Where a node starts, in the file: cmark's lines count from the body's first line and its
    /// columns are bytes.
    private mutating func location(of node: OpaquePointer) -> SourceLocation {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        guard line >= 1, line <= lineStarts.count else {
            return SourceLocation(path: path, line: firstLine + max(0, line - 1), column: max(0, byteColumn))
        }
        let utf8 = source.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        let end = line < lineStarts.count ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1) : utf8.endIndex
        return SourceLocation(path: path, line: firstLine + line - 1, column: ByteColumn.scalarColumn(byteColumn, in: Substring(utf8[start..<end])))
    }

    // MARK: Links

    private mutating func rewriteLink(_ node: OpaquePointer) {
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        let target = resolve(destination, isImage: isImage)
        links.append(LinkReference(destination: destination, target: target, isImage: isImage, location: location(of: node)))
        switch target {
        case .document(let id, let fragment):
            guard targets.document(id).isPublic else {
                unwrap(node)  // Never print the address of a document that is not public.
                return
            }
            var href = id.page.href(basePath: targets.basePath)
            if let fragment { href += "#" + fragment }
            cmark_node_set_url(node, href)
        case .file(let contentPath):
            cmark_node_set_url(node, SitePath(file: contentPath).href(basePath: targets.basePath))
        case .missing, .outside, .localFile, .unsafe:
            unwrap(node)
            return
        case .external, .fragment:
            break
        }
        // The image stays: its description is its alt text. A body image is content, so one without
        // a description would be skipped by screen readers as decoration.
        if isImage, plainText(node).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            undescribedImages.append(Diagnostic(.imageAltEmpty(src: destination.percentDecoded), at: location(of: node)))
        }
    }

    /// Classifies a destination as written in the body.
    private func resolve(_ destination: String, isImage: Bool) -> LinkReference.Target {
        if destination.hasPrefix("#") { return .fragment(String(destination.dropFirst())) }
        if let local = Self.localFile(destination) { return .localFile(local) }
        if hasScheme(destination) {
            let scheme = destination.prefix { $0 != ":" }.lowercased()
            // libcmark's safe mode keeps these four inline image types and empties the rest.
            let image = isImage && ["png", "gif", "jpeg", "webp"].contains { destination.lowercased().hasPrefix("data:image/\($0)") }
            if ["javascript", "vbscript", "data"].contains(scheme), !image { return .unsafe(destination) }
        }
        // `//host/…` is another site; `///…` names no host, and is read as a path of this one.
        if (destination.hasPrefix("//") && !destination.hasPrefix("///")) || hasScheme(destination) { return .external(destination) }
        var pathPart = destination
        var fragment: String?
        if let hash = destination.firstIndex(of: "#") {
            pathPart = String(destination[..<hash])
            fragment = String(destination[destination.index(after: hash)...])
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = String(pathPart[..<query]) }
        let decoded = pathPart.percentDecoded
        let resolved: String? =
            if decoded.hasPrefix("/") {
                ContentPath.resolveFromRoot(decoded)
            } else {
                ContentPath.resolve(decoded, relativeTo: folder)
            }
        guard let resolved else { return .outside(destination) }
        if resolved.hasSuffix(".md") {
            let id = DocumentID(String(resolved.dropLast(3)))
            return targets.document(id).exists ? .document(id, fragment: fragment) : .missing(contentPath: resolved)
        }
        return targets.fileExists(resolved) ? .file(contentPath: resolved) : .missing(contentPath: resolved)
    }

    /// A destination on the editor's computer, as they paste it from the file manager, decoded
    /// for the message (cmark percent-encodes `\` and Chinese characters). Nil for anything else.
    static func localFile(_ destination: String) -> String? {
        let shown = destination.percentDecoded
        let scalars = Array(shown.unicodeScalars.prefix(3))
        let drive = scalars.count == 3 && scalars[0].isASCII && scalars[0].properties.isAlphabetic && scalars[1] == ":"
            && (scalars[2] == "\\" || scalars[2] == "/")
        // `\\server\share` reaches here as `\server\share`: Markdown reads `\\` as an escaped `\`.
        if drive || shown.hasPrefix("\\") || shown.prefix(5).lowercased() == "file:" { return shown }
        return nil
    }

    private func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) }
    }

    /// Replaces a link by its content (the text stays, the link goes).
    private func unwrap(_ node: OpaquePointer) {
        if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
            // An image without a valid source is dropped, keeping its description as text.
            let text = plainText(node)
            let replacement = cmark_node_new(CMARK_NODE_TEXT)
            cmark_node_set_literal(replacement, text)
            cmark_node_insert_before(node, replacement)
        } else {
            while let child = cmark_node_first_child(node) {
                // cmark refuses a move it cannot make; the child then goes with the link.
                guard cmark_node_insert_before(node, child) == 1 else { break }
            }
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    // MARK: Line breaks

    /// A soft break between two wide (Chinese) characters renders as nothing.
    private func joinsWideCharacters(_ node: OpaquePointer) -> Bool {
        guard let before = cmark_node_previous(node).flatMap({ edgeScalar($0, last: true) }),
            let after = cmark_node_next(node).flatMap({ edgeScalar($0, last: false) })
        else { return false }
        return isWide(before) && isWide(after)
    }

    private func isWide(_ scalar: Unicode.Scalar) -> Bool {
        EastAsianWidth.isWide(scalar) && !EastAsianWidth.isHangul(scalar)
    }

    /// The first or last character a node shows, looking into emphasis and links.
    private func edgeScalar(_ node: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            guard let literal = cmark_node_get_literal(node) else { return nil }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
            return CJKEmphasis.edgeScalar(of: bytes, last: last)
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK:
            guard let child = last ? cmark_node_last_child(node) : cmark_node_first_child(node) else { return nil }
            return edgeScalar(child, last: last)
        default:
            return nil
        }
    }

    // MARK: Raw HTML

    private mutating func dropRawHTML(_ node: OpaquePointer) {
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: location(of: node)))
        let parent = cmark_node_parent(node)
        cmark_node_unlink(node)
        cmark_node_free(node)
        // A paragraph that held nothing else would render as <p></p>.
        if let parent, cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH, cmark_node_first_child(parent) == nil {
            cmark_node_unlink(parent)
            cmark_node_free(parent)
        }
    }

    // MARK: Headings

    /// Shifts levels so the body's top level is `topHeadingLevel` (h2), and gives each heading an id, by turning it into
    /// a custom block whose enter and exit texts are the tags.
    private mutating func shiftAndIdentify(_ nodes: [OpaquePointer]) {
        guard !nodes.isEmpty else { return }
        let top = nodes.map { Int(cmark_node_get_heading_level($0)) }.min() ?? 2
        let shift = max(0, topHeadingLevel - top)
        var ids = HeadingIDs()
        for node in nodes {
            let level = min(6, Int(cmark_node_get_heading_level(node)) + shift)
            let text = plainText(node)
            let id = ids.make(for: text)
            headings.append(Heading(level: level, text: text, id: id))
            // A custom block prints line breaks around its tags; the custom inline inside it does not.
            let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            let tags = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(tags, "<h\(level) id=\"\(escapeAttribute(id))\">")
            cmark_node_set_on_exit(tags, "</h\(level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_append_child(tags, child)
            }
            cmark_node_append_child(block, tags)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
    }

    private func escapeAttribute(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The text a node shows, without markup.
    private func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return String(text.unicodeScalars.filter { $0 != CJKEmphasis.marker })
    }

    // MARK: Markers

    private func stripMarkers(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        guard text.unicodeScalars.contains(CJKEmphasis.marker) else { return }
        cmark_node_set_literal(node, String(text.unicodeScalars.filter { $0 != CJKEmphasis.marker }))
    }

    private func stripMarkersFromDestination(_ node: OpaquePointer) {
        for (get, set) in [(cmark_node_get_url, cmark_node_set_url), (cmark_node_get_title, cmark_node_set_title)] {
            guard let value = get(node) else { continue }
            let text = String(cString: value)
            if text.unicodeScalars.contains(CJKEmphasis.marker) {
                _ = set(node, String(text.unicodeScalars.filter { $0 != CJKEmphasis.marker }))
            }
        }
    }
}
