import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// Follows links from a page of a built site, as a citizen or an inspector's crawler would.
enum Crawler {
    /// Every page (`…/index.html` or `x.html`) reachable from `start` by internal links.
    static func reachable(from start: String, in output: URL) -> Set<String> {
        var seen: Set<String> = [start]
        var queue = [start]
        while let page = queue.popLast() {
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(page).path) else { continue }
            let html = String(decoding: data, as: UTF8.self)
            for href in hrefs(in: html) {
                guard href.hasPrefix("/"), var path = href.split(separator: "#").first.map(String.init) else { continue }
                path = (path.removingPercentEncoding ?? path).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                let file = path.isEmpty ? "index.html" : (path.hasSuffix(".html") ? path : path + "/index.html")
                guard file.hasSuffix(".html"), FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path) else { continue }
                if seen.insert(file).inserted { queue.append(file) }
            }
        }
        return seen
    }

    static func hrefs(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }
}

@Suite("Reaching every document")
struct CrawlTests {
    @Test("every public document of the example portal is reachable from the catalog root by links alone")
    func examplePortal() throws {
        let (report, site) = try ExamplePortalTests.buildExample()
        #expect(report.published)
        try checkReachable(site)
    }

    @Test("every public document of the Chinese fixture is reachable from the catalog root, through pagination")
    func fixture() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: GoldenSiteTests.fixtures.appendingPathComponent("chinese-site/Content"), to: site.url("Content"))
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        try checkReachable(site)
    }

    func checkReachable(_ site: TempSite) throws {
        let output = site.url("Public")
        let reached = Crawler.reachable(from: "xxgk/index.html", in: output)
        let analysis = try Pipeline().analyse(BuildOptions(currentFolder: site.root))
        let graph = try #require(analysis.graph)
        #expect(!graph.publicDocuments.isEmpty)
        for id in graph.publicDocuments {
            #expect(reached.contains(id.page.outputFile), "\(id) is not reachable from /xxgk/")
        }
    }
}
