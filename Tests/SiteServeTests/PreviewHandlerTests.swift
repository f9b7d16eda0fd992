import FlyingFox
import Foundation
import SiteTestSupport
import Testing

@testable import SiteServe

private func request(_ target: String, method: HTTPMethod = .GET, headers: [HTTPHeader: String] = [:]) -> HTTPRequest {
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    return HTTPRequest(
        method: method, version: .http11, target: .init(path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : ""),
        headers: HTTPHeaders(headers), body: HTTPBodySequence(data: Data()))
}

private func text(_ response: HTTPResponse) async throws -> String {
    String(decoding: try await response.bodyData, as: UTF8.self)
}

@Suite("The preview server's answers")
struct PreviewHandlerTests {
    let site: TempSite
    let page = "<!DOCTYPE html>\n<html><body><p>首页</p></BODY>\n</html>\n"

    init() throws {
        site = try TempSite(files: [
            "Public/index.html": page,
            "Public/404.html": "<html><body>页面不存在</body></html>",
            "Public/assets/site.css": "body{}",
            "Public/xxgk/index.html": "<html><body>目录</body></html>",
            "secret.txt": "secret",
        ], defaultTheme: false)
    }

    func handler(watching: Bool = true, basePath: String = "/") -> (PreviewHandler, LiveReload?) {
        let live = watching ? LiveReload() : nil
        return (PreviewHandler(files: Locked(StaticFiles(root: site.url("Public"), basePath: basePath)), live: live), live)
    }

    @Test("a page gets the live-reload script before </body> in the response only, with an ETag")
    func injected() async throws {
        let (handler, live) = handler()
        let response = try await handler.handleRequest(request("/"))
        #expect(response.statusCode == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        let build = await live!.build
        let body = try await text(response)
        #expect(body == "<!DOCTYPE html>\n<html><body><p>首页</p><script src=\"/__site/live.js\" data-build=\"\(build)\"></script>\n</BODY>\n</html>\n")
        #expect(response.headers[.eTag] == EntityTag.of(Data(body.utf8)))
        #expect(response.headers[.cacheControl] == "no-cache")
        #expect(site.read("Public/index.html") == page)
    }

    @Test("with --no-watch, pages are sent exactly as written and there is no /__site/")
    func notWatching() async throws {
        let (handler, _) = handler(watching: false)
        #expect(try await text(handler.handleRequest(request("/"))) == page)
        #expect(try await handler.handleRequest(request("/__site/live.js")).statusCode == .notFound)
    }

    @Test("other files as they are, with their type")
    func asset() async throws {
        let (handler, _) = handler()
        let response = try await handler.handleRequest(request("/assets/site.css"))
        #expect(response.headers[.contentType] == "text/css; charset=utf-8")
        #expect(try await text(response) == "body{}")
        #expect(response.headers[HTTPHeader("X-Content-Type-Options")] == "nosniff")
    }

    @Test("If-None-Match with the ETag answers 304 with no body; another tag gets the page")
    func conditional() async throws {
        let (handler, _) = handler()
        let first = try await handler.handleRequest(request("/assets/site.css"))
        let tag = try #require(first.headers[.eTag])
        let again = try await handler.handleRequest(request("/assets/site.css", headers: [.ifNoneMatch: tag]))
        #expect(again.statusCode == .notModified)
        #expect(again.headers[.eTag] == tag)
        #expect(again.headers[.contentLength] == "6")
        #expect(try await again.bodyData.isEmpty)
        let other = try await handler.handleRequest(request("/assets/site.css", headers: [.ifNoneMatch: "\"0000\""]))
        #expect(other.statusCode == .ok)
    }

    @Test("HEAD: the headers of GET, its length included, and no body")
    func head() async throws {
        let (handler, _) = handler()
        let get = try await handler.handleRequest(request("/"))
        let head = try await handler.handleRequest(request("/", method: .HEAD))
        #expect(head.statusCode == .ok)
        #expect(head.headers[.contentLength] == String(try await get.bodyData.count))
        #expect(head.headers[.eTag] == get.headers[.eTag])
        #expect(try await head.bodyData.isEmpty)
        let missing = try await handler.handleRequest(request("/missing", method: .HEAD))
        #expect(missing.statusCode == .notFound)
        #expect(try await missing.bodyData.isEmpty)
    }

    @Test("a missing page is the site's 404.html with status 404, the script in it")
    func notFound() async throws {
        let (handler, _) = handler()
        let response = try await handler.handleRequest(request("/nothing/here"))
        #expect(response.statusCode == .notFound)
        let body = try await text(response)
        #expect(body.hasPrefix("<html><body>页面不存在<script src=\"/__site/live.js\""))
        #expect(response.headers[.eTag] == nil)
    }

    @Test("before any good build, a small 404 page of our own still carries the script")
    func notBuilt() async throws {
        try site.remove("Public")
        let (handler, _) = handler()
        let response = try await handler.handleRequest(request("/"))
        #expect(response.statusCode == .notFound)
        #expect(try await text(response).contains("<script src=\"/__site/live.js\""))
    }

    @Test("traversal is refused with 403 and never answers with the file")
    func traversal() async throws {
        let (handler, _) = handler()
        for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/assets%2F..%2F..%2Fsecret.txt"] {
            let response = try await handler.handleRequest(request(target))
            #expect(response.statusCode == .forbidden, "\(target)")
            #expect(try await !text(response).contains("secret"))
        }
        #expect(try await handler.handleRequest(request("/%zz")).statusCode == .badRequest)
    }

    @Test("a folder without its slash and / under a base path redirect, keeping the query")
    func redirects() async throws {
        let (plain, _) = handler()
        let folder = try await plain.handleRequest(request("/xxgk?page=2"))
        #expect(folder.statusCode == .found)
        #expect(folder.headers[.location] == "/xxgk/?page=2")
        let (based, _) = handler(basePath: "/portal/")
        let root = try await based.handleRequest(request("/"))
        #expect(root.statusCode == .found)
        #expect(root.headers[.location] == "/portal/")
        #expect(try await based.handleRequest(request("/portal/xxgk/")).statusCode == .ok)
        #expect(try await based.handleRequest(request("/xxgk/")).statusCode == .notFound)
    }

    @Test("methods other than GET and HEAD: 405 with Allow")
    func methods() async throws {
        let (handler, _) = handler()
        let response = try await handler.handleRequest(request("/", method: .POST))
        #expect(response.statusCode == .methodNotAllowed)
        #expect(response.headers[HTTPHeader("Allow")] == "GET, HEAD")
    }

    @Test("the live-reload script, and the socket only for pages of this server")
    func live() async throws {
        let (handler, _) = handler()
        let script = try await handler.handleRequest(request("/__site/live.js"))
        #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
        #expect(try await text(script).contains("new WebSocket("))
        let upgrade: [HTTPHeader: String] = [
            .host: "127.0.0.1:1313", .upgrade: "websocket", .connection: "Upgrade",
            .webSocketKey: "dGhlIHNhbXBsZSBub25jZQ==", .webSocketVersion: "13",
        ]
        let same = try await handler.handleRequest(request("/__site/live", headers: upgrade.merging([HTTPHeader("Origin"): "http://127.0.0.1:1313"]) { $1 }))
        #expect(same.statusCode == .switchingProtocols)
        #expect(same.headers[.webSocketAccept] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        let other = try await handler.handleRequest(request("/__site/live", headers: upgrade.merging([HTTPHeader("Origin"): "https://evil.example"]) { $1 }))
        #expect(other.statusCode == .forbidden)
    }
}

@Suite("Live reload")
struct LiveReloadTests {
    @Test("the script goes before the last </body>, any case, or at the end")
    func inject() {
        let tag = "<script src=\"/__site/live.js\" data-build=\"b-1\"></script>\n"
        func injected(_ html: String) -> String { String(decoding: LiveReload.inject(into: Data(html.utf8), build: "b-1"), as: UTF8.self) }
        #expect(injected("<body>a</body><!-- </body> --></body>") == "<body>a</body><!-- </body> -->\(tag)</body>")
        #expect(injected("<BODY>a</BODY>") == "<BODY>a\(tag)</BODY>")
        #expect(injected("<p>fragment") == "<p>fragment\(tag)")
    }

    @Test("pages hear hello, then reload after a good build and the failure after a bad one")
    func messages() async throws {
        let live = LiveReload()
        let first = await live.build
        var messages = await live.connect().makeAsyncIterator()
        #expect(await messages.next() == .text(#"{"build":"\#(first)","type":"hello"}"#))
        await live.failed(BuildFailure(summary: "1 error, 0 warnings", diagnostics: "a.md:1:1: error: <b>x</b> [r]\n"))
        #expect(await messages.next() == .text(#"{"build":"\#(first)","failure":{"diagnostics":"a.md:1:1: error: <b>x</b> [r]\n","summary":"1 error, 0 warnings"},"type":"failure"}"#))
        // A page that connects now hears the failure at once.
        var late = await live.connect().makeAsyncIterator()
        guard case .text(let hello)? = await late.next() else { Issue.record("no hello"); return }
        #expect(hello.contains(#""failure":{"diagnostics""#))
        await live.published()
        let second = await live.build
        #expect(second != first)
        #expect(await messages.next() == .text(#"{"build":"\#(second)","type":"reload"}"#))
        #expect(await live.failure == nil)
        #expect(await live.connectedPages == 2)
        await live.closeAll()
        #expect(await messages.next() == .close(.goingAway))
        #expect(await messages.next() == nil)
    }
}
