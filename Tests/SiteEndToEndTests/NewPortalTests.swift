import Foundation
import SiteBuild
import SiteContent
import SiteCore
import SiteTestSupport
import Testing

/// `site init`'s portal, in process; SiteCLITests runs the binary on it.
@Suite("A new portal (site init)")
struct NewPortalTests {
    /// Days the sample document may be dated and the build run on: the calendar's first and last
    /// years, a leap day, the last two weeks of the calendar (where time limits become provisional),
    /// and a year the calendar does not cover.
    @Test("builds with no error and no warning, whatever the day", arguments: [
        "2018-01-01", "2024-02-29", "2026-11-22", "2026-12-31", "2031-07-01",
    ])
    func buildsClean(_ day: String) throws {
        let date = try #require(CalendarDate(iso: day))
        let site = try TempSite(files: [:], defaultTheme: false)
        _ = try NewPortal(folder: "portal", asOf: date, currentFolder: site.root).create(force: false)
        let report = try Pipeline().run(BuildOptions(strict: true, asOf: date, currentFolder: site.url("portal")))
        // From 12-15 on, the only finding is the reminder to add next year's holidays (info).
        let findings = report.diagnostics.sorted.filter { $0.code != "time.calendar-update" }
        #expect(findings.map { "\($0.code): \($0.problem)" } == [])
        #expect(report.diagnostics.errorCount == 0 && report.diagnostics.warningCount == 0)
        #expect(report.published)
        #expect(report.publicDocumentCount == 1)
        #expect(site.exists("portal/Public/guide/xxgkzn/index.html"))
    }

    @Test("site.yaml holds placeholders marked 请修改, with a right organisation code")
    func placeholders() throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        _ = try NewPortal(folder: "p", asOf: CalendarDate(iso: "2026-11-22")!, currentFolder: site.root).create(force: false)
        let content = try ContentLoader(folder: site.url("p/Content"), displayPrefix: "Content").load()
        let configuration = try #require(content.configuration)
        #expect(configuration.organizationCode == NewPortal.placeholderOrganizationCode)
        #expect(OrganisationCode.check(configuration.organizationCode) == .valid)
        #expect(OrganisationCode.check(String(configuration.organizationCode.dropFirst(8).prefix(9))) == .valid)
        #expect(configuration.name == "示例县人民政府")
        #expect(configuration.notice != nil)
        let siteYAML = try #require(site.read("p/Content/site.yaml"))
        for key in ["name", "base_url", "organization_code", "sponsor", "website_code", "icp", "police_record", "contact"] {
            let line = siteYAML.split(separator: "\n").first { $0.hasPrefix("\(key):") }
            #expect(line?.contains("# 请修改") == true, "\(key)")
        }
        #expect(content.agencies.map(\.level) == [.countyGovernment, .countyOffice, .department])
        let sections = content.catalog.flatMap(\.flattened)
        #expect(sections.map(\.title).starts(with: ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容"]))
        #expect(["政策文件", "行政规范性文件", "政策解读", "规划信息", "政府信息公开年报"].allSatisfy { title in sections.contains { $0.title == title } })
        let sample = try #require(content.documents.first)
        #expect(content.documents.count == 1)
        #expect(sample.id.rawValue == "guide/xxgkzn")
        #expect(sample.published?.value == CalendarDate(iso: "2026-11-22"))
        #expect(sample.indexNumber == nil)
        #expect(content.ledger?.entries.isEmpty == true)
    }

    @Test("refuses a folder with files in it, a file, and Content or Templates even with force; writes nothing")
    func refusals() throws {
        let site = try TempSite(files: ["full/README.md": "自述\n", "taken/Content/site.yaml": "name: x\n", "file": "x"], defaultTheme: false)
        let date = CalendarDate(iso: "2026-11-22")!
        let before = Tree.contents(under: site.root)
        #expect(throws: NewPortal.InitError.notEmpty("full", entries: ["README.md"])) {
            try NewPortal(folder: "full", asOf: date, currentFolder: site.root).create(force: false)
        }
        #expect(throws: NewPortal.InitError.exists(["taken/Content"])) {
            try NewPortal(folder: "taken", asOf: date, currentFolder: site.root).create(force: true)
        }
        #expect(throws: NewPortal.InitError.notAFolder("file")) {
            try NewPortal(folder: "file", asOf: date, currentFolder: site.root).create(force: true)
        }
        #expect(Tree.contents(under: site.root) == before)
    }

    @Test("with force, writes next to other files and appends to .gitignore the lines it lacks")
    func force() throws {
        let site = try TempSite(files: ["p/README.md": "自述\n", "p/.gitignore": "/Public/\n*.swp"], defaultTheme: false)
        let report = try NewPortal(folder: "p", asOf: CalendarDate(iso: "2026-11-22")!, currentFolder: site.root).create(force: true)
        #expect(report.gitignoreAppended == [".site-cache/"])
        #expect(!report.written.contains(".gitignore"))
        #expect(site.read("p/.gitignore") == "/Public/\n*.swp\n.site-cache/\n")
        #expect(site.read("p/README.md") == "自述\n")
        #expect(site.exists("p/Content/site.yaml") && site.exists("p/Templates/base.mustache"))
    }
}
