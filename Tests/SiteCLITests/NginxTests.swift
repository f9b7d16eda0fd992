import Foundation
import SiteTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Debian's nginx, run as a plain foreground process on loopback with the server block of
/// docs/deploy/nginx.conf, serving a copy of the example portal as `site build --precompress`
/// wrote it; then `site verify` against it.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// nginx's path, on PATH or in /usr/sbin (where Debian puts it, off a user's PATH).
let nginxPath: String? = {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/local/sbin"
    return path.split(separator: ":").map { "\($0)/nginx" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

@Suite("Deploying to nginx (docs/deploy.md)")
struct NginxTests {
    static let nginx = nginxPath

    static let brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

    /// A port nothing listens on now, on `host`: the system picks one for a socket that is then closed.
    static func freePort(_ host: String) throws -> UInt16 {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "0", &hints, &list) == 0, let info = list else { throw TestFailure("getaddrinfo \(host)") }
        defer { freeaddrinfo(info) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
        defer { close(fd) }
        guard fd >= 0, bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            throw TestFailure("bind \(host): \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = withUnsafePointer(to: &address) { pointer -> UInt16 in
            if info.pointee.ai_family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        return port
    }

    /// The documented server block with the test's addresses and folder; the harness around it
    /// keeps every file nginx writes (pid, logs, temporary files) in `folder`.
    static func configuration(root: URL, folder: URL, ipv6: UInt16, ipv4: UInt16, brotli: Bool) throws -> String {
        let documented = try String(contentsOf: Repository.root.appendingPathComponent("docs/deploy/nginx.conf"), encoding: .utf8)
        var server = documented
        let replacements = [
            ("    listen [::]:80;\n", "    listen [::1]:\(ipv6);\n"),
            ("    listen 80;\n", "    listen 127.0.0.1:\(ipv4);\n"),
            ("    root /srv/portal/Public;\n", "    root \(root.path);\n"),
        ] + (brotli ? [("    # brotli_static on;  # BROTLI", "    brotli_static on;  # BROTLI")] : [])
        for (documentedLine, testLine) in replacements {
            guard server.contains(documentedLine) else {
                throw TestFailure("docs/deploy/nginx.conf no longer has '\(documentedLine)'")
            }
            server = server.replacingOccurrences(of: documentedLine, with: testLine)
        }
        let path = folder.path
        return """
            \(brotli ? "load_module \(brotliModule);" : "")
            daemon off;
            master_process off;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log notice;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log \(path)/access.log;
                client_body_temp_path \(path)/client_body;
                proxy_temp_path \(path)/proxy;
                fastcgi_temp_path \(path)/fastcgi;
                uwsgi_temp_path \(path)/uwsgi;
                scgi_temp_path \(path)/scgi;
            \(server)
            }

            """
    }

    @Test(
        "nginx with the documented configuration: IPv6 and IPv4, UTF-8, the 404 page, the .gz and .br as they are; site verify finds exactly the file changed on the server",
        .enabled(if: nginxPath != nil, "nginx is not installed: apt-get install nginx (script/install-dependencies --test installs it)"))
    func nginx() throws {
        let nginx = try #require(Self.nginx)
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let build = try SiteBinary.run(["build", "--precompress", "--as-of", "2024-05-20"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        // What a deployment copies to the server.
        try FileManager.default.copyItem(at: site.url("Public"), to: site.url("Served"))
        try FileManager.default.createDirectory(at: site.url("nginx"), withIntermediateDirectories: true)

        let brotli = FileManager.default.fileExists(atPath: Self.brotliModule)
        let ipv6 = try Self.freePort("::1")
        let ipv4 = try Self.freePort("127.0.0.1")
        let text = try Self.configuration(root: site.url("Served"), folder: site.url("nginx"), ipv6: ipv6, ipv4: ipv4, brotli: brotli)
        try site.write("nginx/nginx.conf", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", site.url("nginx").path + "/", "-c", site.url("nginx/nginx.conf").path, "-e", site.url("nginx/error.log").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            // SIGKILL: nginx keeps the signal mask it is started with, and Foundation starts it from a
            // thread that blocks SIGTERM and SIGQUIT. Nothing of it outlives the temporary folder.
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        // Up when both addresses answer.
        let deadline = Date().addingTimeInterval(20)
        var up = false
        while Date() < deadline, process.isRunning, !up {
            up = (try? LoopbackHTTP.request(host: "::1", port: ipv6, path: "/robots.txt", timeout: 2).status) == 200
                && (try? LoopbackHTTP.request(host: "127.0.0.1", port: ipv4, path: "/robots.txt", timeout: 2).status) == 200
            if !up { Thread.sleep(forTimeInterval: 0.1) }
        }
        try #require(up, "nginx did not start: \(site.read("nginx/error.log") ?? "no error.log")")

        func file(_ path: String) throws -> Data { try #require(FileManager.default.contents(atPath: site.url("Public/" + path).path)) }
        let page = "policies/2021-ysqgk-guicheng/index.html"
        for (host, port) in [("::1", ipv6), ("127.0.0.1", ipv4)] {
            // A page, from its folder's address: the file the build wrote, UTF-8, asked again each time.
            let html = try LoopbackHTTP.request(host: host, port: port, path: "/policies/2021-ysqgk-guicheng/")
            #expect(html.status == 200)
            #expect(html.headers["content-type"] == "text/html; charset=utf-8")
            #expect(html.headers["cache-control"] == "no-cache")
            #expect(html.body == (try file(page)))
            // A missing path: the site's 404.html with status 404.
            let missing = try LoopbackHTTP.request(host: host, port: port, path: "/no/such/page/")
            #expect(missing.status == 404)
            #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(missing.body == (try file("404.html")))
            // The style sheet: as it is, or its .gz to a client that accepts gzip, or its .br.
            let css = try LoopbackHTTP.request(host: host, port: port, path: "/assets/site.css")
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.headers["content-encoding"] == nil)
            #expect(css.headers["cache-control"] == "public, max-age=3600")
            #expect(css.body == (try file("assets/site.css")))
            let gzip = try LoopbackHTTP.request(host: host, port: port, path: "/assets/site.css", headers: ["Accept-Encoding": "gzip"])
            #expect(gzip.status == 200)
            #expect(gzip.headers["content-encoding"] == "gzip")
            #expect(gzip.headers["vary"] == "Accept-Encoding")
            #expect(gzip.headers["content-type"] == "text/css; charset=utf-8")
            #expect(gzip.body == (try file("assets/site.css.gz")))
            if brotli {
                let br = try LoopbackHTTP.request(host: host, port: port, path: "/assets/site.css", headers: ["Accept-Encoding": "gzip, br"])
                #expect(br.headers["content-encoding"] == "br")
                #expect(br.body == (try file("assets/site.css.br")))
            }
            // A page's .gz.
            let gzipPage = try LoopbackHTTP.request(host: host, port: port, path: "/policies/2021-ysqgk-guicheng/", headers: ["Accept-Encoding": "gzip"])
            #expect(gzipPage.headers["content-encoding"] == "gzip")
            #expect(gzipPage.body == (try file(page + ".gz")))
            // The exports: types with the charset.
            for (path, type) in [("/feed.xml", "text/xml"), ("/feed.json", "application/json"), ("/catalog.csv", "text/csv"), ("/robots.txt", "text/plain")] {
                let export = try LoopbackHTTP.request(host: host, port: port, path: path)
                #expect(export.status == 200 && export.headers["content-type"] == type + "; charset=utf-8", "\(path): \(export.headers)")
            }
            // A folder without its slash: redirected to it, on the address asked.
            let folder = try LoopbackHTTP.request(host: host, port: port, path: "/xxgk")
            #expect(folder.status == 301 && folder.headers["location"] == "/xxgk/")
        }

        // site verify: every file of the manifest and the manifest itself, over each address.
        let manifest = try #require(site.read("Public/manifest.json"))
        let count = manifest.components(separatedBy: "\"sha256\"").count - 1 + 1
        #expect(count == site.files(under: "Public").count)
        for url in ["http://[::1]:\(ipv6)/", "http://127.0.0.1:\(ipv4)/"] {
            let verify = try SiteBinary.run(["verify", "--url", url], in: site.root)
            #expect(verify.status == 0, "\(verify.stderr)")
            #expect(verify.stdout == "All \(count) files at \(url) match the build in Public/\n")
            #expect(verify.stderr == "")
        }

        // One file changed on the server: reported, alone, with exit 1.
        let served = site.url("Served/" + page)
        var altered = try Data(contentsOf: served)
        altered.append(contentsOf: Array("<!-- 服务器上被修改 -->\n".utf8))
        try altered.write(to: served)
        let sums = try ExternalCommand.run("sha256sum", ["Public/" + page, "Served/" + page], in: site.root, hint: "coreutils")
        let digests = sums.stdout.split(separator: "\n").map { String($0.prefix(16)) }
        let built = try file(page).count
        let url = "http://[::1]:\(ipv6)/"
        let verify = try SiteBinary.run(["verify", "--url", url], in: site.root)
        #expect(verify.status == 1)
        #expect(verify.stdout == "")
        #expect(verify.stderr == """
            Public/\(page): error: differs on the server: \(url)\(page) sent \(altered.count) bytes with SHA-256 \(digests[1])…, \
            the build wrote \(built) bytes with SHA-256 \(digests[0])…
            Verified \(count) files at \(url) against Public/: \(count - 1) match, 1 differs

            """)
    }
}
