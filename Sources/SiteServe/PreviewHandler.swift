import FlyingFox
import Foundation

/// Answers every request of the preview server: the output folder's files (GET and HEAD), and
/// while watching, the live-reload socket and script under `/__site/`.
public struct PreviewHandler: HTTPHandler {
    let files: Locked<StaticFiles>
    /// Nil with `--no-watch`: then pages are served exactly as they are written.
    let live: LiveReload?

    public init(files: Locked<StaticFiles>, live: LiveReload?) {
        self.files = files
        self.live = live
    }

    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.target.path()
        if let live, path == LiveReload.socketPath {
            guard Self.isSameOrigin(request.headers) else { return Self.plain(.forbidden, "403 Forbidden\n") }
            return try await WebSocketHTTPHandler.webSocket(LiveReloadSocket(live: live)).handleRequest(request)
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = Self.plain(.methodNotAllowed, "405 Method Not Allowed\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        if live != nil, path == LiveReload.scriptPath {
            return respond(to: request, status: .ok, contentType: "text/javascript; charset=utf-8", body: Data(LiveReload.script.utf8))
        }

        let site = files.value
        switch site.resolve(path: path, query: request.target.query()) {
        case .file(let url):
            guard let data = FileManager.default.contents(atPath: url.path) else { return await notFound(request, site) }
            return await page(request, status: .ok, name: url.lastPathComponent, data: data)
        case .redirect(let location):
            var response = HTTPResponse(statusCode: .found, headers: [.location: location, .contentType: "text/plain; charset=utf-8"], body: Data("302 Found: \(location)\n".utf8))
            if request.method == .HEAD { response = Self.headOnly(response, length: location.utf8.count + 12) }
            return response
        case .notFound:
            return await notFound(request, site)
        case .forbidden:
            return Self.plain(.forbidden, "403 Forbidden\n")
        case .badRequest:
            return Self.plain(.badRequest, "400 Bad Request\n")
        }
    }

    /// The site's `404.html` with status 404, or a small page of our own when it has none (before
    /// the first good build), so the live-reload script still reaches the browser.
    private func notFound(_ request: HTTPRequest, _ site: StaticFiles) async -> HTTPResponse {
        if let page = site.notFoundPage, let data = FileManager.default.contents(atPath: page.path) {
            return await self.page(request, status: .notFound, name: "404.html", data: data)
        }
        let fallback = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>404 Not Found</title></head>
            <body><h1>404 Not Found</h1></body></html>

            """
        return await page(request, status: .notFound, name: "404.html", data: Data(fallback.utf8))
    }

    /// A file's bytes as a response: the live-reload script put into HTML while watching, an ETag
    /// on a 200, and `304 Not Modified` when `If-None-Match` names it.
    private func page(_ request: HTTPRequest, status: HTTPStatusCode, name: String, data: Data) async -> HTTPResponse {
        let type = MediaType.forFile(named: name)
        var body = data
        if let live, MediaType.isHTML(type) {
            body = LiveReload.inject(into: data, build: await live.build)
        }
        return respond(to: request, status: status, contentType: type, body: body)
    }

    private func respond(to request: HTTPRequest, status: HTTPStatusCode, contentType: String, body: Data) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: contentType,
            .cacheControl: "no-cache",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        guard status == .ok else {
            let response = HTTPResponse(statusCode: status, headers: headers, body: body)
            return request.method == .HEAD ? Self.headOnly(response, length: body.count) : response
        }
        let tag = EntityTag.of(body)
        headers[.eTag] = tag
        if let ifNoneMatch = request.headers[.ifNoneMatch], EntityTag.matches(ifNoneMatch: ifNoneMatch, tag) {
            // No body; the length is the one a 200 would have (RFC 9110 §8.6), not 0.
            headers[.contentType] = nil
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        let response = HTTPResponse(statusCode: .ok, headers: headers, body: body)
        return request.method == .HEAD ? Self.headOnly(response, length: body.count) : response
    }

    /// The headers of a GET, its length included, and no body.
    private static func headOnly(_ response: HTTPResponse, length: Int) -> HTTPResponse {
        var headers = response.headers
        headers[.contentLength] = String(length)
        return HTTPResponse(statusCode: response.statusCode, headers: headers)
    }

    private static func plain(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"], body: Data(text.utf8))
    }

    /// A browser's socket must come from a page of this server (its `Origin` names the `Host` it
    /// connects to), so another site open in the browser cannot listen in. Clients that send no
    /// `Origin` (not browsers) may connect.
    static func isSameOrigin(_ headers: HTTPHeaders) -> Bool {
        guard let origin = headers[HTTPHeader("Origin")] else { return true }
        guard let host = headers[.host], let scheme = origin.range(of: "://") else { return false }
        return origin[scheme.upperBound...].lowercased() == host.lowercased()
    }
}

/// A value shared between requests and the build loop, behind a lock.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    public init(_ value: Value) { stored = value }

    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    public func update(_ change: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&stored)
    }
}
