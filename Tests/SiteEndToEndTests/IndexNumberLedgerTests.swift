import Foundation
import SiteBuild
import SiteContent
import SiteCore
import SiteTestSupport
import Testing

@Suite("索引号 that never change")
struct IndexNumberLedgerTests {
    let asOf = CalendarDate(iso: "2021-06-01")!

    func editor(_ site: TempSite) -> SiteEditor {
        SiteEditor(options: BuildOptions(currentFolder: site.root), asOf: asOf)
    }

    @Test("site lock records every 索引号, and the site then builds without warnings")
    func lockRecords() throws {
        let site = try TempSite(files: SampleSite.files)
        let report = try editor(site).lock()
        #expect(report.assigned.isEmpty)
        #expect(report.recorded == 4)
        #expect(site.read("Content/index-numbers.lock")?.hasSuffix("""
            11370921004336564T/2021-00003 policies/gongkai
            11370921004336564T/2021-00004 interpretations/gongkai-jd
            11370921004336564T/2021-00006 plans/2021-yaodian
            11370921004336564T/2021-00009 policies/neibu

            """) == true)
        let build = try Pipeline().run(BuildOptions(strict: true, currentFolder: site.root))
        #expect(build.diagnostics.isEmpty)
    }

    @Test("site lock gives a document without 索引号 the next free one, in the year of its publication")
    func lockAssigns() throws {
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan.replacingOccurrences(of: "index_number: 11370921004336564T/2021-00006\n", with: "")
        let site = try TempSite(files: files)
        let before = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(before.diagnostics.sorted.map(\.hint) == ["run 'site lock': it restores the 索引号 the ledger records for this document, or gives it the next free one"])
        let report = try editor(site).lock()
        #expect(report.assigned.map(\.indexNumber.text) == ["11370921004336564T/2021-00010"])
        let plan = try #require(site.read("Content/plans/2021-yaodian.md"))
        #expect(plan.contains("catalog: [ghxx]\ntasks:\n"))
        #expect(plan.contains("    due: 2021年12月底前\nindex_number: 11370921004336564T/2021-00010\n---\n"))
        let after = try Pipeline().run(BuildOptions(strict: true, currentFolder: site.root))
        #expect(after.diagnostics.isEmpty)
    }

    @Test("site new never reuses the serial of a deleted document")
    func newAfterDeletion() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try editor(site).lock()
        try site.remove("Content/policies/neibu.md")  // had 2021-00009
        let created = try editor(site).newDocument(kind: .policy, path: "policies/new", title: "新文件", issuer: nil, catalog: [])
        #expect(created.indexNumber?.text == "11370921004336564T/2021-00010")
        #expect(created.path == "Content/policies/new.md")
        let text = try #require(site.read("Content/policies/new.md"))
        #expect(text.hasPrefix("---\ntitle: 新文件\nkind: policy\nissuer: xzfb\n"))
        #expect(text.contains("index_number: 11370921004336564T/2021-00010\nwritten: 2021-06-01\npublished: 2021-06-01\ndisclosure: 主动公开\ncatalog: [zcwj]\nvalidity: 现行有效\n"))
        #expect(site.read("Content/index-numbers.lock")?.contains("11370921004336564T/2021-00009 policies/neibu\n11370921004336564T/2021-00010 policies/new\n") == true)
        // The scaffold builds as it is (the withheld document is gone); only its placeholder body is reported.
        let build = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(build.diagnostics.sorted.map { "\($0.location!) \($0.code)" } == ["Content/policies/new.md:15:1 content.placeholder"])
        #expect(build.published)
    }

    @Test("site new refuses an existing file and unknown agencies or sections")
    func newRefusals() throws {
        let site = try TempSite(files: SampleSite.files)
        #expect(throws: SiteEditor.EditError.exists("Content/policies/gongkai.md")) {
            try editor(site).newDocument(kind: .policy, path: "policies/gongkai", title: nil, issuer: nil, catalog: [])
        }
        #expect(throws: SiteEditor.EditError.unknownAgency("nobody")) {
            try editor(site).newDocument(kind: .policy, path: "policies/x", title: nil, issuer: "nobody", catalog: [])
        }
        #expect(throws: SiteEditor.EditError.badPath("../x")) {
            try editor(site).newDocument(kind: .page, path: "../x", title: nil, issuer: nil, catalog: [])
        }
    }

    @Test("a changed 索引号 is an error that names the recorded one")
    func changed() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try editor(site).lock()
        try site.write("Content/policies/gongkai.md", SampleSite.policy.replacingOccurrences(of: "2021-00003", with: "2021-00030"))
        let build = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(DiagnosticPrinter().render(build.diagnostics) == """
            Content/policies/gongkai.md:6:15: error: 'index_number' is '11370921004336564T/2021-00030', but this document was given '11370921004336564T/2021-00003' [catalog.index-number-changed]
                index_number: 11370921004336564T/2021-00030
                              ^
              note: recorded here: Content/index-numbers.lock:4:1
              hint: a published 索引号 never changes: restore '11370921004336564T/2021-00003'
            1 error, 0 warnings in 1 file
              catalog.index-number-changed: 1 error

            """)
    }

    @Test("a 索引号 recorded for another document is an error, and an unrecorded one a warning")
    func reusedAndUnrecorded() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try editor(site).lock()
        try site.remove("Content/policies/neibu.md")
        try site.write("Content/policies/other.md", SampleSite.withheld.replacingOccurrences(of: "内部事务文件", with: "另一文件"))
        try site.write("Content/policies/third.md", SampleSite.withheld.replacingOccurrences(of: "2021-00009", with: "2021-00011"))
        let build = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(build.diagnostics.sorted.map(\.code) == ["catalog.index-number-reused", "catalog.index-number-unrecorded"])
        #expect(build.diagnostics.sorted.first?.message == "索引号 '11370921004336564T/2021-00009' belongs to 'policies/neibu' in the ledger")
    }
}
