import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// On-disk fixture sites whose whole output is compared with golden files, every file of it:
/// a missing, unexpected or changed file fails. `SITE_RECORD_GOLDEN=1 swift test` rewrites them.
@Suite("Golden sites")
struct GoldenSiteTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/SiteEndToEndTests/Fixtures")
    static let goldens = Repository.root.appendingPathComponent("Tests/SiteEndToEndTests/Golden")

    @Test("a site with Chinese file names, folders and 文号 builds to exactly the golden output")
    func chineseSite() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("chinese-site/Content"), to: site.url("Content"))
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(DiagnosticPrinter().render(report.diagnostics) == "")
        #expect(report.published)
        for failure in Golden.compareTree(site.url("Public"), with: Self.goldens.appendingPathComponent("chinese-site/Public")) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test("the graph dump of the Chinese fixture is the golden one")
    func chineseSiteGraph() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("chinese-site/Content"), to: site.url("Content"))
        let graph = try #require(try Pipeline().analyse(BuildOptions(currentFolder: site.root)).graph)
        if let failure = Golden.compare(graph.dump, with: Self.goldens.appendingPathComponent("chinese-site/graph.txt")) {
            Issue.record(Comment(rawValue: failure))
        }
    }
}
