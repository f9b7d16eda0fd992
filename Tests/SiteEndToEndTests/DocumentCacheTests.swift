import Foundation
import SiteContent
import SiteCore
import SiteMarkdown
import SiteTestSupport
import Testing

@testable import SiteBuild

@Suite("The compact coder")
struct CompactCoderTests {
    struct Probe: Codable, Equatable, Sendable {
        enum Shape: Codable, Equatable, Sendable {
            case plain
            case named(String, count: Int)
            case nested([Probe]?)
            case caseWithALongName(String)
        }

        var text: String
        var number: Int
        var flag: Bool
        var maybe: String?
        var maybeNumber: Int?
        var lists: [[String]]
        var shapes: [Shape]
        var child: [Probe] = []
    }

    static let probe = Probe(
        text: "示例县\t\n\\ \u{1F}\u{0}", number: Int.min, flag: true, maybe: nil, maybeNumber: -1, lists: [[], ["", "一"], ["a", "b", "c"]],
        shapes: [.plain, .named("第二", count: Int.max), .nested(nil), .nested([]), .caseWithALongName("Content/policies/a.md")],
        child: [
            Probe(text: "", number: 0, flag: false, maybe: "有", maybeNumber: nil, lists: [], shapes: [.nested([])]),
            // Long strings again (written once, then referred to), beside the long case name, read twice.
            Probe(
                text: "Content/policies/a.md", number: 1, flag: false, maybe: "Content/policies/b.md", maybeNumber: nil,
                lists: [["Content/policies/b.md", "caseWithALongName"]],
                shapes: [.caseWithALongName("Content/policies/b.md"), .caseWithALongName("Content/policies/a.md")]),
        ])

    @Test("values come back as they went in: text, integers at both ends, optionals, nested lists and enum cases")
    func roundTrip() throws {
        let data = try CompactCoder.encode(Self.probe)
        #expect(try CompactCoder.decode(Probe.self, from: data) == Self.probe)
    }

    @Test("a long string is written once and read back as one string: a document's path, named by each of its locations")
    func longStringsOnce() throws {
        let data = try CompactCoder.encode(Self.probe)
        let bytes = [UInt8](data)
        func occurrences(_ text: String) -> Int {
            let needle = Array(text.utf8)
            return (0...(bytes.count - needle.count)).count { Array(bytes[$0..<$0 + needle.count]) == needle }
        }
        #expect(occurrences("Content/policies/a.md") == 1 && occurrences("Content/policies/b.md") == 1)
        #expect(occurrences("caseWithALongName") == 4, "a key is written in full each time (three), beside the same text as a value (once)")

        let document = try #require(try ContentLoader(folder: Repository.root.appendingPathComponent("Content"), displayPrefix: "Content").load()
            .documents.first { $0.documentNumber != nil && $0.issuers.count > 0 })
        let decoded = try CompactCoder.decode(Document.self, from: try CompactCoder.encode(document))
        func storage(_ text: String) -> UnsafePointer<UInt8>? { text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
        let paths = [decoded.title.location.path, decoded.documentNumber!.location.path, decoded.issuers[0].location.path, decoded.path]
        #expect(paths.allSatisfy { $0 == document.path } && document.path.utf8.count > 15)
        #expect(Set(paths.map(storage)).count == 1, "one string for the path")
    }

    @Test("cut short or padded, the data is refused rather than misread")
    func truncated() throws {
        let data = try CompactCoder.encode(Self.probe)
        for length in 0..<data.count {
            #expect(throws: (any Error).self, "\(length) of \(data.count) bytes") {
                try CompactCoder.decode(Probe.self, from: data.prefix(length))
            }
        }
        #expect(throws: (any Error).self) { try CompactCoder.decode(Probe.self, from: data + Data([0])) }
    }

    @Test("what it cannot code in order it refuses: dictionaries, nil in a list, floating point")
    func refused() {
        struct WithDictionary: Codable { var table = ["a": 1] }
        struct WithOptionals: Codable { var list: [String?] = ["a", nil] }
        struct WithDouble: Codable { var value = 1.5 }
        #expect(throws: CompactCoder.Unsupported.self) { try CompactCoder.encode(WithDictionary()) }
        #expect(throws: CompactCoder.Unsupported.self) { try CompactCoder.encode(WithOptionals()) }
        #expect(throws: CompactCoder.Unsupported.self) { try CompactCoder.encode(WithDouble()) }
    }

    @Test("two spellings of the same text (composed and decomposed accents) each come back as written")
    func canonicallyEquivalent() throws {
        struct Pair: Codable { var a: String; var b: String }
        let composed = String(repeating: "\u{E9}", count: 16), decomposed = String(repeating: "e\u{301}", count: 16)
        #expect(composed == decomposed, "Swift compares them as one string")
        let back = try CompactCoder.decode(Pair.self, from: try CompactCoder.encode(Pair(a: composed, b: decomposed)))
        #expect(Array(back.a.utf8) == Array(composed.utf8) && Array(back.b.utf8) == Array(decomposed.utf8))
    }

    @Test("equal sets code to the same bytes, whatever order they hold their members in")
    func setsInOrder() throws {
        struct WithSet: Codable, Equatable { var keys: Set<String> }
        let words = (0..<200).map { "字段\($0)" }
        var grown = Set<String>()
        for word in words.reversed() { grown.insert(word) }
        var reserved = Set<String>(minimumCapacity: 4096)
        for word in words { reserved.insert(word) }
        #expect(Array(grown) != Array(reserved), "the two sets iterate in different orders")
        let data = try CompactCoder.encode(WithSet(keys: grown))
        #expect(data == (try CompactCoder.encode(WithSet(keys: reserved))))
        #expect(try CompactCoder.decode(WithSet.self, from: data) == WithSet(keys: Set(words)))
    }

    @Test("asked for a number other than Int, the decoder refuses rather than asks the number for itself again")
    func refusedWhenDecoding() throws {
        struct WithInt: Codable { var value = 1; var list = [2]; var single: Int? = 3 }
        struct WithDouble: Codable { var value = 1.5; var list = [2.5]; var single: Double? = 3 }
        struct WithBytes: Codable { var value: UInt8 = 1; var list: [Int32] = [2]; var single: UInt64? = 3 }
        let data = try CompactCoder.encode(WithInt())
        #expect(throws: CompactCoder.Unsupported.self) { try CompactCoder.decode(WithDouble.self, from: data) }
        #expect(throws: CompactCoder.Unsupported.self) { try CompactCoder.decode(WithBytes.self, from: data) }
        #expect(try CompactCoder.decode(WithInt.self, from: data).single == 3)
    }

    @Test("a body's links, headings and sections come back as they went in, every kind of link target; cut short, they are refused")
    func bodyMeta() throws {
        let at = SourceLocation(path: "Content/policies/2021-6.md", line: 12, column: 3)
        let targets: [LinkReference.Target] = [
            .document("policies/a", fragment: "二"), .document("policies/b", fragment: nil), .file(contentPath: "policies/a.pdf"),
            .external("https://www.gov.cn/"), .fragment("三"), .missing(contentPath: "x.md"), .outside("../../x"),
            .localFile("C:\\x.doc"), .unsafe("javascript:alert(1)"),
        ]
        let links = targets.enumerated().map { LinkReference(destination: "d\($0.offset)", target: $0.element, isImage: $0.offset % 2 == 0, location: at) }
        let headings = [Heading(level: 2, text: "一、总则", id: "一总则"), Heading(level: 3, text: "（一）", id: "一")]
        for parts in [nil, [DocumentCache.BodyMeta.Part(section: nil, html: "<p>前言</p>"), .init(section: 2, html: "<table></table>")]] {
            let meta = DocumentCache.BodyMeta(links: links, headings: headings, parts: parts, textDigest: "abc", textScalars: 42, htmlDigest: "def")
            let data = try CompactCoder.encode(meta)
            let back = try CompactCoder.decode(DocumentCache.BodyMeta.self, from: data)
            #expect(back.links == links)
            #expect(back.headings == headings)
            #expect(back.parts?.map(\.section) == parts?.map(\.section) && back.parts?.map(\.html) == parts?.map(\.html))
            #expect(back.textDigest == "abc" && back.textScalars == 42 && back.htmlDigest == "def")
            for length in stride(from: 0, to: data.count, by: 7) {
                #expect(throws: (any Error).self) { try CompactCoder.decode(DocumentCache.BodyMeta.self, from: data.prefix(length)) }
            }
        }
    }

    @Test("every document of the example portal and of the sample site survives the coder, field for field")
    func documents() throws {
        let site = try TempSite(files: SampleSite.files.filter { $0.key.hasPrefix("Content/") }.reduce(into: [:]) {
            $0[$1.key.replacingOccurrences(of: "Content/", with: "Sample/")] = $1.value
        })
        var documents: [Document] = []
        for folder in [Repository.root.appendingPathComponent("Content"), site.url("Sample")] {
            documents += try ContentLoader(folder: folder, displayPrefix: "Content").load().documents
        }
        #expect(documents.count > 20)
        #expect(Set(documents.map(\.kind)).count >= 5, "every kind of document is tried")
        for document in documents {
            let decoded = try CompactCoder.decode(Document.self, from: try CompactCoder.encode(document))
            let (before, after) = (try Self.fields(of: document), try Self.fields(of: decoded))
            #expect(after == before, "\(document.id)")
        }
    }
}

extension CompactCoderTests {
    /// A value's fields as JSON with sorted keys, the members of sets (`keys`, `allow`) in order.
    static func fields(of value: some Encodable) throws -> String {
        func canonical(_ value: Any, key: String?) -> Any {
            if let object = value as? [String: Any] {
                return object.reduce(into: [String: Any]()) { $0[$1.key] = canonical($1.value, key: $1.key) }
            }
            if let array = value as? [Any] {
                let members = array.map { canonical($0, key: nil) }
                return key == "keys" || key == "allow" ? members.compactMap { $0 as? String }.sorted() : members
            }
            return value
        }
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(withJSONObject: canonical(object, key: nil), options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite("The document cache file, read where it is")
struct CacheFileTests {
    @Test("lines and the regions between them come back exactly, across reads and past lines longer than a read")
    func linesAndRegions() throws {
        let site = try TempSite(files: [:])
        let long = String(repeating: "长", count: 200_000)  // 600,000 bytes: longer than one read
        let blob = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let bytes = Data("first\n".utf8) + blob + Data("\(long)\n".utf8) + Data("x\n".utf8) + Data("\n".utf8) + Data("no end".utf8)
        try bytes.write(to: site.url("cache.bin"))
        let file = try #require(CacheFile(site.url("cache.bin")))
        #expect(file.size == bytes.count)
        var lines = CacheFile.Lines(file)
        #expect(lines.next() == "first")
        let region = lines.skip(blob.count)
        #expect(region.bytes == blob)
        #expect(lines.next().map(String.init) == long)
        #expect(lines.next() == "x")
        #expect(lines.next() == "")
        #expect(!lines.atEnd)
        #expect(lines.next() == nil, "a last line without its line break is not a line")
        #expect(file.read(offset: bytes.count - 3, count: 10) == Data("end".utf8))
        #expect(file.read(offset: bytes.count + 5, count: 10) == Data())
    }
}

@Suite("The document cache")
struct DocumentCacheTests {
    let asOf = CalendarDate(iso: "2026-11-22")

    func analyse(_ site: TempSite, incremental: Bool = true) throws -> Pipeline.Analysis {
        try Pipeline().analyse(BuildOptions(asOf: asOf, incremental: incremental, currentFolder: site.root))
    }

    /// What a build computed from the files, in a form that compares.
    func summary(_ analysis: Pipeline.Analysis) throws -> [String] {
        let documents = try analysis.content.documents.sorted { $0.id < $1.id }.map { try CompactCoderTests.fields(of: $0) }
        let bodies = analysis.bodies.all.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let texts = analysis.texts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.read()) (\($0.value.scalars), \($0.value.digest))" }
        let parts = analysis.reportParts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.map { "\($0.section ?? 0) \($0.html)" })" }
        let findings = analysis.diagnostics.map { DiagnosticPrinter().render(Diagnostics([$0])) }.sorted()
        return documents + bodies + texts + parts + findings
    }

    /// Compares what two builds computed, naming the first difference.
    func expectSame(_ cached: Pipeline.Analysis, _ fresh: Pipeline.Analysis, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let (a, b) = (try summary(cached), try summary(fresh))
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        if let index = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) {
            Issue.record("cached: \(a[index])\nfresh: \(b[index])", sourceLocation: sourceLocation)
        }
    }

    @Test("a rebuild of the example portal takes every document and body from the cache, and they are what decoding and rendering give")
    func examplePortal() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let first = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(first.published)
        let cached = try analyse(site)
        let fresh = try analyse(site, incremental: false)
        let count = cached.content.documents.count
        #expect(cached.documentCache?.reusedDocumentCount == count)
        #expect(cached.documentCache?.reusedBodies == count, "every body rendered without findings")
        #expect(fresh.documentCache?.reusedDocumentCount == 0)
        try expectSame(cached, fresh)
        #expect(!cached.reportParts.isEmpty, "the annual reports' sections come from the cache too")
        // Carried over by a build that reused them (copied from the last file as they were), they do again.
        let edited = try #require(try FileManager.default.subpathsOfDirectory(atPath: site.url("Content").path).sorted().first { $0.hasPrefix("policies/") && $0.hasSuffix(".md") })
        try site.write("Content/" + edited, try String(contentsOf: site.url("Content/" + edited), encoding: .utf8) + "\n附：本次修订。\n")
        let second = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(second.published && !second.timings.contains { $0.phase == "unchanged" }, "built, not skipped")
        let carried = try analyse(site)
        #expect(carried.documentCache?.reusedBodies == count)
        try expectSame(carried, try analyse(site, incremental: false))
    }

    @Test("an edited file is decoded and rendered again, and only it")
    func edit() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        try site.write("Content/policies/gongkai.md", SampleSite.policy.replacingOccurrences(of: "请认真贯彻执行", with: "请认真组织实施"))
        let cached = try analyse(site)
        #expect(cached.documentCache?.reusedDocumentCount == cached.content.documents.count - 1)
        #expect(cached.bodies[DocumentID("policies/gongkai")]?.contains("请认真组织实施") == true)
        try expectSame(cached, try analyse(site, incremental: false))
    }

    @Test("a body linking to a document is rendered again when that document becomes public, or stops being public")
    func linkTargetDisclosure() throws {
        var files = SampleSite.files
        files["Content/pages/guide.md"] = Self.guide
        let site = try TempSite(files: files)
        let guide = DocumentID("pages/guide")
        let href = "href=\"/policies/neibu/\""
        _ = try analyse(site)  // writes nothing: a check keeps no cache
        _ = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(try analyse(site).bodies[guide]?.contains(href) == false, "no address of a document that is not public")
        try site.write("Content/policies/neibu.md", Self.neibuPublished)
        var cached = try analyse(site)
        #expect(cached.bodies[guide]?.contains(href) == true)
        try expectSame(cached, try analyse(site, incremental: false))
        // Published, built, then withheld again: the link goes with it.
        let built = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(built.published)
        try site.write("Content/policies/neibu.md", SampleSite.withheld)
        cached = try analyse(site)
        #expect(cached.bodies[guide]?.contains(href) == false)
        #expect(cached.bodies[guide]?.contains("内部事务文件") == true)
        try expectSame(cached, try analyse(site, incremental: false))
    }

    @Test("an attachment that disappears is missed at once, though the document's file did not change")
    func attachmentRemoved() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "normative: true", with: "normative: true\nattachments: [gongkai-fujian.csv]")
        files["Content/policies/gongkai-fujian.csv"] = "序号,事项\n1,示例\n"
        let site = try TempSite(files: files)
        let first = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(first.published)
        #expect(first.diagnostics.sorted.allSatisfy { $0.code != Problem.attachmentMissing(file: "").code })
        try site.remove("Content/policies/gongkai-fujian.csv")
        let cached = try analyse(site)
        #expect(cached.diagnostics.contains { $0.code == Problem.attachmentMissing(file: "").code })
        try expectSame(cached, try analyse(site, incremental: false))
    }

    @Test("--clean reads no cache but leaves a fresh one; a damaged cache file only costs time")
    func cleanAndDamaged() throws {
        let site = try TempSite(files: SampleSite.files)
        let clean = BuildOptions(asOf: asOf, incremental: false, currentFolder: site.root)
        _ = try Pipeline().run(clean)
        let caches = try FileManager.default.contentsOfDirectory(atPath: clean.cacheFolder.path).filter { $0.hasPrefix("documents-") }
        #expect(caches.count == 1)
        let count = try analyse(site).content.documents.count
        #expect(try analyse(site).documentCache?.reusedDocumentCount == count)
        let file = clean.cacheFolder.appendingPathComponent(caches[0])
        var data = try Data(contentsOf: file)
        data.removeLast(data.count / 3)
        try data.write(to: file)
        let damaged = try analyse(site)
        #expect(damaged.documentCache?.reusedDocumentCount == 0)
        try expectSame(damaged, try analyse(site, incremental: false))
    }

    @Test("a kept body that does not read back whole fails the build once, naming the cache, which goes; the next build renders it again")
    func damagedBody() throws {
        let site = try TempSite(files: SampleSite.files)
        let options = BuildOptions(asOf: asOf, currentFolder: site.root)
        #expect(try Pipeline().run(options).published)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: options.cacheFolder.path).first { $0.hasPrefix("documents-") })
        let file = options.cacheFolder.appendingPathComponent(name)
        var bytes = [UInt8](try Data(contentsOf: file))
        let phrase = Array("请认真贯彻执行".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: phrase) }, "the body's HTML is in the cache as it is")
        bytes[at] = 0xFF  // no longer UTF-8
        try Data(bytes).write(to: file)
        // Something else changed: a real build.
        try site.write("Content/pages/extra.md", Self.guide.replacingOccurrences(of: "参见[内部事务文件](../policies/neibu.md)。", with: "公开指南正文。"))
        #expect {
            try Pipeline().run(options)
        } throws: { error in
            guard case SiteError.unreadable(let path, let reason) = error else { return false }
            return path == file.path && reason.contains("the document cache is damaged, and was removed")
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let again = try Pipeline().run(options)
        #expect(again.published)
        #expect(site.read("Public/policies/gongkai/index.html")?.contains("请认真贯彻执行") == true)
    }

    @Test("the cache is written aside while the build goes on and put in place only by a published build; a check writes none")
    func writtenAside() throws {
        let site = try TempSite(files: SampleSite.files)
        let cacheFolder = site.url(".site-cache")
        func cacheFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)) ?? []).filter { $0.hasPrefix("documents-") }.sorted()
        }
        // Analysed, not published: the file written aside is removed with the analysis.
        do {
            let analysis = try analyse(site)
            #expect(analysis.documentCache != nil)
        }
        #expect(cacheFiles().isEmpty)
        // A check reads a cache but never writes one.
        _ = try Pipeline().run(BuildOptions(writeOutput: false, asOf: asOf, currentFolder: site.root))
        #expect(cacheFiles().isEmpty)
        // A build whose errors stop it publishes nothing, and keeps no cache either.
        try site.write("Content/policies/broken.md", "---\ntitle: [未闭合\n---\n正文\n")
        let failed = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(!failed.published)
        #expect(cacheFiles().isEmpty)
        try site.remove("Content/policies/broken.md")
        let built = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(built.published)
        #expect(cacheFiles().count == 1 && cacheFiles()[0].hasSuffix(".bin"))
    }

    /// Sets every file under Content/ an hour back, to a whole second: files saved just before a
    /// build are read by the next one whatever their stamp (`UnchangedBuild.racyCutoff`).
    static let anHourAgo = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded(.down))

    func age(_ site: TempSite, _ paths: [String]? = nil) throws {
        for path in paths ?? site.files(under: "Content").map({ "Content/" + $0 }) {
            try FileManager.default.setAttributes([.modificationDate: Self.anHourAgo], ofItemAtPath: site.url(path).path)
        }
    }

    /// The sample site's withheld document, made public.
    static let neibuPublished = SampleSite.withheld
        .replacingOccurrences(of: "disclosure: 不予公开", with: "disclosure: 主动公开")
        .replacingOccurrences(of: "disclosure_reason: 属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）\n", with: "")

    /// A public page linking to the sample site's withheld document.
    static let guide = """
        ---
        title: 公开指南
        kind: page
        issuer: xzfb
        disclosure: 主动公开
        published: 2021-06-01
        catalog: [zcwj]
        ---

        参见[内部事务文件](../policies/neibu.md)。

        """

    @Test("a file older than the last build, whose stamp has not changed, is not read again; what the build computes is what reading gives")
    func unreadFiles() throws {
        var files = SampleSite.files
        // A placeholder left in a public document's body: a finding (a warning), so that file is read every time.
        files["Content/policies/gongkai.md"] = SampleSite.policy + "\n（正文）\n"
        let site = try TempSite(files: files)
        try age(site)
        let built = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(built.published, "\(built.diagnostics.sorted.map(\.code))")
        let cached = try analyse(site)
        let cache = try #require(cached.documentCache)
        #expect(!cache.isUnread("policies/gongkai.md"))
        #expect(cache.unreadDocumentCount == cached.content.documents.count - 1)
        #expect(cached.diagnostics.contains { $0.code == "content.placeholder" && $0.location?.path == "Content/policies/gongkai.md" })
        try expectSame(cached, try analyse(site, incremental: false))
        // A preview (drafts and scheduled documents public) checks every text again: which
        // documents are public decides what the checks look at.
        var preview = BuildOptions(asOf: asOf, currentFolder: site.root)
        preview.preview = true
        #expect(try Pipeline().analyse(preview).documentCache?.unreadDocumentCount == 0)
        // A file saved since is read; so is every file on another day (the checks of a text depend on it).
        try site.write("Content/policies/neibu.md", SampleSite.withheld + "\n补充。\n")
        #expect(try analyse(site).documentCache?.isUnread("policies/neibu.md") == false)
        let tomorrow = try Pipeline().analyse(BuildOptions(asOf: CalendarDate(iso: "2026-11-23"), currentFolder: site.root))
        #expect(tomorrow.documentCache?.unreadDocumentCount == 0)
    }

    @Test("a file not read is read when its body must be rendered again; if it changed under its old stamp, the build says so")
    func unreadRenderedAgain() throws {
        var files = SampleSite.files
        files["Content/pages/guide.md"] = Self.guide
        files["Content/policies/neibu.md"] = Self.neibuPublished
        let site = try TempSite(files: files)
        try age(site)
        let built = try Pipeline().run(BuildOptions(asOf: asOf, currentFolder: site.root))
        #expect(built.published, "\(built.diagnostics.sorted.map(\.code))")
        // The linked document is withheld: the guide's file has not changed, but its link has.
        try site.write("Content/policies/neibu.md", SampleSite.withheld)
        let cached = try analyse(site)
        #expect(cached.documentCache?.isUnread("pages/guide.md") == true)
        #expect(cached.bodies[DocumentID("pages/guide")]?.contains("href=\"/policies/neibu/\"") == false)
        #expect(cached.bodies[DocumentID("pages/guide")]?.contains("内部事务文件") == true)
        try expectSame(cached, try analyse(site, incremental: false))
        // Edited to the same size and put back to the same time: the stamp says unchanged, so the
        // document comes from the cache, but the text read for the body is another one.
        try site.write("Content/pages/guide.md", Self.guide.replacingOccurrences(of: "公开指南", with: "办事指南"))
        try age(site, ["Content/pages/guide.md"])
        let mixed = try analyse(site)
        #expect(mixed.documentCache?.isUnread("pages/guide.md") == true)
        let found = mixed.diagnostics.filter { $0.code == Problem.changedDuringBuild.code }
        #expect(found.map { $0.location?.path } == ["Content/pages/guide.md"])
        #expect(found.first?.severity == .error)
    }
}
