import Foundation
import SiteTestSupport
import Testing

@testable import SiteServe

/// An output folder with a file outside it and links in and out.
private final class ServedFolder: @unchecked Sendable {
    let site: TempSite
    var root: URL { site.url("Public") }

    init() throws {
        site = try TempSite(files: [
            "Public/index.html": "<html><body>home</body></html>",
            "Public/404.html": "<html><body>not here</body></html>",
            "Public/a/index.html": "<html><body>a</body></html>",
            "Public/a/b.txt": "b",
            "Public/a/附件 1.pdf": "%PDF",
            "Public/empty/.keep": "",
            "Public/portal-files/x.css": "x",
            "secret.txt": "secret",
            "outside/inner.txt": "inner",
        ], defaultTheme: false)
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: site.url("Public/link-out.txt").path, withDestinationPath: site.url("secret.txt").path)
        try manager.createSymbolicLink(atPath: site.url("Public/folder-out").path, withDestinationPath: site.url("outside").path)
        try manager.createSymbolicLink(atPath: site.url("Public/relative-out.txt").path, withDestinationPath: "../secret.txt")
        try manager.createSymbolicLink(atPath: site.url("Public/link-in.txt").path, withDestinationPath: "a/b.txt")
        try manager.createDirectory(at: site.url("Public/c"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: site.url("Public/c/index.html").path, withDestinationPath: "../../secret.txt")
    }

    func real(_ path: String) -> URL {
        URL(fileURLWithPath: StaticFiles.realPath(site.url(path).path)!)
    }
}

@Suite("Request paths map to files of the output folder only")
struct StaticFilesTests {
    @Test("/ and folders serve their index.html; a folder without its slash redirects")
    func folders() throws {
        let folder = try ServedFolder()
        let files = StaticFiles(root: folder.root)
        #expect(files.resolve(path: "/") == .file(folder.real("Public/index.html")))
        #expect(files.resolve(path: "/a/") == .file(folder.real("Public/a/index.html")))
        #expect(files.resolve(path: "/a") == .redirect(location: "/a/"))
        #expect(files.resolve(path: "/a", query: "q=1") == .redirect(location: "/a/?q=1"))
        #expect(files.resolve(path: "/empty/") == .notFound)
        #expect(files.resolve(path: "/index.html") == .file(folder.real("Public/index.html")))
    }

    @Test("files by their percent-encoded names; a file with a trailing slash or a missing one is not found")
    func files() throws {
        let folder = try ServedFolder()
        let files = StaticFiles(root: folder.root)
        #expect(files.resolve(path: "/a/b.txt", query: "x=1") == .file(folder.real("Public/a/b.txt")))
        #expect(files.resolve(path: "/a/%E9%99%84%E4%BB%B6%201.pdf") == .file(folder.real("Public/a/附件 1.pdf")))
        #expect(files.resolve(path: "/a/b.txt/") == .notFound)
        #expect(files.resolve(path: "/a/missing.html") == .notFound)
        #expect(files.resolve(path: "/missing/") == .notFound)
        #expect(files.resolve(path: "//a/b.txt") == .notFound)
        #expect(files.resolve(path: "/a//b.txt") == .notFound)
    }

    @Test("traversal is refused, plain or percent-encoded, and never resolves to a file", arguments: [
        "/../secret.txt", "/a/../../secret.txt", "/a/..", "/./index.html", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/.%2e/secret.txt", "/a/%2e%2e/%2e%2e/secret.txt", "/a%2F..%2F..%2Fsecret.txt", "/%2e%2e%2fsecret.txt",
        "/a/b.txt%00", "/..%5Csecret.txt", "/a%2fb.txt",
    ])
    func traversal(path: String) throws {
        let folder = try ServedFolder()
        #expect(StaticFiles(root: folder.root).resolve(path: path) == .forbidden)
        #expect(StaticFiles(root: folder.root, basePath: "/portal/").resolve(path: "/portal" + path) == .forbidden)
    }

    @Test("a path that is not absolute, or malformed percent-encoding, is a bad request")
    func malformed() throws {
        let folder = try ServedFolder()
        let files = StaticFiles(root: folder.root)
        #expect(files.resolve(path: "a/b.txt") == .badRequest)
        #expect(files.resolve(path: "http://example.com/a/b.txt") == .badRequest)
        #expect(files.resolve(path: "/%zz") == .badRequest)
        #expect(files.resolve(path: "/%ff%fe") == .badRequest)
    }

    @Test("symbolic links that resolve outside the folder are refused; links inside are followed")
    func symlinks() throws {
        let folder = try ServedFolder()
        let files = StaticFiles(root: folder.root)
        #expect(files.resolve(path: "/link-out.txt") == .forbidden)
        #expect(files.resolve(path: "/relative-out.txt") == .forbidden)
        #expect(files.resolve(path: "/folder-out/inner.txt") == .forbidden)
        #expect(files.resolve(path: "/folder-out/") == .forbidden)
        #expect(files.resolve(path: "/c/") == .forbidden)
        #expect(files.resolve(path: "/link-in.txt") == .file(folder.real("Public/a/b.txt")))
    }

    @Test("a base path: requests are mapped under it, / and the bare base path redirect to it")
    func basePath() throws {
        let folder = try ServedFolder()
        let files = StaticFiles(root: folder.root, basePath: "/portal/")
        #expect(files.resolve(path: "/") == .redirect(location: "/portal/"))
        #expect(files.resolve(path: "/", query: "q=税") == .redirect(location: "/portal/?q=税"))
        #expect(files.resolve(path: "/portal") == .redirect(location: "/portal/"))
        #expect(files.resolve(path: "/portal/") == .file(folder.real("Public/index.html")))
        #expect(files.resolve(path: "/portal/a/b.txt") == .file(folder.real("Public/a/b.txt")))
        #expect(files.resolve(path: "/portal/a") == .redirect(location: "/portal/a/"))
        #expect(files.resolve(path: "/a/b.txt") == .notFound)
        #expect(files.resolve(path: "/portal-files/x.css") == .notFound)
        #expect(files.resolve(path: "/portalx/") == .notFound)
        let deep = StaticFiles(root: folder.root, basePath: "/gov/portal")
        #expect(deep.basePath == "/gov/portal/")
        #expect(deep.resolve(path: "/gov/portal/a/b.txt") == .file(folder.real("Public/a/b.txt")))
        #expect(deep.resolve(path: "/gov/") == .notFound)
        #expect(deep.resolve(path: "/") == .redirect(location: "/gov/portal/"))
    }

    @Test("base paths are normalised to one leading and one trailing slash")
    func normalise() {
        #expect(StaticFiles.normalise(basePath: "") == "/")
        #expect(StaticFiles.normalise(basePath: "/") == "/")
        #expect(StaticFiles.normalise(basePath: "portal") == "/portal/")
        #expect(StaticFiles.normalise(basePath: "/a/b") == "/a/b/")
    }

    @Test("the site's 404.html; none when the output folder is missing")
    func notFoundPage() throws {
        let folder = try ServedFolder()
        #expect(StaticFiles(root: folder.root).notFoundPage == folder.real("Public/404.html"))
        let missing = StaticFiles(root: folder.site.url("Nothing"))
        #expect(missing.notFoundPage == nil)
        #expect(missing.resolve(path: "/") == .notFound)
    }
}
