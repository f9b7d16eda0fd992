import SiteContent
import SiteCore
import SiteGraph
import SiteTestSupport
import Testing

@testable import SiteCompliance

/// The sample site with its policy changed, checked by one rule.
func check(_ rule: any ComplianceRule, policy: String) throws -> [Problem] {
    var files = SampleSite.files
    files["Content/policies/gongkai.md"] = policy
    let site = try TempSite(files: files, defaultTheme: false)
    let content = try ContentLoader(folder: site.url("Content"), displayPrefix: "Content").load()
    let (graph, _) = GraphBuilder().build(configuration: content.configuration!, content: content, links: [:])
    return rule.check(ComplianceContext(graph: graph, asOf: CalendarDate(iso: "2026-11-22")!)).map(\.problem)
}

func policy(_ old: String, _ new: String) -> String {
    SampleSite.policy.replacingOccurrences(of: old, with: new)
}

@Suite("Compliance rules")
struct ComplianceRuleTests {
    @Test("the sample site passes every rule")
    func sampleIsClean() throws {
        for rule in ComplianceChecker.standardRules {
            #expect(try check(rule, policy: SampleSite.policy) == [])
        }
    }

    @Test("catalog.index-number: the front part is the issuer's or the site's organisation code", arguments: [
        ("11370921004336564T/2021-00003", []),
        ("000014349/2021-00003", [Problem.indexNumberPrefix(value: "000014349/2021-00003", expectedPrefix: "11370921004336564T")]),
    ])
    func indexNumberPrefix(_ number: String, _ expected: [Problem]) throws {
        #expect(try check(IndexNumberPrefixRule(), policy: policy("11370921004336564T/2021-00003", number)) == expected)
    }

    @Test("catalog.index-number: an agency's own org_code wins")
    func agencyOrgCode() throws {
        var files = SampleSite.files
        files["Content/agencies.yaml"] = SampleSite.agenciesYAML.replacingOccurrences(of: "  short: 县政府办公室\n", with: "  short: 县政府办公室\n  org_code: 000014349\n")
        files["Content/policies/gongkai.md"] = policy("11370921004336564T/2021-00003", "000014349/2021-00003")
        let site = try TempSite(files: files, defaultTheme: false)
        let content = try ContentLoader(folder: site.url("Content"), displayPrefix: "Content").load()
        let (graph, _) = GraphBuilder().build(configuration: content.configuration!, content: content, links: [:])
        let problems = IndexNumberPrefixRule().check(ComplianceContext(graph: graph, asOf: CalendarDate(iso: "2026-11-22")!)).map(\.problem)
        // The policy is right now; the other documents of xzfb still carry the site's code.
        #expect(!problems.contains(.indexNumberPrefix(value: "000014349/2021-00003", expectedPrefix: "000014349")))
        #expect(problems.count == 3)
    }

    @Test("catalog.index-number-year (warning): the year of publication or of signing", arguments: [
        ("2021-00003", false), ("2020-00003", true),
    ])
    func indexNumberYear(_ back: String, _ flagged: Bool) throws {
        let problems = try check(IndexNumberYearRule(), policy: policy("2021-00003", back))
        #expect(problems == (flagged ? [.indexNumberYear(value: "11370921004336564T/\(back)")] : []))
        #expect(Problem.indexNumberYear(value: "").defaultSeverity == .warning)
    }

    @Test("catalog.document-number-year (warning): the 文号's year is the year of 成文日期")
    func documentNumberYear() throws {
        #expect(try check(DocumentNumberYearRule(), policy: policy("〔2021〕3号", "〔2020〕3号")) == [.documentNumberYear(value: "示政办规〔2020〕3号", writtenYear: 2021)])
    }

    @Test("validity.no-number: a normative document needs a 文号, unless the 文号 was written but malformed")
    func normativeNumber() throws {
        #expect(try check(NormativeDocumentNumberRule(), policy: policy("document_number: 示政办规〔2021〕3号\n", "")) == [.normativeWithoutNumber])
        #expect(try check(NormativeDocumentNumberRule(), policy: policy("示政办规〔2021〕3号", "示政办规2021-3")) == [])
        #expect(try check(NormativeDocumentNumberRule(), policy: policy("normative: true", "normative: false").replacingOccurrences(of: "document_number: 示政办规〔2021〕3号\n", with: "")) == [])
    }

    @Test("validity.missing: every policy states its 有效性")
    func validity() throws {
        #expect(try check(PolicyValidityRule(), policy: policy("validity: 现行有效\n", "")) == [.validityMissing])
    }
}

@Suite("Source checks: what rules find in a document's text, run document by document while the text is in memory")
struct SourceCheckTests {
    @Test("checkSource on every document, then check with sourcesChecked, finds exactly what check alone finds")
    func splitEqualsWhole() throws {
        let body = "联系人手机13812345678。\n\n（正文）\n"
        let context = try contextFor(changes: ["Content/policies/gongkai.md": SampleSite.policy + body])
        let checker = ComplianceChecker()
        let whole = Diagnostics(checker.check(context)).sorted
        let source = context.graph.documents.flatMap { checker.checkSource($0, context: context.source) }
        let rest = checker.check(
            ComplianceContext(graph: context.graph, asOf: context.asOf, sourcesChecked: true, attachmentText: context.attachmentText))
        #expect(Diagnostics(source + rest).sorted == whole)
        // The body's findings come from the source checks only, so a build that drops the text
        // after them loses nothing.
        let codes = Set(source.map(\.code))
        #expect(codes.isSuperset(of: ["privacy.mobile", "content.placeholder"]))
        #expect(!rest.contains { $0.code == "privacy.mobile" || $0.code == "content.placeholder" })
    }
}
