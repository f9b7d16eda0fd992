import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// Builds `files` in a temporary folder and returns the report and the printed diagnostics.
func build(_ files: [String: String], strict: Bool = false) throws -> (report: BuildReport, text: String, site: TempSite) {
    let site = try TempSite(files: files)
    let report = try Pipeline().run(BuildOptions(strict: strict, currentFolder: site.root))
    return (report, DiagnosticPrinter().render(report.diagnostics), site)
}

/// The sample site with some files replaced (or removed, with nil).
func sample(_ changes: [String: String?]) -> [String: String] {
    var files = SampleSite.files
    for (path, text) in changes { files[path] = text }
    return files
}

/// The sample policy with one front-matter line replaced.
func policy(replacing old: String, with new: String) -> String {
    precondition(SampleSite.policy.contains(old), "the sample policy has no line '\(old)'")
    return SampleSite.policy.replacingOccurrences(of: old, with: new)
}

@Suite("Diagnostics of invalid sites")
struct DiagnosticsTests {
    @Test("the sample site builds without any diagnostic")
    func sampleIsClean() throws {
        let result = try build(SampleSite.files)
        #expect(result.text == "")
        #expect(result.report.published)
    }

    /// Each case changes the sample site in one way and expects exactly this output.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let changes: [String: String?]
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "malformed YAML",
            changes: ["Content/policies/gongkai.md": policy(replacing: "title: 示例县人民政府办公室关于印发示例县政务公开办法的通知", with: "title: 示例县政务公开办法: 通知")],
            expected: """
                Content/policies/gongkai.md:2:17: error: front matter is not valid YAML: mapping values are not allowed in this context [content.yaml-syntax]
                    title: 示例县政务公开办法: 通知
                                             ^
                  hint: a value containing ': ' must be quoted, e.g. title: "…: …"
                1 error, 0 warnings in 1 file
                  content.yaml-syntax: 1 error

                """),
        Case(
            name: "unknown key with a suggestion",
            changes: ["Content/policies/gongkai.md": policy(replacing: "published: 2021-05-12", with: "publshed: 2021-05-12")],
            expected: """
                Content/policies/gongkai.md:1:1: error: a document of kind 'policy' lacks required key 'published' [content.missing-field]
                    ---
                    ^
                  hint: add 'published: …'
                Content/policies/gongkai.md:8:1: error: unknown key 'publshed' [content.unknown-key]
                    publshed: 2021-05-12
                    ^
                  hint: did you mean 'published'?
                2 errors, 0 warnings in 1 file
                  content.missing-field: 1 error
                  content.unknown-key: 1 error

                """),
        Case(
            name: "a key of another kind",
            changes: ["Content/policies/gongkai.md": policy(replacing: "normative: true", with: "normative: true\nforms: [文字]")],
            expected: """
                Content/policies/gongkai.md:14:1: error: key 'forms' does not apply to kind 'policy' [content.key-not-for-kind]
                    forms: [文字]
                    ^
                  hint: it applies to kind 'interpretation'
                1 error, 0 warnings in 1 file
                  content.key-not-for-kind: 1 error

                """),
        Case(
            name: "missing disclosure",
            changes: ["Content/policies/gongkai.md": policy(replacing: "disclosure: 主动公开\n", with: "")],
            expected: """
                Content/policies/gongkai.md:1:1: error: document lacks 'disclosure' (公开属性); there is no default [disclosure.missing]
                    ---
                    ^
                  hint: add 'disclosure: 主动公开' (or 依申请公开 / 不予公开 with 'disclosure_reason')
                1 error, 0 warnings in 1 file
                  disclosure.missing: 1 error

                """),
        Case(
            name: "bad date",
            changes: ["Content/policies/gongkai.md": policy(replacing: "written: 2021-05-10", with: "written: 2021-02-30")],
            expected: """
                Content/policies/gongkai.md:7:10: error: 'written' is '2021-02-30', which is not a date [content.invalid-date]
                    written: 2021-02-30
                             ^
                  hint: write dates as YYYY-MM-DD, e.g. 2021-05-19
                1 error, 0 warnings in 1 file
                  content.invalid-date: 1 error

                """),
        Case(
            name: "bad 文号 with a fix",
            changes: ["Content/policies/gongkai.md": policy(replacing: "示政办规〔2021〕3号", with: "示政办规[2021]第03号")],
            expected: """
                Content/policies/gongkai.md:5:18: error: 'document_number' is '示政办规[2021]第03号', which is not of the form 机关代字〔YYYY〕N号 [catalog.document-number]
                    document_number: 示政办规[2021]第03号
                                     ^
                  hint: did you mean '示政办规〔2021〕3号'?
                1 error, 0 warnings in 1 file
                  catalog.document-number: 1 error

                """),
        Case(
            name: "bad 索引号",
            changes: ["Content/policies/gongkai.md": policy(replacing: "11370921004336564T/2021-00003", with: "11370921004336564T-2021-3")],
            expected: """
                Content/policies/gongkai.md:6:15: error: 'index_number' is '11370921004336564T-2021-3', which is not of the form 11370921004336564T/YYYY-NNNNN [catalog.index-number]
                    index_number: 11370921004336564T-2021-3
                                  ^
                  hint: a 索引号 is the organisation code, '/', the year and a 5-digit serial, e.g. 11370921004336564T/2021-00001 (a new document: remove the line and run 'site lock'); once published it never changes
                1 error, 0 warnings in 1 file
                  catalog.index-number: 1 error

                """),
        Case(
            name: "索引号 of another organisation",
            changes: ["Content/policies/gongkai.md": policy(replacing: "11370921004336564T/2021-00003", with: "004336564/2021-00003")],
            expected: """
                Content/policies/gongkai.md:6:15: error: 'index_number' '004336564/2021-00003' does not start with the issuer's organisation code '11370921004336564T' [catalog.index-number]
                    index_number: 004336564/2021-00003
                                  ^
                  hint: use '11370921004336564T/YYYY-NNNNN', or set 'org_code' of the issuer in agencies.yaml
                1 error, 0 warnings in 1 file
                  catalog.index-number: 1 error

                """),
        Case(
            name: "duplicate 索引号",
            changes: ["Content/plans/2021-yaodian.md": SampleSite.plan.replacingOccurrences(of: "2021-00006", with: "2021-00003")],
            expected: """
                Content/plans/2021-yaodian.md:6:15: error: 索引号 '11370921004336564T/2021-00003' is used by another document [catalog.index-number-duplicate]
                    index_number: 11370921004336564T/2021-00003
                                  ^
                  note: given first to 'policies/gongkai' here: Content/policies/gongkai.md:6:15
                  hint: a 索引号 belongs to one document forever: remove this document's 'index_number' line and run 'site lock' for the next free one
                1 error, 0 warnings in 1 file
                  catalog.index-number-duplicate: 1 error

                """),
        Case(
            name: "duplicate agency id",
            changes: ["Content/agencies.yaml": SampleSite.agenciesYAML + "- id: fgj\n  name: 示例县发改局\n  level: department\n"],
            expected: """
                Content/agencies.yaml:13:7: error: agency id 'fgj' is defined twice [config.duplicate-id]
                    - id: fgj
                          ^
                  note: first defined here: Content/agencies.yaml:9:7
                  hint: give each one its own id
                1 error, 0 warnings in 1 file
                  config.duplicate-id: 1 error

                """),
        Case(
            name: "unknown agency",
            changes: ["Content/policies/gongkai.md": policy(replacing: "issuer: xzfb", with: "issuer: xzfd")],
            expected: """
                Content/policies/gongkai.md:4:9: error: agency 'xzfd' is not defined in agencies.yaml [graph.unknown-agency]
                    issuer: xzfd
                            ^
                  hint: did you mean 'xzf'?
                1 error, 0 warnings in 1 file
                  graph.unknown-agency: 1 error

                """),
        Case(
            name: "unknown catalog section",
            changes: ["Content/policies/gongkai.md": policy(replacing: "catalog: [zcwj, gfxwj]", with: "catalog: [zcwj, gfxj]")],
            expected: """
                Content/policies/gongkai.md:10:17: error: catalog section 'gfxj' is not defined in catalog.yaml [catalog.unknown-section]
                    catalog: [zcwj, gfxj]
                                    ^
                  hint: did you mean 'gfxwj'?
                1 error, 0 warnings in 1 file
                  catalog.unknown-section: 1 error

                """),
        Case(
            name: "broken .md link",
            changes: ["Content/interpretations/gongkai-jd.md": SampleSite.interpretation.replacingOccurrences(of: "(../policies/gongkai.md)", with: "(../policies/gongkia.md)")],
            expected: """
                Content/interpretations/gongkai-jd.md:14:13: error: link to '../policies/gongkia.md', which does not exist [graph.dangling-link]
                    近日，县政府办公室印发了[《示例县政务公开办法》](../policies/gongkia.md)。现解读如下。
                                            ^
                  hint: did you mean '../policies/gongkai.md'?
                1 error, 0 warnings in 1 file
                  graph.dangling-link: 1 error

                """),
        Case(
            name: "a link to a heading that does not exist",
            changes: [
                "Content/policies/gongkai.md": SampleSite.policy + "\n## 第一章　总则\n",
                "Content/interpretations/gongkai-jd.md": SampleSite.interpretation.replacingOccurrences(of: "(../policies/gongkai.md)", with: "(../policies/gongkai.md#第一章总则)"),
            ],
            expected: """
                Content/interpretations/gongkai-jd.md:14:13: error: link to '../policies/gongkai.md#第一章总则': the document has no heading '#第一章总则' [graph.dangling-link]
                    近日，县政府办公室印发了[《示例县政务公开办法》](../policies/gongkai.md#第一章总则)。现解读如下。
                                            ^
                  hint: did you mean '#第一章-总则'?
                1 error, 0 warnings in 1 file
                  graph.dangling-link: 1 error

                """),
        Case(
            name: "interprets names a plan",
            changes: ["Content/interpretations/gongkai-jd.md": SampleSite.interpretation.replacingOccurrences(of: "interprets: policies/gongkai", with: "interprets: plans/2021-yaodian")],
            expected: """
                Content/interpretations/gongkai-jd.md:10:13: error: 'interprets' names 'plans/2021-yaodian', which is not a policy (it is a plan) [interp.target]
                    interprets: plans/2021-yaodian
                                ^
                  hint: an interpretation explains a document of kind 'policy'
                Content/policies/gongkai.md:1:1: warning: 行政规范性文件 has no interpretation (政策文件不解读不运转) [interp.missing]
                    ---
                    ^
                  hint: publish an interpretation with 'interprets:' naming this document
                1 error, 1 warning in 2 files
                  interp.missing: 1 warning
                  interp.target: 1 error

                """),
        Case(
            name: "interprets names a missing document",
            changes: ["Content/interpretations/gongkai-jd.md": SampleSite.interpretation.replacingOccurrences(of: "interprets: policies/gongkai", with: "interprets: policies/gongkia")],
            expected: """
                Content/interpretations/gongkai-jd.md:10:13: error: 'interprets' names 'policies/gongkia', which does not exist [interp.target]
                    interprets: policies/gongkia
                                ^
                  hint: did you mean 'policies/gongkai'?
                Content/policies/gongkai.md:1:1: warning: 行政规范性文件 has no interpretation (政策文件不解读不运转) [interp.missing]
                    ---
                    ^
                  hint: publish an interpretation with 'interprets:' naming this document
                1 error, 1 warning in 2 files
                  interp.missing: 1 warning
                  interp.target: 1 error

                """),
        Case(
            name: "a public page links to a withheld document",
            changes: ["Content/plans/2021-yaodian.md": SampleSite.plan + "参见[内部文件](../policies/neibu.md)。\n"],
            expected: """
                Content/plans/2021-yaodian.md:20:3: error: public document links to '../policies/neibu.md', which is 不予公开 [disclosure.link-to-nonpublic]
                    参见[内部文件](../policies/neibu.md)。
                        ^
                  hint: remove the link: only 主动公开 documents are published
                1 error, 0 warnings in 1 file
                  disclosure.link-to-nonpublic: 1 error

                """),
        Case(
            name: "依申请公开 without a reason",
            changes: ["Content/policies/neibu.md": SampleSite.withheld.replacingOccurrences(of: "disclosure: 不予公开\ndisclosure_reason: 属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）\n", with: "disclosure: 依申请公开\n")],
            expected: """
                Content/policies/neibu.md:8:13: error: a 依申请公开 document must give 'disclosure_reason' [disclosure.reason-missing]
                    disclosure: 依申请公开
                                ^
                  hint: add 'disclosure_reason:' with the legal basis, e.g. 《中华人民共和国政府信息公开条例》第十六条
                1 error, 0 warnings in 1 file
                  disclosure.reason-missing: 1 error

                """),
        Case(
            name: "a supersession cycle",
            changes: [
                "Content/policies/gongkai.md": policy(replacing: "validity: 现行有效", with: "validity: 已废止\nsuperseded_by: policies/new"),
                "Content/policies/new.md": policy(replacing: "validity: 现行有效", with: "validity: 已修改\nsuperseded_by: policies/gongkai")
                    .replacingOccurrences(of: "2021-00003", with: "2021-00010").replacingOccurrences(of: "〔2021〕3号", with: "〔2021〕10号"),
            ],
            expected: """
                Content/policies/gongkai.md:13:16: error: 'superseded_by' forms a cycle: policies/gongkai → policies/new → policies/gongkai [validity.chain]
                    superseded_by: policies/new
                                   ^
                  hint: a document is replaced by a newer one; remove 'superseded_by' from the newest
                Content/policies/new.md:1:1: warning: 行政规范性文件 has no interpretation (政策文件不解读不运转) [interp.missing]
                    ---
                    ^
                  hint: publish an interpretation with 'interprets:' naming this document
                1 error, 1 warning in 2 files
                  interp.missing: 1 warning
                  validity.chain: 1 error

                """),
        Case(
            name: "a normative document without 文号",
            changes: ["Content/policies/gongkai.md": policy(replacing: "document_number: 示政办规〔2021〕3号\n", with: "")],
            expected: """
                Content/policies/gongkai.md:1:1: error: 行政规范性文件 (normative: true) lacks 'document_number' [validity.no-number]
                    ---
                    ^
                  hint: 行政规范性文件 are registered and numbered; add 'document_number'
                1 error, 0 warnings in 1 file
                  validity.no-number: 1 error

                """),
        Case(
            name: "a document without front matter",
            changes: ["Content/policies/gongkai.md": "各乡镇人民政府：\n\n现将有关事项通知如下。\n"],
            expected: """
                Content/policies/gongkai.md:1:1: error: document has no front matter: its first line must be '---' [content.front-matter-missing]
                    各乡镇人民政府：
                    ^
                  hint: start the file with '---', the YAML keys (title, kind, disclosure, …), and another '---'
                1 error, 0 warnings in 1 file
                  content.front-matter-missing: 1 error

                """),
        Case(
            name: "an empty catalog section",
            changes: ["Content/catalog.yaml": SampleSite.catalogYAML + "- id: czxx\n  title: 财政信息\n"],
            expected: """
                Content/catalog.yaml:10:7: error: catalog section 'czxx' (财政信息) has no public document [site.empty-section]
                    - id: czxx
                          ^
                  hint: empty sections (空白栏目) fail the national website inspection: publish a document in it, remove it, or give 'empty_reason' to show instead
                1 error, 0 warnings in 1 file
                  site.empty-section: 1 error

                """),
        Case(
            name: "an empty catalog section that says why",
            changes: ["Content/catalog.yaml": SampleSite.catalogYAML + "- id: czxx\n  title: 财政信息\n  empty_reason: 本县财政信息在县财政局网站公开。\n"],
            expected: ""),
        Case(
            name: "a catalog section id that a generated page uses",
            changes: ["Content/catalog.yaml": SampleSite.catalogYAML + "- id: years\n  title: 年度\n  empty_reason: 无\n"],
            expected: """
                Content/catalog.yaml:10:7: error: catalog section id 'years' is taken by the generated page /xxgk/years/ [output.path-collision]
                    - id: years
                          ^
                  hint: choose another id; 'years', 'topics', 'normative' and 'decisions' are taken
                1 error, 0 warnings in 1 file
                  output.path-collision: 1 error

                """),
        Case(
            name: "a decision item naming a missing document",
            changes: ["Content/decisions/d.md": """
                ---
                title: 示例县政务公开办法制定
                kind: decision
                issuer: xzf
                lead: [xzfb]
                year: 2021
                disclosure: 主动公开
                published: 2021-05-12
                catalog: [zcwj]
                items:
                  draft: policies/gongkai
                  result: policies/gongkia
                ---

                """],
            expected: """
                Content/decisions/d.md:12:11: error: item 'result' names 'policies/gongkia', which does not exist [decision.item-target]
                      result: policies/gongkia
                              ^
                  hint: did you mean 'policies/gongkai'?
                1 error, 0 warnings in 1 file
                  decision.item-target: 1 error

                """),
        Case(
            name: "a base URL with an IP address",
            changes: ["Content/site.yaml": SampleSite.siteYAML.replacingOccurrences(of: "https://www.example.gov.cn/", with: "http://10.1.2.3/")],
            expected: """
                Content/site.yaml:2:11: error: base URL 'http://10.1.2.3/' names its host by an IPv4 address [site.base-url]
                    base_url: http://10.1.2.3/
                              ^
                  hint: use the portal's address with a host name, e.g. https://www.example.gov.cn/ (no IP address)
                1 error, 0 warnings in 1 file
                  site.base-url: 1 error

                """),
    ]

    @Test("an invalid site gets exactly the expected diagnostics", arguments: cases)
    func invalidSite(_ testCase: Case) throws {
        let result = try build(sample(testCase.changes))
        #expect(result.text == testCase.expected)
        #expect(result.report.published == testCase.expected.isEmpty)
        #expect(result.site.exists("Public") == testCase.expected.isEmpty)
    }

    @Test("a file in GBK is reported with the position of its first non-UTF-8 byte and the conversion")
    func gbkFile() throws {
        let site = try TempSite(files: SampleSite.files)
        // "---\ntitle: 标题\n" with 标题 in GBK.
        try site.write("Content/policies/gbk.md", Data("---\ntitle: ".utf8) + Data([0xB1, 0xEA, 0xCC, 0xE2]) + Data("\n---\n".utf8))
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let diagnostic = try #require(report.diagnostics.sorted.first)
        #expect(diagnostic.location == SourceLocation(path: "Content/policies/gbk.md", line: 2, column: 8))
        #expect(diagnostic.code == "content.encoding")
        #expect(diagnostic.message == "file is not valid UTF-8 (byte 0xB1 cannot start or continue a UTF-8 character)")
        #expect(diagnostic.hint?.contains("looks like GBK/GB18030") == true)
        #expect(diagnostic.hint?.contains("iconv -f GB18030 -t UTF-8") == true)
    }

    @Test("a UTF-8 byte-order mark and Windows line endings are accepted")
    func bomAndCRLF() throws {
        let site = try TempSite(files: SampleSite.files)
        let windows = "\u{FEFF}" + SampleSite.policy.replacingOccurrences(of: "\n", with: "\r\n")
        try site.write("Content/policies/gongkai.md", windows)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        #expect(site.read("Public/policies/gongkai/index.html")?.contains("<h1>示例县人民政府办公室关于印发示例县政务公开办法的通知</h1>") == true)
    }

    @Test("an image without a description in a body is a warning at the image: published, but not under --strict")
    func imageWithoutDescription() throws {
        let files = sample([
            "Content/policies/gongkai.md": SampleSite.policy + "\n流程如下：![](liucheng.png)\n",
            "Content/policies/liucheng.png": "PNG",
        ])
        let relaxed = try build(files)
        #expect(relaxed.report.published)
        #expect(relaxed.site.read("Public/policies/gongkai/index.html")?.contains(#"<img src="/policies/liucheng.png" alt="" />"#) == true)
        #expect(relaxed.text == """
            Content/policies/gongkai.md:20:6: warning: image 'liucheng.png' has no description: it gets alt="", and screen readers skip it [a11y.empty-alt]
                流程如下：![](liucheng.png)
                          ^
              hint: say in the brackets what the image shows, e.g. ![流程图：申请、受理、办结](图.png) (WCAG 1.1.1); give a chart's figures in the text or a table as well
            0 errors, 1 warning in 1 file
              a11y.empty-alt: 1 warning

            """)
        let strict = try build(files, strict: true)
        #expect(!strict.report.published)
        #expect(!strict.site.exists("Public"))
    }

    @Test("warnings fail the build only under --strict")
    func strictWarnings() throws {
        let files = sample(["Content/plans/2021-yaodian.md": SampleSite.plan + "\n<div>表格</div>\n"])
        let relaxed = try build(files)
        #expect(relaxed.report.published)
        #expect(relaxed.report.diagnostics.warningCount == 1)
        let strict = try build(files, strict: true)
        #expect(!strict.report.published)
        #expect(strict.report.failed(strict: true))
    }
}
