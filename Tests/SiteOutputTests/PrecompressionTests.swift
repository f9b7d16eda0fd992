import CBrotli
import Foundation
import SiteTestSupport
import Testing

@testable import SiteOutput

@Suite("Precompression and the manifest")
struct PrecompressionTests {
    static let page = Data(String(repeating: "<p>宁阳县人民政府关于印发《政府信息公开工作要点》的通知</p>\n", count: 200).utf8)

    @Test("which files get compressed copies: text by extension, any case; not images, PDFs, archives or names without one")
    func textFiles() {
        for path in ["index.html", "a/b/site.CSS", "x.js", "feed.json", "sitemap.xml", "catalog.csv", "robots.txt", "图解.svg", "app.js.map"] {
            #expect(Precompression.isText(path), "\(path)")
        }
        for path in ["a.pdf", "b.png", "c.jpg", "d.docx", "e.zip", "index.html.gz", "index.html.br", "search/index/000.bin", ".html", "html", "a.html/b"] {
            #expect(!Precompression.isText(path), "\(path)")
        }
    }

    @Test("gzip: RFC 1952 with no name and time 0, level 9; gzip -d gives the input back; the same bytes every time")
    func gzip() throws {
        let compressed = try #require(Precompression.gzip(Self.page))
        #expect(Array(compressed.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 3])
        #expect(compressed.count < Self.page.count / 10)
        #expect(Precompression.gzip(Self.page) == compressed)
        let site = try TempSite(files: [:], defaultTheme: false)
        try site.write("page.html.gz", compressed)
        let result = try ExternalCommand.run("sh", ["-c", "gzip -dc page.html.gz | sha256sum"], in: site.root, hint: "gzip and coreutils")
        #expect(result.stdout == Manifest.sha256(Self.page) + "  -\n")
        // Empty input too.
        let empty = try #require(Precompression.gzip(Data()))
        try site.write("empty.gz", empty)
        #expect(try ExternalCommand.run("gzip", ["-dc", "empty.gz"], in: site.root, hint: "gzip").stdout == "")
    }

    @Test("Brotli: the decoder gives the input back; the same bytes every time; smaller than gzip")
    func brotli() throws {
        let compressed = try #require(Precompression.brotli(Self.page))
        #expect(Precompression.brotli(Self.page) == compressed)
        #expect(compressed.count < (Precompression.gzip(Self.page)?.count ?? 0))
        var size = Self.page.count * 2
        var output = [UInt8](repeating: 0, count: size)
        let status = compressed.withUnsafeBytes { BrotliDecoderDecompress(compressed.count, $0.bindMemory(to: UInt8.self).baseAddress, &size, &output) }
        #expect(status == BROTLI_DECODER_RESULT_SUCCESS)
        #expect(Data(output[0..<size]) == Self.page)
    }

    @Test("the versions that key reused copies name the method, its level and the library")
    func versions() {
        #expect(Precompression.Encoding.gzip.version.hasPrefix("gzip-9-zlib-1."))
        #expect(Precompression.Encoding.brotli.version.hasPrefix("brotli-9-text-1."))
    }

    @Test("the manifest's JSON: fixed key order, sorted by UTF-8 bytes, escaped strings, without itself; read back the same")
    func manifestJSON() throws {
        let manifest = Manifest(basePath: "/portal/", files: [
            .init(path: "政策/a \"b\".html", size: 3, sha256: String(repeating: "a", count: 64)),
            .init(path: "Z.css", size: 0, sha256: String(repeating: "0", count: 64)),
            .init(path: "manifest.json", size: 9, sha256: String(repeating: "f", count: 64)),
            .init(path: "a\\b.txt", size: 12, sha256: String(repeating: "1", count: 64)),
        ])
        #expect(manifest.json == """
            {
              "format": 1,
              "base_path": "/portal/",
              "files": [
                {"path": "Z.css", "size": 0, "sha256": "\(String(repeating: "0", count: 64))"},
                {"path": "a\\\\b.txt", "size": 12, "sha256": "\(String(repeating: "1", count: 64))"},
                {"path": "政策/a \\"b\\".html", "size": 3, "sha256": "\(String(repeating: "a", count: 64))"}
              ]
            }

            """)
        #expect(try Manifest.decode(manifest.data).get() == manifest)
        #expect(Manifest(basePath: "/", files: []).json == "{\n  \"format\": 1,\n  \"base_path\": \"/\",\n  \"files\": []\n}\n")
    }

    @Test("a manifest that is not one is refused with the reason")
    func manifestErrors() {
        let sha = String(repeating: "a", count: 64)
        let cases: [(String, String)] = [
            ("[]", "it is not a JSON object"),
            (#"{"format": 2, "base_path": "/", "files": []}"#, "its format is not 1"),
            (#"{"format": 1, "base_path": "portal", "files": []}"#, "'base_path' is not a path that starts and ends with '/'"),
            (#"{"format": 1, "base_path": "/", "files": [{"path": "../etc/passwd", "size": 1, "sha256": "\#(sha)"}]}"#,
             "entry 1 of 'files' is not a relative path, a size and a SHA-256"),
            (#"{"format": 1, "base_path": "/", "files": [{"path": "a.html", "size": 1, "sha256": "ABC"}]}"#,
             "entry 1 of 'files' is not a relative path, a size and a SHA-256"),
        ]
        for (text, reason) in cases {
            #expect(Manifest.decode(Data(text.utf8)) == .failure(Manifest.DecodeError(reason: reason)), "\(text)")
        }
    }

    @Test("the SHA-256 of a file read in pieces is that of its bytes")
    func fileDigest() throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        let big = Data((0..<3_000_000).map { UInt8($0 % 251) })
        try site.write("big.bin", big)
        #expect(Manifest.sha256(of: site.url("big.bin")) == Manifest.sha256(big))
        try site.write("empty", Data())
        #expect(Manifest.sha256(of: site.url("empty")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Manifest.sha256(of: site.url("missing")) == nil)
    }
}
