import Foundation
import SiteCore
import Testing

/// The repository, from this file's place in it.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("The rule catalog")
struct RuleCatalogTests {
    /// The codes `Problem.code` returns, read from its source: the switch is the only list of them.
    static func problemCodes() throws -> Set<String> {
        let source = try String(contentsOf: repository.appendingPathComponent("Sources/SiteCore/Problem.swift"), encoding: .utf8)
        let codeSwitch = try #require(source.range(of: "public var code: String {"))
        let end = try #require(source.range(of: "\n    }\n", range: codeSwitch.upperBound..<source.endIndex))
        let body = source[codeSwitch.upperBound..<end.lowerBound]
        let pattern = try Regex(#"\"([a-z0-9]+\.[a-z0-9-]+)\""#)
        let literal = Set(body.matches(of: pattern).map { String(body[$0.range].dropFirst().dropLast()) })
        // `report.\(identity)`: the three total identities of table 4 (AnnualReportTablesRule).
        #expect(body.contains("case .reportT4Total(let identity, _, _, _, _): \"report.\\(identity)\""))
        return literal.union(["report.t4-review-total", "report.t4-direct-total", "report.t4-after-total"])
    }

    @Test("every code a problem can have is in the catalog, and every catalog entry is a code")
    func codesMatch() throws {
        let codes = try Self.problemCodes()
        let catalog = Set(RuleCatalog.rules.map(\.code))
        #expect(codes.count > 80)
        #expect(codes.subtracting(catalog).sorted() == [])
        #expect(catalog.subtracting(codes).sorted() == [])
        #expect(RuleCatalog.rules.count == catalog.count, "a code is listed twice")
    }

    @Test("leaks are never configurable")
    func leaks() {
        for code in ["disclosure.link-to-nonpublic", "privacy.resident-id", "privacy.mobile", "privacy.bank-card", "ipv6.third-party-subresource"] {
            #expect(RuleCatalog.rule(code)?.configurable == false, "\(code)")
        }
    }

    @Test("docs/rules.md lists the catalog as `site rules` prints it")
    func documentation() throws {
        let url = repository.appendingPathComponent("docs/rules.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- rules:begin -->\n"))
        let end = try #require(text.range(of: "<!-- rules:end -->"))
        let listed = String(text[begin.upperBound..<end.lowerBound])
        let table = RuleCatalog.markdownTable()
        if ProcessInfo.processInfo.environment["SITE_RECORD_GOLDEN"] == "1", listed != table {
            try Data(text.replacingCharacters(in: begin.upperBound..<end.lowerBound, with: table).utf8).write(to: url)
            Issue.record("recorded docs/rules.md; run again without SITE_RECORD_GOLDEN")
            return
        }
        #expect(listed == table, "docs/rules.md is stale: SITE_RECORD_GOLDEN=1 swift test --filter RuleCatalogTests rewrites it")
    }
}
