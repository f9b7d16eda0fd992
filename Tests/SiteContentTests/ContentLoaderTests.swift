import Foundation
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteContent

@Suite("Loading a content folder")
struct ContentLoaderTests {
    func load(_ site: TempSite) throws -> LoadedContent {
        try ContentLoader(folder: site.url("Content"), displayPrefix: "Content").load()
    }

    @Test("the sample site loads every document, sorted by id")
    func sample() throws {
        let content = try load(TempSite(files: SampleSite.files, defaultTheme: false))
        #expect(content.diagnostics.isEmpty)
        #expect(content.documents.map(\.id.rawValue) == ["interpretations/gongkai-jd", "plans/2021-yaodian", "policies/gongkai", "policies/neibu"])
        #expect(content.configuration?.basePath == "/")
        #expect(content.agencies.map(\.id) == ["xzf", "xzfb", "fgj"])
        #expect(content.catalog.flatMap(\.flattened).map(\.id) == ["zcwj", "gfxwj", "zcjd", "ghxx"])
    }

    @Test("hidden files and folders are ignored")
    func hidden() throws {
        var files = SampleSite.files
        files["Content/.git/notes.md"] = "not a document"
        files["Content/.draft.md"] = "not a document"
        let content = try load(TempSite(files: files, defaultTheme: false))
        #expect(content.diagnostics.isEmpty)
        #expect(content.documents.count == 4)
    }

    @Test("a symbolic link out of Content/ is refused")
    func symlinkOut() throws {
        let site = try TempSite(files: SampleSite.files, defaultTheme: false)
        try site.write("outside.md", SampleSite.policy)
        try FileManager.default.createSymbolicLink(at: site.url("Content/policies/link.md"), withDestinationURL: site.url("outside.md"))
        let content = try load(site)
        #expect(content.diagnostics.map(\.code) == ["content.symlink"])
        #expect(!content.documents.contains { $0.id == "policies/link" })
    }

    @Test("a symbolic link to a file inside Content/ is followed; one to a folder or to nothing is reported")
    func symlinkInside() throws {
        let site = try TempSite(files: SampleSite.files.merging(["Content/files/a.txt": "附件"]) { $1 }, defaultTheme: false)
        try FileManager.default.createSymbolicLink(at: site.url("Content/files/b.txt"), withDestinationURL: site.url("Content/files/a.txt"))
        try FileManager.default.createSymbolicLink(at: site.url("Content/more"), withDestinationURL: site.url("Content/policies"))
        try FileManager.default.createSymbolicLink(at: site.url("Content/files/gone.md"), withDestinationURL: site.url("Content/nothing.md"))
        let content = try load(site)
        #expect(content.diagnostics.map { "\($0.location!.path) \($0.code)" }.sorted() == [
            "Content/files/gone.md content.symlink", "Content/more content.symlink",
        ])
        #expect(content.files.contains("files/b.txt"))
    }

    @Test("in Templates/, a link to a file inside is followed; out of it, to a folder or to nothing, reported")
    func themeSymlinks() throws {
        let site = try TempSite(files: [
            "Templates/base.mustache": "<html>{{{content}}}</html>", "Templates/shared/footer.mustache": "页脚",
            "elsewhere.mustache": "x",
        ], defaultTheme: false)
        let link = { (from: String, to: String) in
            try FileManager.default.createSymbolicLink(at: site.url(from), withDestinationURL: site.url(to))
        }
        try link("Templates/footer.mustache", "Templates/shared/footer.mustache")
        try link("Templates/partials", "Templates/shared")
        try link("Templates/out.mustache", "elsewhere.mustache")
        try link("Templates/gone.mustache", "Templates/nothing.mustache")
        let theme = try ThemeLoader(folder: site.url("Templates"), displayPrefix: "Templates").load()
        #expect(theme.templates.map(\.name) == ["base", "footer", "shared/footer"])
        #expect(theme.diagnostics.map { "\($0.location!.path) \($0.code)" }.sorted() == [
            "Templates/gone.mustache content.symlink", "Templates/out.mustache content.symlink",
            "Templates/partials content.symlink",
        ])
    }

    @Test("two file names that differ only in Unicode normalization are both seen and reported")
    func normalization() throws {
        let site = try TempSite(files: SampleSite.files, defaultTheme: false)
        let composed = "Content/pages/caf\u{E9}.md", decomposed = "Content/pages/cafe\u{301}.md"
        try FileManager.default.createDirectory(at: site.url("Content/pages"), withIntermediateDirectories: true)
        for path in [composed, decomposed] {
            #expect(FileManager.default.createFile(atPath: site.root.path + "/" + path, contents: Data(SampleSite.policy.utf8)))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url("Content/pages").path).count == 2)
        let content = try load(site)
        #expect(content.diagnostics.map(\.code) == ["content.name-normalization"])
        let diagnostic = try #require(content.diagnostics.first)
        #expect(diagnostic.location?.path.utf8.elementsEqual(composed.utf8) == true)
        #expect(diagnostic.message.utf8.elementsEqual(
            "this file's name and '\(decomposed)' differ only in how their characters are composed (Unicode NFC and NFD): they would be one page".utf8))
    }

    @Test("missing configuration files are reported")
    func missingConfiguration() throws {
        let content = try load(TempSite(files: ["Content/policies/gongkai.md": SampleSite.policy], defaultTheme: false))
        #expect(content.diagnostics.map(\.message).sorted() == ["the site has no agencies.yaml", "the site has no catalog.yaml", "the site has no site.yaml"])
        #expect(content.configuration == nil)
    }

    @Test("site.yaml: unknown keys, a wrong organisation code and an IP base URL")
    func siteConfiguration() throws {
        let yaml = SampleSite.siteYAML
            .replacingOccurrences(of: "11370921004336564T", with: "11370921004336564A")
            .replacingOccurrences(of: "https://www.example.gov.cn/", with: "http://[2001:db8::1]/")
            + "colour: red\n"
        let content = try load(TempSite(files: SampleSite.files.merging(["Content/site.yaml": yaml]) { $1 }, defaultTheme: false))
        #expect(content.diagnostics.sorted().map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
            "2:11 base URL 'http://[2001:db8::1]/' names its host by an IPv6 address",
            "4:20 organisation code '11370921004336564A' has a wrong check character",
            "10:1 unknown key 'colour'",
        ])
    }

    @Test("an empty site.yaml names every required key, as one with a single key does")
    func emptySiteConfiguration() throws {
        for yaml in ["", "\n", "# 网站配置\n", "---\n"] {
            let content = try load(TempSite(files: SampleSite.files.merging(["Content/site.yaml": yaml]) { $1 }, defaultTheme: false))
            #expect(content.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
                "name", "base_url", "organization_code", "sponsor", "website_code", "icp", "police_record", "contact",
            ].map { "1:1 site.yaml lacks required key '\($0)'" }, "site.yaml: \(yaml.debugDescription)")
        }
    }

    @Test("agency and catalog ids become URLs, so only ASCII letters, digits, - and _ are allowed")
    func identifiers() throws {
        let catalog = SampleSite.catalogYAML.replacingOccurrences(of: "id: zcjd", with: "id: 政策解读")
        let content = try load(TempSite(files: SampleSite.files.merging(["Content/catalog.yaml": catalog]) { $1 }, defaultTheme: false))
        #expect(content.diagnostics.map(\.code) == ["content.wrong-type"])
        #expect(content.diagnostics.first?.location?.line == 6)
    }
}
