import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// The exports as `site build` writes them into Public/.
@Suite("Exports in the built site")
struct PublishedExportTests {
    static let exportFiles = [
        "feed.xml", "feed.json", "catalog.json", "catalog.csv", "sitemap.xml", "robots.txt",
        "xxgk/zcwj/feed.xml", "xxgk/zcwj/feed.json", "xxgk/gfxwj/feed.xml", "xxgk/gfxwj/feed.json",
    ]

    @Test("a 不予公开 and a 依申请公开 document appear in no feed, export or sitemap, nor anywhere else")
    func noLeak() throws {
        let marker = "LEAK-5d1e0b"
        var files = SampleSite.files
        // Both are the newest documents of the site and sit in the sections with feeds, so a leak
        // would put them first in every feed.
        files["Content/policies/neibu.md"] = """
            ---
            title: 内部事务文件\(marker)
            kind: policy
            issuer: xzfb
            document_number: 示政办发〔2021〕99号
            index_number: 11370921004336564T/2021-00099
            written: 2021-06-28
            published: 2021-06-30
            disclosure: 不予公开
            disclosure_reason: 属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）
            catalog: [zcwj, gfxwj, ghxx]
            topics: [综合政务, 专题\(marker)]
            summary: 摘要\(marker)
            validity: 现行有效
            attachments:
              - {file: neibu-\(marker).txt, title: 附件\(marker)}
            ---

            正文\(marker)。见[公开文件](gongkai.md)。

            """
        files["Content/policies/neibu-\(marker).txt"] = "附件内容\(marker)\n"
        files["Content/policies/yishenqing.md"] = """
            ---
            title: 依申请公开文件\(marker)
            kind: policy
            issuer: fgj
            document_number: 示发改发〔2021〕98号
            index_number: 11370921004336564T/2021-00098
            written: 2021-06-29
            published: 2021-06-30
            disclosure: 依申请公开
            disclosure_reason: 涉及特定对象，依申请公开（《中华人民共和国政府信息公开条例》第二十七条）
            catalog: [zcwj, zcjd]
            topics: [综合政务]
            summary: 摘要\(marker)
            validity: 现行有效
            attachments:
              - {file: yishenqing-\(marker).txt, title: 附件\(marker)}
            ---

            正文\(marker)。

            """
        files["Content/policies/yishenqing-\(marker).txt"] = "附件内容\(marker)\n"
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(DiagnosticPrinter().render(report.diagnostics) == "")
        #expect(report.published)
        let output = Tree.contents(under: site.url("Public"))
        // The exports are there, with the public documents in them: the search below is not empty-handed.
        for path in Self.exportFiles { #expect(output[path] != nil, "\(path) missing") }
        for path in ["feed.xml", "feed.json", "catalog.json", "catalog.csv", "xxgk/zcwj/feed.xml"] {
            #expect(output[path]?.range(of: Data("11370921004336564T/2021-00003".utf8)) != nil, "\(path) lacks the public policy")
        }
        #expect(String(decoding: output["feed.xml"] ?? Data(), as: UTF8.self).contains("<updated>2021-05-21T00:00:00+08:00</updated>"))
        for (path, data) in output {
            #expect(!path.contains(marker) && !path.contains("neibu") && !path.contains("yishenqing"), "file \(path)")
            for needle in [marker, "2021-00099", "2021-00098", "示政办发〔2021〕99号", "示发改发〔2021〕98号", "neibu", "yishenqing", "2021-06-30"] {
                #expect(data.range(of: Data(needle.utf8)) == nil, "\(needle) in \(path)")
            }
        }
    }

    @Test("two builds on different days give the same bytes for every export")
    func deterministic() throws {
        let site = try TempSite(files: CatalogTests.files)
        _ = try Pipeline().run(BuildOptions(asOf: CalendarDate(year: 2021, month: 6, day: 1), currentFolder: site.root))
        let first = Tree.contents(under: site.url("Public"))
        _ = try Pipeline().run(BuildOptions(asOf: CalendarDate(year: 2024, month: 12, day: 31), currentFolder: site.root))
        let second = Tree.contents(under: site.url("Public"))
        for path in Self.exportFiles {
            #expect(first[path] != nil && first[path] == second[path], "\(path)")
        }
        #expect(first == second)
    }

    @Test("site check writes the exports into its scratch folder and audits them with the pages")
    func checkSeesExports() throws {
        let site = try TempSite(files: SampleSite.files)
        let build = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let check = try Pipeline().run(BuildOptions(output: "Elsewhere", writeOutput: false, currentFolder: site.root))
        #expect(build.published && !check.published)
        // The home page links feed.xml and /xxgk/ links catalog.csv: the audit finds no broken link
        // only because the exports are written before it runs.
        #expect(check.diagnostics.isEmpty && build.diagnostics.isEmpty)
        #expect(check.fileCount == build.fileCount)
        #expect(build.fileCount == site.files(under: "Public").count)
        #expect(!site.exists("Elsewhere"))
    }

    @Test("the home page and the pages of a section with a feed link it; a section without documents links none")
    func feedLinks() throws {
        var files = SampleSite.files
        files["Content/catalog.yaml"] = SampleSite.catalogYAML + "- id: czxx\n  title: 财政信息\n  empty_reason: 暂无。\n"
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        let home = try #require(site.read("Public/index.html"))
        #expect(home.contains("""
            <link rel="canonical" href="https://www.example.gov.cn/">
            <link rel="alternate" type="application/atom+xml" title="政府信息公开 - 示例县人民政府（Atom）" href="/feed.xml">
            <link rel="alternate" type="application/feed+json" title="政府信息公开 - 示例县人民政府（JSON Feed）" href="/feed.json">
            <link rel="stylesheet"
            """))
        #expect(home.contains(#"<p class="feeds">订阅最新信息： <a href="/feed.xml" type="application/atom+xml">Atom</a> <a href="/feed.json" type="application/feed+json">JSON Feed</a></p>"#))
        let section = try #require(site.read("Public/xxgk/gfxwj/index.html"))
        #expect(section.contains(#"<link rel="alternate" type="application/atom+xml" title="行政规范性文件 - 示例县人民政府（Atom）" href="/xxgk/gfxwj/feed.xml">"#))
        #expect(section.contains(#"<p class="feeds">订阅本栏目更新： <a href="/xxgk/gfxwj/feed.xml" type="application/atom+xml">Atom</a> <a href="/xxgk/gfxwj/feed.json" type="application/feed+json">JSON Feed</a></p>"#))
        let empty = try #require(site.read("Public/xxgk/czxx/index.html"))
        #expect(!empty.contains("feed"))
        #expect(!site.exists("Public/xxgk/czxx/feed.xml"))
        let document = try #require(site.read("Public/policies/gongkai/index.html"))
        #expect(!document.contains("rel=\"alternate\""))
        let catalog = try #require(site.read("Public/xxgk/index.html"))
        #expect(catalog.contains(#"<li><a href="/catalog.csv">主动公开目录（CSV，可用 Excel 打开）</a></li>"#))
    }
}
