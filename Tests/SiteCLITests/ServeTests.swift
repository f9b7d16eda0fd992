import Foundation
import SiteTestSupport
import Testing

/// `site serve` as a person runs it: the binary in a site folder, read through its output.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ arguments: [String], in folder: URL) throws {
        process.executableURL = SiteBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Polls until `condition` holds, for at most `timeout` seconds.
    func wait(_ timeout: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }
}

/// The JSON messages of the live-reload socket, read until one of a type comes.
private func message(_ type: String, from socket: LoopbackWebSocket, within timeout: Double) throws -> [String: Any]? {
    let deadline = Date().addingTimeInterval(timeout)
    while deadline.timeIntervalSinceNow > 0 {
        guard let text = try socket.next(timeout: deadline.timeIntervalSinceNow) else { return nil }
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        if object?["type"] as? String == type { return object }
    }
    return nil
}

@Suite("site serve")
struct ServeTests {
    @Test("serves the build over IPv6 and IPv4, rebuilds on an edit, reloads pages, shows errors, stops on SIGINT")
    func serve() throws {
        let site = try TempSite(files: SampleSite.files)
        let server = try ServeProcess(["serve", "--port", "0", "--as-of", "2021-06-01"], in: site.root)
        defer { if server.process.isRunning { server.process.terminate() } }
        #expect(server.wait(120) { server.stdout.contains("Press Ctrl-C to stop.") }, "stdout: \(server.stdout)\nstderr: \(server.stderr)")

        // The URLs it prints: one for each family, on the port the system chose.
        let urls = server.stdout.split(separator: "\n").filter { $0.hasPrefix("  http://") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(urls.count == 2, "\(server.stdout)")
        let port = try #require(urls.first.flatMap { URL(string: $0)?.port }.map(UInt16.init))
        #expect(urls == ["http://[::1]:\(port)/", "http://127.0.0.1:\(port)/"])
        #expect(server.stdout.hasPrefix("Built 49 files from 3 public documents (4 loaded) into Public/ as of 2021-06-01 in "))

        // The same page over both addresses: the file `site build` wrote, with the script added.
        let written = try #require(site.read("Public/policies/gongkai/index.html"))
        var build = ""
        for host in ["::1", "127.0.0.1"] {
            let page = try LoopbackHTTP.request(host: host, port: port, path: "/policies/gongkai/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.text.contains("请认真贯彻执行"))
            let tag = try #require(page.text.range(of: #"<script src="/__site/live.js" data-build="[^"]+"></script>\n"#, options: .regularExpression))
            build = String(page.text[tag].split(separator: "\"")[3])
            #expect(page.text.replacingCharacters(in: tag, with: "") == written)
        }
        // Nothing of the server is written to the output folder.
        for file in site.files(under: "Public") {
            #expect(site.read("Public/" + file)?.contains("__site") != true, "\(file)")
        }

        // The site's 404 page, with 404; HEAD; a conditional GET.
        let missing = try LoopbackHTTP.request(host: "::1", port: port, path: "/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("您访问的页面不存在"))
        let get = try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/")
        let head = try LoopbackHTTP.request("HEAD", host: "127.0.0.1", port: port, path: "/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(get.body.count))
        let etag = try #require(get.headers["etag"])
        #expect(head.headers["etag"] == etag)
        let notModified = try LoopbackHTTP.request(host: "::1", port: port, path: "/", headers: ["If-None-Match": etag])
        #expect(notModified.status == 304)
        #expect(notModified.body.isEmpty)
        #expect(try LoopbackHTTP.request(host: "::1", port: port, path: "/assets/site.css").headers["content-type"] == "text/css; charset=utf-8")

        // Traversal, plain and encoded, never reaches the sources next to Public/.
        for path in ["/../Content/site.yaml", "/%2e%2e/Content/site.yaml", "/assets%2F..%2F..%2FContent%2Fsite.yaml"] {
            let refused = try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: path)
            #expect(refused.status == 403, "\(path)")
            #expect(!refused.text.contains("organization_code"), "\(path)")
        }

        // A page's socket: hello names the build the page came from.
        let socket = try LoopbackWebSocket(host: "::1", port: port, path: "/__site/live")
        defer { socket.close() }
        let hello = try #require(try message("hello", from: socket, within: 10))
        #expect(hello["build"] as? String == build)
        #expect(hello["failure"] == nil)

        // An edit: rebuilt, pages told to reload, the new text served.
        try site.write("Content/policies/gongkai.md", SampleSite.policy.replacingOccurrences(of: "请认真贯彻执行", with: "请认真抓好落实"))
        let reload = try #require(try message("reload", from: socket, within: 60))
        #expect(reload["build"] as? String != build)
        let edited = try LoopbackHTTP.request(host: "::1", port: port, path: "/policies/gongkai/")
        #expect(edited.text.contains("请认真抓好落实"))
        #expect(server.wait(10) { server.stdout.contains("Content/policies/gongkai.md changed: rebuilt 49 files, 0 errors, 0 warnings, ") })

        // An error: the failure reaches the page, the last good build is still served.
        try site.write("Content/policies/gongkai.md", SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzfd"))
        let failure = try #require(try message("failure", from: socket, within: 60))
        let details = try #require(failure["failure"] as? [String: Any])
        #expect(details["summary"] as? String == "1 error, 0 warnings")
        #expect((details["diagnostics"] as? String)?.contains("Content/policies/gongkai.md:4:9: error: agency 'xzfd' is not defined in agencies.yaml [graph.unknown-agency]") == true)
        let stale = try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/policies/gongkai/")
        #expect(stale.status == 200)
        #expect(stale.text.contains("请认真抓好落实"))
        #expect(server.wait(10) { server.stdout.contains("build failed, 1 error, 0 warnings") && server.stdout.contains("still serving the last good build") })
        #expect(server.stderr.contains("[graph.unknown-agency]"))
        // A page opened now hears the failure at once.
        let late = try LoopbackWebSocket(host: "127.0.0.1", port: port, path: "/__site/live")
        defer { late.close() }
        let lateHello = try #require(try message("hello", from: late, within: 10))
        #expect(lateHello["failure"] != nil)

        // Ctrl-C: a clean stop, exit 0.
        server.process.interrupt()
        #expect(server.wait(15) { !server.process.isRunning })
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
        #expect(server.wait(5) { server.stdout.hasSuffix("Stopped.\n") }, "\(server.stdout)")
    }

    @Test("--no-watch serves the files as they are written, under the base path, with no live-reload script")
    func noWatch() throws {
        let site = try TempSite(files: SampleSite.files)
        let arguments = ["serve", "--port", "0", "--host", "127.0.0.1", "--no-watch", "--as-of", "2021-06-01", "--base-url", "https://www.example.gov.cn/portal/"]
        let server = try ServeProcess(arguments, in: site.root)
        defer { if server.process.isRunning { server.process.terminate() } }
        #expect(server.wait(120) { server.stdout.contains("Press Ctrl-C to stop.") }, "stdout: \(server.stdout)\nstderr: \(server.stderr)")
        let line = try #require(server.stdout.split(separator: "\n").first { $0.hasPrefix("  http://127.0.0.1:") })
        let port = try #require(URL(string: line.trimmingCharacters(in: .whitespaces))?.port.map(UInt16.init))
        #expect(server.stdout.contains("Serving Public/ on 127.0.0.1:\(port):\n  http://127.0.0.1:\(port)/portal/\n"))
        let page = try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/portal/")
        #expect(page.status == 200)
        #expect(page.text == site.read("Public/index.html"))
        #expect(page.text.contains("href=\"/portal/assets/site.css\""))
        let root = try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/")
        #expect(root.status == 302)
        #expect(root.headers["location"] == "/portal/")
        #expect(try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/portal/assets/site.css").status == 200)
        #expect(try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/assets/site.css").status == 404)
        #expect(try LoopbackHTTP.request(host: "127.0.0.1", port: port, path: "/__site/live.js").status == 404)

        // The port is taken now: a second server says so and exits 2.
        let second = try SiteBinary.run(["serve", "--host", "127.0.0.1", "--port", String(port), "--no-watch", "--as-of", "2021-06-01", "--output", "Other"], in: site.root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1 port \(port): the port is in use"), "\(second.stderr)")

        server.process.terminate()
        #expect(server.wait(15) { !server.process.isRunning })
        #expect(server.process.terminationStatus == 0)
    }

    @Test("with errors and --no-watch nothing is served: exit 1, like site build")
    func failedNoWatch() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzfd")
        let site = try TempSite(files: files)
        let result = try SiteBinary.run(["serve", "--port", "0", "--no-watch"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("Nothing was published because of errors.\n"))
        #expect(!site.exists("Public"))
    }

    @Test("a host that is no address: exit 2 with the reason")
    func cannotListen() throws {
        let site = try TempSite(files: SampleSite.files)
        let result = try SiteBinary.run(["serve", "--host", "no-such-host.invalid", "--no-watch", "--as-of", "2021-06-01"], in: site.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot resolve host 'no-such-host.invalid'"))
    }
}
