import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// The example portal in Content/ is what a newcomer builds first: it must stay clean.
@Suite("The example portal")
struct ExamplePortalTests {
    static func buildExample() throws -> (BuildReport, TempSite) {
        let site = try TempSite(files: [:], defaultTheme: true)
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let report = try Pipeline().run(BuildOptions(strict: true, currentFolder: site.root))
        return (report, site)
    }

    @Test("builds with no error and no warning, deterministically")
    func clean() throws {
        let (report, site) = try Self.buildExample()
        #expect(DiagnosticPrinter().render(report.diagnostics) == "")
        #expect(report.published)
        let first = Tree.contents(under: site.url("Public"))
        _ = try Pipeline().run(BuildOptions(strict: true, currentFolder: site.root))
        #expect(Tree.contents(under: site.url("Public")) == first)
    }

    @Test("has what the build-pipeline issue asks of it")
    func contents() throws {
        let (report, site) = try Self.buildExample()
        #expect(report.published)
        // The five seed notices as plans; two carry their task tables.
        let plans = site.files(under: "Content/plans").filter { $0.hasSuffix(".md") }
        #expect(plans.count == 5)
        let withTasks = plans.filter { site.read("Content/plans/\($0)")?.contains("\ntasks:\n") == true }
        #expect(Set(withTasks).isSuperset(of: ["2018-ningyang-renwufenjie.md", "2023-pingyin-yaodian.md"]))
        // A normative policy with several interpretations, a repealed policy with its replacement.
        let normative = try #require(site.read("Public/policies/宁政办规〔2021〕3号/index.html"))
        #expect(normative.components(separatedBy: "<span class=\"forms\">").count - 1 >= 2)
        #expect(normative.contains("本文件替代"))
        #expect(Tree.contents(under: site.url("Public")).values.contains { String(decoding: $0, as: UTF8.self).contains("<strong>本文件已废止</strong>") })
        // The guide, and the 2021 annual report.
        #expect(site.exists("Public/guide/xxgkzn/index.html"))
        #expect(site.exists("Public/reports/2021/index.html"))
        // A withheld document is loaded but never published.
        #expect(report.documentCount == report.publicDocumentCount + 1)
        #expect(!site.files(under: "Public").contains { $0.hasPrefix("policies/internal") })
    }
}
