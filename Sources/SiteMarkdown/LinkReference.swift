import SiteCore

/// A link or image in a body, where it was written and what it points to. The graph stage turns
/// these into backlinks and reports the ones that do not resolve.
public struct LinkReference: Sendable, Hashable, Codable {
    public enum Target: Sendable, Hashable, Codable {
        /// Another document: `[通知](../policies/2021-6.md#二)`.
        case document(DocumentID, fragment: String?)
        /// A file under Content/ (an image, a PDF), published at its own path.
        case file(contentPath: String)
        /// A URL with a scheme or a `//` host: left as written, listed for the report.
        case external(String)
        /// `#fragment` within the same page.
        case fragment(String)
        /// A relative link to a `.md` file or a local file that does not exist.
        case missing(contentPath: String)
        /// A relative link that leaves the Content/ folder.
        case outside(String)
        /// A file on the editor's computer: `file:///…`, `C:\…`, `\\server\share\…`.
        case localFile(String)
        /// `javascript:`, `vbscript:` or `data:` (an image may use `data:image/…`).
        case unsafe(String)
    }

    /// The destination as written.
    public let destination: String
    public let target: Target
    public let isImage: Bool
    public let location: SourceLocation

    public init(destination: String, target: Target, isImage: Bool, location: SourceLocation) {
        self.destination = destination
        self.target = target
        self.isImage = isImage
        self.location = location
    }
}

/// What the renderer needs to know about the rest of the site to rewrite links.
public protocol LinkTargets: Sendable {
    /// Whether a document with this id exists, and whether it is published.
    func document(_ id: DocumentID) -> (exists: Bool, isPublic: Bool)
    /// Whether a regular file exists at this path under Content/.
    func fileExists(_ contentPath: String) -> Bool
    /// The path prefix of every link: `/` or `/portal/`.
    var basePath: String { get }
}

/// A heading of a body, for tables of contents and fragment checks.
public struct Heading: Sendable, Hashable, Codable {
    /// 2…6 after shifting (the page title is the only `h1`).
    public let level: Int
    public let text: String
    /// The stable `id` attribute.
    public let id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// A Markdown body turned into HTML.
public struct RenderedBody: Sendable {
    public let html: String
    /// What a reader sees, without markup: text of the rendered tree, one line per block (for search).
    public let text: String
    public let links: [LinkReference]
    public let headings: [Heading]
    /// Files under Content/ that the body links to or shows and that exist: published with the page.
    public var resources: [String] {
        var seen = Set<String>()
        return links.compactMap { link -> String? in
            if case .file(let path) = link.target, seen.insert(path).inserted { return path }
            return nil
        }
    }
    /// Markdown-level findings (raw HTML dropped).
    public let diagnostics: [Diagnostic]

    public init(html: String, text: String = "", links: [LinkReference], headings: [Heading], diagnostics: [Diagnostic]) {
        self.html = html
        self.text = text
        self.links = links
        self.headings = headings
        self.diagnostics = diagnostics
    }
}
