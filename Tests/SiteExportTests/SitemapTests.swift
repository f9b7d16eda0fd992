import Foundation
import SiteBuild
import SiteCore
import SiteExport
import SiteTestSupport
import Testing

// Issue 6, item 5: sitemap.xml and robots.txt.
@Suite("Sitemap and robots.txt")
struct SitemapTests {
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    @Test("every page but 404.html and /search/, with its absolute address and the 发布日期 of what it shows")
    func sitemap() throws {
        let exports = try Exports(SampleSite.files)
        let urlset = try exports.xml("sitemap.xml")
        #expect(urlset.name == "urlset" && urlset.namespace == Self.namespace)
        let entries = urlset.all("url").map { ($0.first("loc")?.text ?? "", $0.first("lastmod")?.text) }
        let lastmod = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        // One entry per page the build writes, but 404.html and the search page.
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let pages = site.files(under: "Public").filter { $0.hasSuffix(".html") && $0 != "404.html" && $0 != "search/index.html" }
        #expect(entries.count == pages.count)
        #expect(Set(entries.map(\.0)) == Set(pages.map { "https://www.example.gov.cn/" + SitePath.percentEncode(String($0.dropLast("index.html".count))) }))
        #expect(entries.first?.0 == "https://www.example.gov.cn/")
        #expect(lastmod["https://www.example.gov.cn/"] == "2021-05-21")
        #expect(lastmod["https://www.example.gov.cn/policies/gongkai/"] == "2021-05-12")
        #expect(lastmod["https://www.example.gov.cn/xxgk/zcwj/"] == "2021-05-12")
        #expect(lastmod["https://www.example.gov.cn/xxgk/zcjd/"] == "2021-05-13")
        #expect(lastmod["https://www.example.gov.cn/xxgk/normative/"] == "2021-05-12")
        #expect(lastmod["https://www.example.gov.cn/xxgk/years/2021/"] == "2021-05-21")
        // fgj issued nothing but leads a task of the plan of 2021-05-21.
        #expect(lastmod["https://www.example.gov.cn/agencies/fgj/"] == "2021-05-21")
        // xzf issued nothing and has no task: no date to give.
        #expect(lastmod["https://www.example.gov.cn/agencies/xzf/"] == .some(nil))
        #expect(lastmod["https://www.example.gov.cn/xxgk/decisions/"] == .some(nil))
    }

    @Test("an address with & or Chinese is percent-encoded and escaped")
    func escaping() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "topics: [综合政务]", with: "topics: [R&D 政务]")
        let exports = try Exports(files)
        #expect(try exports.text("sitemap.xml").contains(
            "<loc>https://www.example.gov.cn/xxgk/topics/R&amp;D%20%E6%94%BF%E5%8A%A1/</loc><lastmod>2021-05-12</lastmod>"))
        let locs = try exports.xml("sitemap.xml").all("url").compactMap { $0.first("loc")?.text }
        #expect(locs.contains("https://www.example.gov.cn/xxgk/topics/R&D%20%E6%94%BF%E5%8A%A1/"))
    }

    @Test("robots.txt lets every crawler in and names the sitemap")
    func robots() throws {
        #expect(try Exports(SampleSite.files).text("robots.txt") == "User-agent: *\nDisallow:\n\nSitemap: https://www.example.gov.cn/sitemap.xml\n")
        let portal = try Exports(SampleSite.files, baseURL: "https://www.example.gov.cn/portal/")
        #expect(try portal.text("robots.txt").hasSuffix("Sitemap: https://www.example.gov.cn/portal/sitemap.xml\n"))
        #expect(try portal.xml("sitemap.xml").all("url").compactMap { $0.first("loc")?.text }.allSatisfy { $0.hasPrefix("https://www.example.gov.cn/portal/") })
    }
}
