import Foundation
import SiteTestSupport
import Testing

/// `site verify` against `site serve --no-watch`, which serves a folder exactly as written: another
/// build of the same site, as a deployment would be.
@Suite("site verify")
struct VerifyTests {
    /// Builds Public/ and starts `site serve` on a second output folder; returns it and its port.
    func served(_ site: TempSite, arguments: [String] = []) throws -> (ServeProcess, UInt16) {
        let build = try SiteBinary.run(["build", "--as-of", "2021-06-01"] + arguments, in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        let server = try ServeProcess(["serve", "--no-watch", "--port", "0", "--output", "Served", "--as-of", "2021-06-01"] + arguments, in: site.root)
        #expect(server.wait(120) { server.stdout.contains("Press Ctrl-C to stop.") }, "\(server.stdout)\n\(server.stderr)")
        let url = server.stdout.split(separator: "\n").first { $0.hasPrefix("  http://127.0.0.1:") }.flatMap { URL(string: $0.trimmingCharacters(in: .whitespaces)) }
        return (server, UInt16(try #require(url?.port)))
    }

    @Test("every file matches over [::1] and 127.0.0.1: exit 0; a changed and a missing file are reported, sorted, with exit 1")
    func compare() throws {
        let site = try TempSite(files: SampleSite.files)
        let (server, port) = try served(site)
        defer { server.process.terminate() }
        let count = site.files(under: "Public").count
        #expect(count == 49)
        for url in ["http://[::1]:\(port)/", "http://127.0.0.1:\(port)/", "http://localhost:\(port)"] {
            let result = try SiteBinary.run(["verify", "--url", url], in: site.root)
            #expect(result.status == 0, "\(url): \(result.stderr)")
            let shown = url.hasSuffix("/") ? url : url + "/"
            #expect(result.stdout == "All \(count) files at \(shown) match the build in Public/\n")
            #expect(result.stderr == "")
        }

        let page = "policies/gongkai/index.html"
        let original = try #require(site.read("Served/" + page))
        try site.write("Served/" + page, original.replacingOccurrences(of: "请认真贯彻执行", with: "请认真抓好落实"))
        try site.remove("Served/robots.txt")
        let sums = try ExternalCommand.run("sha256sum", ["Public/" + page, "Served/" + page], in: site.root, hint: "coreutils")
        let digests = sums.stdout.split(separator: "\n").map { String($0.prefix(16)) }
        let size = try #require(site.read("Public/" + page)).utf8.count
        for url in ["http://[::1]:\(port)/", "http://127.0.0.1:\(port)/"] {
            let result = try SiteBinary.run(["verify", "--url", url, "--output", "Public/"], in: site.root)
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == """
                Public/\(page): error: differs on the server: \(url)\(page) sent \(size) bytes with SHA-256 \(digests[1])…, \
                the build wrote \(size) bytes with SHA-256 \(digests[0])…
                Public/robots.txt: error: missing on the server: \(url)robots.txt answered 404
                Verified \(count) files at \(url) against Public/: \(count - 2) match, 1 missing, 1 differs

                """)
        }
    }

    @Test("a site under a base path: an address without a path checks it under that path; names are percent-encoded")
    func basePath() throws {
        var files = SampleSite.files
        files["Content/policies/附件 说明.txt"] = "附件正文\n"
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(
            of: "normative: true\n", with: "normative: true\nattachments:\n  - {file: 附件 说明.txt, title: 附件说明}\n")
        let site = try TempSite(files: files)
        let (server, port) = try served(site, arguments: ["--base-url", "https://www.example.gov.cn/portal/"])
        defer { server.process.terminate() }
        #expect(site.files(under: "Public").contains("policies/附件 说明.txt"))
        let result = try SiteBinary.run(["verify", "--url", "http://127.0.0.1:\(port)"], in: site.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("All \(site.files(under: "Public").count) files at http://127.0.0.1:\(port)/portal/ match"))
        try site.remove("Served/policies/附件 说明.txt")
        let missing = try SiteBinary.run(["verify", "--url", "http://[::1]:\(port)/portal/"], in: site.root)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix(
            "Public/policies/附件 说明.txt: error: missing on the server: http://[::1]:\(port)/portal/policies/%E9%99%84%E4%BB%B6%20%E8%AF%B4%E6%98%8E.txt answered 404\n"))
    }

    @Test("exit 2: no server, not an http address, no output folder, no manifest; 64: no --url")
    func failures() throws {
        let site = try TempSite(files: SampleSite.files)
        #expect(try SiteBinary.run(["build", "--as-of", "2021-06-01"], in: site.root).status == 0)
        let port = try NginxTests.freePort("127.0.0.1")
        let unreachable = try SiteBinary.run(["verify", "--url", "http://127.0.0.1:\(port)/"], in: site.root)
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr == "error: cannot reach http://127.0.0.1:\(port)/: connection refused\n")
        let unreachable6 = try SiteBinary.run(["verify", "--url", "http://[::1]:\(port)/"], in: site.root)
        #expect(unreachable6.status == 2)
        #expect(unreachable6.stderr == "error: cannot reach http://[::1]:\(port)/: connection refused\n")

        let notHTTP = try SiteBinary.run(["verify", "--url", "ftp://127.0.0.1/"], in: site.root)
        #expect(notHTTP.status == 2)
        #expect(notHTTP.stderr == "error: --url 'ftp://127.0.0.1/' is not an http:// or https:// address with a host\n")
        let noFolder = try SiteBinary.run(["verify", "--url", "http://127.0.0.1:\(port)/", "--output", "Elsewhere"], in: site.root)
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr == "Elsewhere: error: no such folder: build the site first (site build --output Elsewhere)\n")
        try site.remove("Public/manifest.json")
        let noManifest = try SiteBinary.run(["verify", "--url", "http://127.0.0.1:\(port)/"], in: site.root)
        #expect(noManifest.status == 2)
        #expect(noManifest.stderr == "Public/manifest.json: error: no manifest: build the site again with this version of site\n")
        let usage = try SiteBinary.run(["verify"], in: site.root)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--url"))
    }
}
