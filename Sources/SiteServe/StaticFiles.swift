import Foundation

/// Maps request paths to files of the output folder, and nothing else.
///
/// The raw (percent-encoded) path is split at `/` first and each segment decoded on its own, so an
/// encoded slash (`%2F`) or dot segment (`%2e%2e`) can never be read as a separator or a step up.
/// What is left is joined under the output folder and resolved with `realpath`: a path that leaves
/// the folder, through `..` or through a symbolic link, is refused.
public struct StaticFiles: Sendable {
    /// The output folder (`Public/`), as given: it is resolved again for every request, because a
    /// build swaps a new folder in under the same name.
    public let root: URL
    /// The path the site is published under (`base_url`'s path): `/` or `/portal/`.
    public var basePath: String

    public init(root: URL, basePath: String = "/") {
        self.root = root
        self.basePath = Self.normalise(basePath: basePath)
    }

    public enum Resolution: Equatable, Sendable {
        /// A regular file inside the output folder, by its real path.
        case file(URL)
        /// Elsewhere: a folder without its trailing slash, or `/` when the site has a base path.
        case redirect(location: String)
        /// No such file, or a path outside the base path: the site's 404 page.
        case notFound
        /// A path that tries to leave the output folder: `..`, `%2e%2e`, `%2F`, a link out.
        case forbidden
        /// A path that is not `/…` or has malformed percent-encoding.
        case badRequest
    }

    /// The file for a request path: `path` and `query` as they came, percent-encoded.
    public func resolve(path rawPath: String, query: String = "") -> Resolution {
        guard rawPath.hasPrefix("/") else { return .badRequest }
        let suffix = query.isEmpty ? "" : "?" + query
        var segments: [String] = []
        for raw in rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = String(raw).removingPercentEncoding else { return .badRequest }
            if segment == "." || segment == ".." { return .forbidden }
            if segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) { return .forbidden }
            segments.append(segment)
        }
        // "/" is [""], "/a/" is ["a", ""]: a last empty segment is the trailing slash.
        let trailingSlash = segments.last == ""
        if trailingSlash { segments.removeLast() }
        // "//x" and "/a//b" name nothing.
        if segments.contains("") { return .notFound }

        let base = basePath.split(separator: "/").map(String.init)
        if !base.isEmpty {
            if segments.isEmpty { return .redirect(location: Self.encode(basePath) + suffix) }
            guard segments.starts(with: base) else { return .notFound }
            segments.removeFirst(base.count)
        }

        guard let realRoot = Self.realPath(root.path) else { return .notFound }
        var candidate = realRoot
        for segment in segments { candidate += "/" + segment }
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard Self.isInside(real, realRoot) else { return .forbidden }
        switch Self.kind(real) {
        case .directory:
            guard trailingSlash else { return .redirect(location: rawPath + "/" + suffix) }
            guard let index = Self.realPath(real + "/index.html") else { return .notFound }
            guard Self.isInside(index, realRoot) else { return .forbidden }
            return Self.kind(index) == .file ? .file(URL(fileURLWithPath: index)) : .notFound
        case .file:
            return trailingSlash ? .notFound : .file(URL(fileURLWithPath: real))
        case .other:
            return .notFound
        }
    }

    /// The site's own 404 page (`404.html` at the top of the output folder), when it has one.
    public var notFoundPage: URL? {
        guard let realRoot = Self.realPath(root.path), let page = Self.realPath(realRoot + "/404.html"),
              Self.isInside(page, realRoot), Self.kind(page) == .file
        else { return nil }
        return URL(fileURLWithPath: page)
    }

    /// `/`, or the path with one leading and one trailing slash: `portal` → `/portal/`.
    static func normalise(basePath: String) -> String {
        let parts = basePath.split(separator: "/")
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }

    static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// The canonical absolute path, every symbolic link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    enum Kind { case file, directory, other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
