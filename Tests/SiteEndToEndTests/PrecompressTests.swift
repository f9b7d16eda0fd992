import Foundation
import SiteCore
import SiteOutput
import SiteTestSupport
import Testing

@testable import SiteBuild

/// `site build --precompress` and `manifest.json` on the example portal, checked with programs of
/// their own: Python's gzip module and coreutils' sha256sum.
@Suite("Precompressed files and the manifest")
struct PrecompressTests {
    let asOf = CalendarDate(iso: "2024-05-20")

    func portal() throws -> TempSite {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        return site
    }

    func build(_ site: TempSite, output: String = "Public", precompress: Bool = true, incremental: Bool = true) throws -> BuildReport {
        var options = BuildOptions(output: output, asOf: asOf, incremental: incremental, currentFolder: site.root)
        options.precompress = precompress
        return try Pipeline().run(options)
    }

    @Test("a .gz and a .br beside every text file and beside nothing else; each .gz is the file, with no name or time in its header")
    func copies() throws {
        let site = try portal()
        let report = try build(site)
        #expect(report.published)
        // The output audit reads pages and style sheets only: nothing about the copies.
        #expect(!report.diagnostics.sorted.contains { ($0.location?.path ?? "").hasSuffix(".gz") || ($0.location?.path ?? "").hasSuffix(".br") })
        let files = Set(site.files(under: "Public"))
        let originals = files.filter { !$0.hasSuffix(".gz") && !$0.hasSuffix(".br") }
        let texts = originals.filter { Precompression.isText($0) && $0 != Manifest.path }
        #expect(texts.count > 200)
        #expect(originals.contains { $0.hasSuffix(".bin") } && originals.contains { $0.hasSuffix(".svg") } && originals.contains { $0.hasSuffix(".csv") })
        for file in originals.sorted() {
            let text = texts.contains(file)
            #expect(files.contains(file + ".gz") == text, "\(file)")
            #expect(files.contains(file + ".br") == text, "\(file)")
        }
        #expect(files.count == originals.count + 2 * texts.count)
        #expect(report.fileCount == files.count)

        // Every .gz, read by Python's gzip module: the same bytes as its file; header of RFC 1952
        // with no name (FLG 0), MTIME 0, XFL 2 (level 9).
        let script = """
            import gzip, os, sys
            root = sys.argv[1]
            bad = []
            count = 0
            for folder, _, names in os.walk(root):
                for name in names:
                    if not name.endswith('.gz'):
                        continue
                    count += 1
                    path = os.path.join(folder, name)
                    data = open(path, 'rb').read()
                    if data[:10] != bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]) or gzip.decompress(data) != open(path[:-3], 'rb').read():
                        bad.append(os.path.relpath(path, root))
            print(count, ' '.join(sorted(bad)))
            """
        let result = try ExternalCommand.run("python3", ["-c", script, site.url("Public").path], hint: "install Python 3")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(texts.count) \n")
    }

    @Test("manifest.json lists every other file of the output with its size and SHA-256, sorted, and not itself")
    func manifest() throws {
        let site = try portal()
        _ = try build(site)
        let data = try #require(FileManager.default.contents(atPath: site.url("Public/manifest.json").path))
        let manifest = try Manifest.decode(data).get()
        #expect(manifest.basePath == "/")
        let files = site.files(under: "Public").filter { $0 != Manifest.path }
        #expect(manifest.files.map(\.path) == files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        // sha256sum, reading the paths from a file (NUL-separated, so any name goes).
        let list = site.url("list")
        try Data(files.map { "Public/" + $0 }.joined(separator: "\0").utf8).write(to: list)
        let sums = try ExternalCommand.run("sh", ["-c", "xargs -0 sha256sum < list"], in: site.root, hint: "coreutils")
        #expect(sums.status == 0, "\(sums.stderr)")
        var expected: [String: String] = [:]
        for line in sums.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            expected[String(parts[1].dropFirst().dropFirst("Public/".count))] = String(parts[0])
        }
        #expect(expected.count == files.count)
        for file in manifest.files {
            #expect(file.sha256 == expected[file.path], "\(file.path)")
            let size = try FileManager.default.attributesOfItem(atPath: site.url("Public/" + file.path).path)[.size] as? Int
            #expect(file.size == Int64(size ?? -1), "\(file.path)")
        }
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\n  \"format\": 1,\n  \"base_path\": \"/\",\n  \"files\": [\n    {\"path\": \"404.html\", \"size\": "))
    }

    @Test("two clean builds write the same bytes, the compressed copies and the manifest included")
    func deterministic() throws {
        let site = try portal()
        _ = try build(site, output: "A", incremental: false)
        _ = try build(site, output: "B", incremental: false)
        let a = Tree.contents(under: site.url("A"))
        let b = Tree.contents(under: site.url("B"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.contains("index.html.gz") && a.keys.contains("index.html.br") && a.keys.contains("manifest.json"))
        for (path, data) in a where b[path] != data {
            Issue.record("\(path) differs between two builds")
        }
    }

    @Test("incremental: an unchanged file's copies are reused (the same file), an edited one's made again, a removed page's removed")
    func incremental() throws {
        let site = try portal()
        let extra = try #require(site.read("Content/pages/jgzn.md")).replacingOccurrences(of: "title: 宁阳县人民政府办公室机构职能", with: "title: 临时页面")
        try site.write("Content/pages/extra.md", extra)
        #expect(try build(site).published)
        func inode(_ path: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: site.url(path).path))?[.systemFileNumber] as? Int
        }
        let documents = ["pages/extra.md", "pages/xxgkzd.md"]
        let removed = "pages/extra"
        let edited = "pages/xxgkzd"
        let kept = "Public/assets/site.css.gz"
        let keptInode = try #require(inode(kept))
        let editedGzip = try #require(FileManager.default.contents(atPath: site.url("Public/\(edited)/index.html.gz").path))
        #expect(site.exists("Public/\(removed)/index.html.gz"))

        try site.remove("Content/\(documents[0])")
        try site.write("Content/\(documents[1])", try #require(site.read("Content/\(documents[1])")) + "\n补充一段说明。\n")
        let report = try build(site)
        #expect(report.published, "\(DiagnosticPrinter().render(report.diagnostics))")
        #expect(report.reusedFileCount > 0)
        #expect(!site.exists("Public/\(removed)/index.html.gz") && !site.exists("Public/\(removed)/index.html.br"))
        #expect(inode(kept) == keptInode, "the unchanged page's .gz is the previous build's file")
        let newGzip = try #require(FileManager.default.contents(atPath: site.url("Public/\(edited)/index.html.gz").path))
        #expect(newGzip != editedGzip)
        #expect(site.read("Public/manifest.json")?.contains("\"\(removed)/") == false)

        // The same as a clean build.
        _ = try build(site, output: "Clean", incremental: false)
        #expect(Tree.contents(under: site.url("Public")) == Tree.contents(under: site.url("Clean")))

        // Without --precompress, no copies are left; the flag is an input of the unchanged-build shortcut.
        let plain = try build(site, precompress: false)
        #expect(plain.timings.map(\.phase) != ["unchanged"])
        #expect(!site.files(under: "Public").contains { $0.hasSuffix(".gz") || $0.hasSuffix(".br") })
        #expect(site.read("Public/manifest.json")?.contains(".gz\"") == false)
    }
}
