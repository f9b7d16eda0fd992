import Foundation
import SiteCore
import SiteOutput

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `site verify`: fetches every file that `manifest.json` of the output folder lists, and the
/// manifest itself, from a running server, and compares each with the build by SHA-256. A file the
/// server does not have (404), one it sends other bytes for (an old deployment, an edit on the
/// server, a copy cut short), and any other answer are reported, one line each.
///
/// Files are asked for with `Accept-Encoding: identity`, so the server sends them as they are; a
/// precompressed copy (`a.html.gz`) is in the manifest and fetched by its own name.
public struct Verifier: Sendable {
    /// The address the output folder's root is served at. Without a path (or with `/`), the site's
    /// base path is added: `http://[::1]:8080` checks a `/portal/` site under `/portal/`.
    public let url: URL
    public let output: URL
    /// How the output folder is named in messages (`Public`).
    public let outputDisplay: String
    /// Requests at once.
    public var concurrency = 8
    /// Seconds to wait for one answer.
    public var timeout: Double = 30

    public init(url: URL, output: URL, outputDisplay: String) {
        self.url = url
        self.output = output
        var display = outputDisplay
        while display.count > 1 && display.hasSuffix("/") { display.removeLast() }
        self.outputDisplay = display
    }

    /// Why verifying could not start or finish: exit status 2.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// What one file turned out to be on the server.
    public enum Outcome: Equatable, Sendable {
        case match
        /// 404 or 410.
        case missing(status: Int)
        /// Other bytes than the build's.
        case altered(size: Int, sha256: String)
        /// Any other status: a redirect, 403, 500 …
        case status(Int)
        /// No answer: refused, timed out, cut off.
        case unreachable(String)
    }

    public struct Finding: Sendable {
        public let file: Manifest.File
        public let url: URL
        public let outcome: Outcome
    }

    public struct Report: Sendable {
        /// The address files were fetched under (with the base path).
        public let root: URL
        /// Every file checked, sorted by path; the manifest itself among them.
        public let findings: [Finding]

        public func count(_ matching: (Outcome) -> Bool) -> Int { findings.count { matching($0.outcome) } }
        public var matching: Int { count { $0 == .match } }
        public var missing: Int { count { if case .missing = $0 { true } else { false } } }
        public var altered: Int { count { if case .altered = $0 { true } else { false } } }
        public var otherStatus: Int { count { if case .status = $0 { true } else { false } } }
        public var unreachable: Int { count { if case .unreachable = $0 { true } else { false } } }

        /// 0 every file matches; 1 some are missing or differ (or answered otherwise); 2 some
        /// could not be fetched at all, so the comparison is incomplete.
        public var exitCode: Int32 {
            if unreachable > 0 { return 2 }
            return matching == findings.count ? 0 : 1
        }
    }

    /// The manifest of the output folder and the stamp of the manifest file itself.
    public func manifest() throws(Failure) -> (manifest: Manifest, own: Manifest.File) {
        let file = output.appendingPathComponent(Manifest.path)
        let display = "\(outputDisplay)/\(Manifest.path)"
        guard let data = FileManager.default.contents(atPath: file.path) else {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) || !isFolder.boolValue {
                throw Failure(description: "\(outputDisplay): error: no such folder: build the site first (site build --output \(outputDisplay))")
            }
            throw Failure(description: "\(display): error: no manifest: build the site again with this version of site")
        }
        switch Manifest.decode(data) {
        case .success(let manifest):
            return (manifest, Manifest.File(path: Manifest.path, size: Int64(data.count), sha256: Manifest.sha256(data)))
        case .failure(let error):
            throw Failure(description: "\(display): error: not a manifest of site build: \(error.reason)")
        }
    }

    /// Where the files are fetched from: `url`, with the base path added when it has no path.
    public static func root(_ url: URL, basePath: String) -> URL {
        var text = url.absoluteString
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
        let path = url.path
        if path.isEmpty || path == "/" {
            while text.hasSuffix("/") { text.removeLast() }
            text += basePath
        } else if !text.hasSuffix("/") {
            text += "/"
        }
        return URL(string: text) ?? url
    }

    /// The address of a file of the output: each segment percent-encoded as UTF-8, all but the
    /// unreserved characters of RFC 3986.
    public static func address(of path: String, under root: URL) -> URL {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: unreserved) ?? String($0) }
            .joined(separator: "/")
        return URL(string: root.absoluteString + encoded) ?? root
    }

    /// Fetches and compares every file; throws only when the server cannot be reached at all (the
    /// manifest, fetched first, gets no answer).
    public func run() async throws(Failure) -> Report {
        let (manifest, own) = try manifest()
        let root = Self.root(url, basePath: manifest.basePath)
        let client = Client(timeout: timeout, concurrency: concurrency)
        defer { client.finish() }

        let first = await client.check(own, at: Self.address(of: own.path, under: root))
        if case .unreachable(let reason) = first.outcome {
            throw Failure(description: "error: cannot reach \(root.absoluteString): \(reason)")
        }
        var findings = [first]
        let files = manifest.files
        await withTaskGroup(of: Finding.self) { group in
            var next = 0
            func add() {
                guard next < files.count else { return }
                let file = files[next]
                next += 1
                group.addTask { await client.check(file, at: Self.address(of: file.path, under: root)) }
            }
            for _ in 0..<max(1, concurrency) { add() }
            while let finding = await group.next() {
                findings.append(finding)
                add()
            }
        }
        findings.sort { ByteSearch.precedes($0.file.path, $1.file.path) }
        return Report(root: root, findings: findings)
    }

    // MARK: Reporting

    /// One line per file that does not match, as a compiler prints errors, sorted by path.
    public func lines(_ report: Report) -> [String] {
        report.findings.compactMap { finding in
            let shown = "\(outputDisplay)/\(finding.file.path): error: "
            let url = finding.url.absoluteString
            switch finding.outcome {
            case .match:
                return nil
            case .missing(let status):
                return shown + "missing on the server: \(url) answered \(status)"
            case .altered(let size, let sha256):
                return shown + "differs on the server: \(url) sent \(Self.bytes(Int64(size))) with SHA-256 \(sha256.prefix(16))…, "
                    + "the build wrote \(Self.bytes(finding.file.size)) with SHA-256 \(finding.file.sha256.prefix(16))…"
            case .status(let status):
                return shown + "\(url) answered \(status) instead of the file"
            case .unreachable(let reason):
                return shown + "could not fetch \(url): \(reason)"
            }
        }
    }

    /// The closing line.
    public func summary(_ report: Report) -> String {
        let total = report.findings.count
        let at = report.root.absoluteString
        if report.exitCode == 0 {
            return "All \(total) files at \(at) match the build in \(outputDisplay)/"
        }
        var parts = ["\(report.matching) match"]
        if report.missing > 0 { parts.append("\(report.missing) missing") }
        if report.altered > 0 { parts.append("\(report.altered) differ\(report.altered == 1 ? "s" : "")") }
        if report.otherStatus > 0 { parts.append("\(report.otherStatus) answered otherwise") }
        if report.unreachable > 0 { parts.append("\(report.unreachable) could not be fetched") }
        return "Verified \(total) files at \(at) against \(outputDisplay)/: " + parts.joined(separator: ", ")
    }

    static func bytes(_ count: Int64) -> String { "\(count) byte\(count == 1 ? "" : "s")" }
}

/// The HTTP client: one URLSession, no cache, no cookies, redirects not followed (a redirect is an
/// answer to report, not the file).
final class Client: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private var session: URLSession!

    init(timeout: Double, concurrency: Int) {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = max(1, concurrency)
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 4
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func finish() {
        session.finishTasksAndInvalidate()
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    /// Sent with every request: the file as it is, never from a cache.
    static func headers() -> [(String, String)] {
        [("Accept-Encoding", "identity"), ("Cache-Control", "no-cache"), ("User-Agent", "site-verify/\(SiteVersion.current)")]
    }

    func check(_ file: Manifest.File, at url: URL) async -> Verifier.Finding {
        let outcome: Verifier.Outcome
        switch await fetch(url) {
        case .success(let (status, data)):
            switch status {
            case 200:
                let sha256 = Manifest.sha256(data)
                outcome = sha256 == file.sha256 && Int64(data.count) == file.size ? .match : .altered(size: data.count, sha256: sha256)
            case 404, 410:
                outcome = .missing(status: status)
            default:
                outcome = .status(status)
            }
        case .failure(let failure):
            outcome = .unreachable(failure.reason)
        }
        return Verifier.Finding(file: file, url: url, outcome: outcome)
    }

    /// The status and body; an IPv6 literal host over `PlainHTTP` (see there), anything else
    /// through URLSession.
    func fetch(_ url: URL) async -> Result<(Int, Data), PlainHTTP.Failure> {
        let host = (url.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host.contains(":") {
            guard url.scheme?.lowercased() == "http" else {
                return .failure(PlainHTTP.Failure(
                    reason: "https:// with an IPv6 literal is not supported by this system's Foundation (NSURLErrorBadURL); use a host name"))
            }
            let port = url.port ?? 80
            let target = URLComponents(url: url, resolvingAgainstBaseURL: false).map { $0.percentEncodedPath.isEmpty ? "/" : $0.percentEncodedPath } ?? "/"
            let timeout = session.configuration.timeoutIntervalForRequest
            return await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    do throws(PlainHTTP.Failure) {
                        let response = try PlainHTTP.get(host: host, port: port, target: target, headers: Self.headers(), timeout: timeout)
                        continuation.resume(returning: .success((response.status, response.body)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
        }
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        for (name, value) in Self.headers() { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await session.data(for: request)
            return .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data))
        } catch {
            return .failure(PlainHTTP.Failure(reason: Self.reason(error)))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? URLError {
            switch error.code {
            case .cannotConnectToHost: return "connection refused"
            case .timedOut: return "no answer in time"
            case .cannotFindHost: return "no such host"
            case .networkConnectionLost: return "the connection was cut off"
            default: break
            }
        }
        return (error as NSError).localizedDescription
    }
}
