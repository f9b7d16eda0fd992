import Foundation
import SiteCore
import SiteExport
import SiteTestSupport
import Testing

// Issue 6, item 4: feeds of the portal and of each catalog section.
@Suite("Feeds")
struct FeedTests {
    static let atom = "http://www.w3.org/2005/Atom"

    @Test("the portal's Atom feed lists the public documents newest first, with ids from their 索引号")
    func portalAtom() throws {
        let exports = try Exports(SampleSite.files)
        let feed = try exports.xml("feed.xml")
        #expect(feed.name == "feed" && feed.namespace == Self.atom)
        #expect(feed.first("id")?.text == "https://www.example.gov.cn/feed.xml")
        #expect(feed.first("title")?.text == "政府信息公开 - 示例县人民政府")
        #expect(feed.first("updated")?.text == "2021-05-21T00:00:00+08:00")
        #expect(feed.all("link").map { [$0.attributes["rel"], $0.attributes["type"], $0.attributes["href"]] } == [
            ["self", "application/atom+xml", "https://www.example.gov.cn/feed.xml"],
            ["alternate", "text/html", "https://www.example.gov.cn/"],
            ["alternate", "application/feed+json", "https://www.example.gov.cn/feed.json"],
        ])
        #expect(feed.first("author")?.first("name")?.text == "示例县人民政府办公室")
        let entries = feed.all("entry")
        #expect(entries.map { $0.first("id")?.text } == [
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00006",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00004",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00003",
        ])
        #expect(entries.map { $0.first("published")?.text } == [
            "2021-05-21T00:00:00+08:00", "2021-05-13T00:00:00+08:00", "2021-05-12T00:00:00+08:00",
        ])
        #expect(entries.map { $0.first("updated")?.text } == entries.map { $0.first("published")?.text })
        #expect(entries.map { $0.first("title")?.text } == [
            "2021年示例县政务公开工作要点", "《示例县政务公开办法》政策解读", "示例县人民政府办公室关于印发示例县政务公开办法的通知",
        ])
        let policy = entries[2]
        #expect(policy.first("link")?.attributes == ["rel": "alternate", "type": "text/html", "href": "https://www.example.gov.cn/policies/gongkai/"])
        #expect(policy.all("author").map { $0.first("name")?.text } == ["示例县人民政府办公室"])
        #expect(policy.all("author").map { $0.first("uri")?.text } == ["https://www.example.gov.cn/agencies/xzfb/"])
        #expect(policy.all("category").map { [$0.attributes["term"], $0.attributes["label"], $0.attributes["scheme"]] } == [
            ["zcwj", "政策文件", "https://www.example.gov.cn/xxgk/"],
            ["gfxwj", "行政规范性文件", "https://www.example.gov.cn/xxgk/"],
            ["综合政务", "综合政务", "https://www.example.gov.cn/xxgk/topics/"],
        ])
        // The content is the rendered body, as escaped HTML that a reader unescapes.
        let content = try #require(policy.first("content"))
        #expect(content.attributes["type"] == "html")
        #expect(content.text == exports.analysis.bodies["policies/gongkai"])
        #expect(content.text == "<p>各乡镇人民政府，县政府各部门：</p>\n<p>现将《示例县政务公开办法》印发给你们，请认真贯彻执行。</p>\n")
        // No summary was written, so there is none.
        #expect(policy.first("summary") == nil)
    }

    @Test("the JSON feed carries the same entries as the Atom feed")
    func portalJSON() throws {
        let exports = try Exports(SampleSite.files)
        let feed = try exports.json("feed.json")
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] as? String == "政府信息公开 - 示例县人民政府")
        #expect(feed["home_page_url"] as? String == "https://www.example.gov.cn/")
        #expect(feed["feed_url"] as? String == "https://www.example.gov.cn/feed.json")
        #expect(feed["language"] as? String == "zh-CN")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00006",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00004",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00003",
        ])
        let policy = items[2]
        #expect(policy["url"] as? String == "https://www.example.gov.cn/policies/gongkai/")
        #expect(policy["date_published"] as? String == "2021-05-12T00:00:00+08:00")
        #expect(policy["date_modified"] as? String == "2021-05-12T00:00:00+08:00")
        #expect(policy["content_html"] as? String == exports.analysis.bodies["policies/gongkai"])
        #expect(policy["tags"] as? [String] == ["政策文件", "行政规范性文件", "综合政务"])
        #expect((policy["authors"] as? [[String: String]]) == [["name": "示例县人民政府办公室", "url": "https://www.example.gov.cn/agencies/xzfb/"]])
        #expect(policy["summary"] == nil)
    }

    @Test("&, <, > and \" in a title are escaped in Atom and JSON, and read back unchanged")
    func escaping() throws {
        let title = #"2021年示例县"政务公开"工作要点 & <任务分解表>"#
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan
            .replacingOccurrences(of: "title: 2021年示例县政务公开工作要点", with: "title: '\(title)'\nsummary: 'A&B <b>不是标签</b>'")
        let exports = try Exports(files)
        let atom = try exports.text("feed.xml")
        #expect(atom.contains("<title>2021年示例县&quot;政务公开&quot;工作要点 &amp; &lt;任务分解表&gt;</title>"))
        #expect(atom.contains("<summary>A&amp;B &lt;b&gt;不是标签&lt;/b&gt;</summary>"))
        let entry = try #require(try exports.xml("feed.xml").all("entry").first)
        #expect(entry.first("title")?.text == title)
        #expect(entry.first("summary")?.text == "A&B <b>不是标签</b>")
        #expect(try exports.text("feed.json").contains(#""title" : "2021年示例县\"政务公开\"工作要点 & <任务分解表>""#))
        let items = try #require(try exports.json("feed.json")["items"] as? [[String: Any]])
        #expect(items.first?["title"] as? String == title)
        // The section feed escapes the same way.
        #expect(try exports.xml("xxgk/ghxx/feed.xml").first("entry")?.first("title")?.text == title)
    }

    @Test("documents published the same day are ordered by 索引号, then those without one by id")
    func ties() throws {
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan
            .replacingOccurrences(of: "written: 2021-05-19", with: "written: 2021-05-13")
            .replacingOccurrences(of: "published: 2021-05-21", with: "published: 2021-05-13")
        files["Content/pages/guide.md"] = """
            ---
            title: 示例县政府信息公开指南
            kind: page
            published: 2021-05-13
            disclosure: 主动公开
            catalog: [ghxx]
            ---

            指南。

            """
        let exports = try Exports(files)
        let ids = try exports.xml("feed.xml").all("entry").map { $0.first("id")?.text }
        #expect(ids == [
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00006",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00004",
            "tag:www.example.gov.cn,2021:/pages/guide/",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00003",
        ])
        #expect(try exports.xml("xxgk/ghxx/feed.xml").all("entry").map { $0.first("id")?.text } == [
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00006",
            "tag:www.example.gov.cn,2021:/pages/guide/",
        ])
    }

    @Test("a section's feed includes its subsections' documents; a section with none has no feed")
    func sectionFeeds() throws {
        var files = SampleSite.files
        files["Content/catalog.yaml"] = SampleSite.catalogYAML + """
            - id: czxx
              title: 财政信息
              empty_reason: 本县财政信息在财政局网站发布。

            """
        files["Content/policies/guifan.md"] = SampleSite.policy
            .replacingOccurrences(of: "catalog: [zcwj, gfxwj]", with: "catalog: [gfxwj]")
            .replacingOccurrences(of: "〔2021〕3号", with: "〔2021〕8号").replacingOccurrences(of: "2021-00003", with: "2021-00008")
            .replacingOccurrences(of: "published: 2021-05-12", with: "published: 2021-06-01")
            .replacingOccurrences(of: "政务公开办法的通知", with: "公共数据开放办法的通知")
            .replacingOccurrences(of: "normative: true", with: "normative: false")
        let exports = try Exports(files)
        #expect(try exports.xml("xxgk/zcwj/feed.xml").all("entry").map { $0.first("id")?.text } == [
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00008",
            "tag:www.example.gov.cn,2021:11370921004336564T/2021-00003",
        ])
        #expect(try exports.xml("xxgk/zcwj/feed.xml").first("updated")?.text == "2021-06-01T00:00:00+08:00")
        #expect(try exports.xml("xxgk/zcjd/feed.xml").first("updated")?.text == "2021-05-13T00:00:00+08:00")
        #expect(try exports.xml("xxgk/zcwj/feed.xml").first("subtitle") == nil)
        #expect(try exports.json("xxgk/zcwj/feed.json")["home_page_url"] as? String == "https://www.example.gov.cn/xxgk/zcwj/")
        #expect(exports.files.keys.sorted() == [
            "catalog.csv", "catalog.json", "feed.json", "feed.xml", "robots.txt", "sitemap.xml",
            "xxgk/gfxwj/feed.json", "xxgk/gfxwj/feed.xml", "xxgk/ghxx/feed.json", "xxgk/ghxx/feed.xml",
            "xxgk/zcjd/feed.json", "xxgk/zcjd/feed.xml", "xxgk/zcwj/feed.json", "xxgk/zcwj/feed.xml",
        ])
    }

    @Test("a feed holds the latest 50 documents; the catalog holds them all")
    func latestFifty() throws {
        var files = SampleSite.files
        for i in 1...55 {
            let serial = String(format: "%05d", 100 + i)
            let date = CalendarDate(year: 2022, month: 1, day: 1)!.adding(days: i)
            files["Content/plans/p\(i).md"] = """
                ---
                title: 第\(i)号计划
                kind: plan
                issuer: fgj
                index_number: 11370921004336564T/2022-\(serial)
                written: \(date)
                published: \(date)
                disclosure: 主动公开
                catalog: [ghxx]
                ---

                正文。

                """
        }
        let exports = try Exports(files)
        let ids = try exports.xml("feed.xml").all("entry").compactMap { $0.first("id")?.text }
        #expect(ids.count == 50)
        #expect(ids.first == "tag:www.example.gov.cn,2022:11370921004336564T/2022-00155")
        #expect(ids.last == "tag:www.example.gov.cn,2022:11370921004336564T/2022-00106")
        #expect(try exports.xml("feed.xml").first("updated")?.text == "2022-02-25T00:00:00+08:00")
        #expect((try exports.json("feed.json")["items"] as? [Any])?.count == 50)
        #expect(try exports.xml("xxgk/ghxx/feed.xml").all("entry").count == 50)
        #expect(try exports.xml("xxgk/zcjd/feed.xml").all("entry").count == 1)
        #expect(try exports.json("catalog.json")["count"] as? Int == 58)
    }

    @Test("a joint issuance names every issuer as an author, the lead first")
    func jointIssuance() throws {
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan.replacingOccurrences(of: "issuer: xzfb", with: "issuer: [fgj, xzfb]")
        let exports = try Exports(files)
        let entry = try #require(try exports.xml("feed.xml").first("entry"))
        #expect(entry.all("author").map { $0.first("name")?.text } == ["示例县发展和改革局", "示例县人民政府办公室"])
    }

    @Test("absolute URLs and ids follow the base URL's host and path")
    func basePath() throws {
        let exports = try Exports(SampleSite.files, baseURL: "https://WWW.Example.gov.cn/portal")
        let feed = try exports.xml("feed.xml")
        #expect(feed.first("id")?.text == "https://WWW.Example.gov.cn/portal/feed.xml")
        #expect(feed.first("entry")?.first("id")?.text == "tag:www.example.gov.cn,2021:11370921004336564T/2021-00006")
        #expect(feed.first("entry")?.first("link")?.attributes["href"] == "https://WWW.Example.gov.cn/portal/plans/2021-yaodian/")
    }
}
