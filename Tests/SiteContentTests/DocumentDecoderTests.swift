import SiteCore
import Testing

@testable import SiteContent

@Suite("Decoding documents")
struct DocumentDecoderTests {
    let decoder = DocumentDecoder(organizationCode: "11370921004336564T", fileExists: { $0 == "policies/附件1.pdf" })

    func decode(_ text: String, id: String = "policies/a") -> DocumentDecoder.Result {
        decoder.decode(id: DocumentID(id), path: "Content/\(id).md", text: text)
    }

    func messages(_ text: String) -> [String] {
        decode(text).diagnostics.sorted().map { "\($0.location!.line):\($0.location!.column) \($0.code) \($0.message)" }
    }

    static let policy = """
        ---
        title: 关于印发示例办法的通知
        kind: policy
        issuer: [xzfb, fgj]
        document_number: 示政办规〔2021〕3号
        index_number: 11370921004336564T/2021-00003
        written: 2021-05-10
        published: 2021-05-12
        disclosure: proactive
        catalog: gfxwj
        topics: [综合政务]
        summary: 一句话。
        validity: 已废止
        superseded_by: policies/b
        normative: true
        attachments:
          - {file: 附件1.pdf, title: 附件1：申请表}
        ---
        正文
        """

    @Test("every key of a policy is decoded with its position")
    func policy() throws {
        let result = decode(Self.policy)
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.document)
        #expect(document.kind == .policy)
        #expect(document.issuers.map(\.value) == ["xzfb", "fgj"])
        #expect(document.issuers[1].location == SourceLocation(path: "Content/policies/a.md", line: 4, column: 16))
        #expect(document.documentNumber?.value.text == "示政办规〔2021〕3号")
        #expect(document.indexNumber?.value.serial == 3)
        #expect(document.written?.value.description == "2021-05-10")
        #expect(document.disclosure?.value == .proactive)
        #expect(document.isPublic)
        #expect(document.catalog.map(\.value) == ["gfxwj"])
        #expect(document.policy?.validity?.value == .repealed)
        #expect(document.policy?.supersededBy?.value == "policies/b")
        #expect(document.policy?.normative == true)
        #expect(document.attachments.map(\.contentPath) == ["policies/附件1.pdf"])
        #expect(document.attachments.first?.title == "附件1：申请表")
        #expect(document.body == "正文")
        #expect(document.bodyLine == 19)
    }

    @Test("a misspelt kind gets a suggestion, and the document is not decoded")
    func unknownKind() {
        let result = decode("---\ntitle: x\nkind: polcy\ndisclosure: 主动公开\npublished: 2021-01-01\n---\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.problem) == [
            .invalidValue(key: "kind", value: "polcy", allowed: ["policy", "interpretation", "plan", "annual-report", "decision", "page"], suggestion: "policy")
        ])
    }

    @Test("a page needs only title, kind, disclosure and published")
    func page() {
        let result = decode("---\ntitle: 信息公开指南\nkind: page\ndisclosure: 主动公开\npublished: 2021-01-01\n---\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.document?.kind == .page)
    }

    @Test("a catalog entry lists each missing key")
    func missingKeys() {
        // Sorted like every report: same position, then by message.
        #expect(messages("---\ntitle: x\nkind: interpretation\ndisclosure: 主动公开\n---\n") == [
            "1:1 content.missing-field a document of kind 'interpretation' lacks required key 'catalog'",
            "1:1 content.missing-field a document of kind 'interpretation' lacks required key 'forms'",
            "1:1 content.missing-field a document of kind 'interpretation' lacks required key 'index_number'",
            "1:1 content.missing-field a document of kind 'interpretation' lacks required key 'issuer'",
            "1:1 content.missing-field a document of kind 'interpretation' lacks required key 'published'",
            "1:1 content.missing-field a document of kind 'interpretation' lacks required key 'written'",
        ])
    }

    @Test("values of the wrong shape, empty values and unknown forms")
    func wrongValues() {
        #expect(messages("""
            ---
            title: [a, b]
            kind: interpretation
            issuer: xzfb
            index_number: 11370921004336564T/2021-00001
            written: 2021-05-10
            published:
            disclosure: 主动公开
            catalog: [zcjd]
            forms: [文字, 漫画]
            ---
            """) == [
            "2:8 content.wrong-type 'title' must be a single value, not a list or mapping",
            "7:11 content.empty-value 'published' is empty",
            "10:13 content.invalid-value 'forms' has the value '漫画', which is not allowed",
        ])
    }

    @Test("published before written")
    func dateOrder() {
        let text = Self.policy.replacingOccurrences(of: "published: 2021-05-12", with: "published: 2021-05-01")
        #expect(messages(text) == ["8:12 content.date-order 'published' (2021-05-01) is before 'written' (2021-05-10)"])
    }

    @Test("attachments must exist and stay inside Content/")
    func attachments() {
        let missing = Self.policy.replacingOccurrences(of: "file: 附件1.pdf", with: "file: 附件2.pdf")
        #expect(messages(missing) == ["17:12 content.attachment-missing attachment '附件2.pdf' does not exist"])
        let outside = Self.policy.replacingOccurrences(of: "file: 附件1.pdf", with: "file: ../../secret.pdf")
        #expect(messages(outside) == ["17:12 content.path-outside '../../secret.pdf' points outside the Content folder"])
    }

    @Test("YAML anchors and aliases are refused before anything expands")
    func aliases() {
        let laughs = """
            ---
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            ---
            """
        #expect(messages(laughs) == ["2:4 content.yaml-alias YAML anchors and aliases are not accepted"])
    }

    @Test("aliases used as mapping keys are refused before Yams composes them (hashing the keys would take hours)")
    func aliasKeys() {
        // Each level is a mapping whose ten keys are the level below: Yams hashes every key whole
        // to find duplicates, 10^12 leaves here. The event scan stops at the first anchor.
        var lines = ["---", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...12 {
            let keys = (0..<10).map { "? [*l\(level - 1), \($0)]\n  : v" }.joined(separator: "\n  ")
            lines.append("l\(level): &l\(level)\n  \(keys)")
        }
        lines.append("title: 标题")
        lines.append("---")
        #expect(messages(lines.joined(separator: "\n") + "\n") == ["2:5 content.yaml-alias YAML anchors and aliases are not accepted"])
        // A & or * inside a value is text, not an anchor.
        let text = Self.policy.replacingOccurrences(of: "title: 关于印发示例办法的通知", with: "title: 'A & B *强调* &amp; 5*3 的通知'")
        #expect(messages(text) == [])
    }

    @Test("a duplicate key is reported at the repeat, with a note at the first")
    func duplicateKeys() throws {
        let text = Self.policy.replacingOccurrences(of: "topics: [综合政务]", with: "topics: [综合政务]\ntitle: again")
        #expect(messages(text) == ["12:1 content.duplicate-key key 'title' appears more than once"])
        let diagnostic = try #require(decode(text).diagnostics.first)
        #expect(diagnostic.related.map { "\($0.note) \($0.location)" } == ["first given here Content/policies/a.md:2:1"])
        // In a nested mapping, and with a key that only a later sibling mapping repeats (no duplicate).
        let nested = Self.policy.replacingOccurrences(
            of: "  - {file: 附件1.pdf, title: 附件1：申请表}",
            with: "  - {file: 附件1.pdf, title: 附件1：申请表}\n  - file: 附件1.pdf\n    title: 附件2\n    title: 附件3")
        #expect(messages(nested) == ["20:5 content.duplicate-key key 'title' appears more than once"])
    }

    @Test("a body that starts before the closing '---' is named, with the '---' that closed the front matter")
    func missingClosingFence() throws {
        let text = "---\ntitle: 通知\nkind: page\n\n各乡镇人民政府：\n\n---\n\n附件\n"
        let diagnostic = try #require(decode(text, id: "pages/a").diagnostics.first)
        #expect(diagnostic.code == "content.yaml-syntax")
        #expect(diagnostic.related.map { "\($0.location.line) \($0.note)" } == [
            "7 the front matter ran on to this '---'; line 5 looks like body text, so the closing '---' before it may be missing",
        ])
        // YAML that is wrong for another reason gets no such note.
        let indented = "---\ntitle: 通知\n  kind: page\n---\n正文\n"
        #expect(try #require(decode(indented, id: "pages/a").diagnostics.first).related.isEmpty)
        #expect(DocumentDecoder.bodyLineInFrontMatter("a: 1\n\n# 注释\nb: 2\n\n- x\n") == nil)
    }

    @Test("tasks keep every column and report unknown ones")
    func tasks() throws {
        let result = decode("""
            ---
            title: 工作要点
            kind: plan
            issuer: xzfb
            index_number: 11370921004336564T/2021-00006
            written: 2021-05-19
            published: 2021-05-21
            disclosure: 主动公开
            catalog: [ghxx]
            tasks:
              - number: 3
                area: [推进重点领域信息公开, 财政信息]
                task: 公开预决算。
                lead: czj
                responsible: [xzfb, fgj]
                due: 2021年12月底前
                status: 推进中
              - task: 长期任务。
                deadline: 长期坚持
            ---
            """, id: "plans/a")
        #expect(result.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == ["19:5 unknown key 'deadline'"])
        let tasks = try #require(result.document?.plan?.tasks)
        #expect(tasks.count == 2)
        #expect(tasks[0].number == 3)
        #expect(tasks[0].area == ["推进重点领域信息公开", "财政信息"])
        #expect(tasks[0].lead.map(\.value) == ["czj"])
        #expect(tasks[0].responsible.map(\.value) == ["xzfb", "fgj"])
        #expect(tasks[0].due?.value == "2021年12月底前")
        #expect(tasks[0].status?.value == .inProgress)
    }

    @Test("annual report tables are kept as located cells")
    func reportTables() throws {
        let result = decode("""
            ---
            title: 2021年政府信息公开工作年度报告
            kind: annual-report
            issuer: xzfb
            index_number: 11370921004336564T/2022-00001
            written: 2022-03-20
            published: 2022-03-25
            disclosure: 主动公开
            catalog: [xxgknb]
            year: 2021
            tables:
              t3:
                new_received: {natural: 10, commercial: 2, total: 12}
            ---
            """, id: "reports/2021")
        #expect(result.diagnostics.isEmpty)
        let report = try #require(result.document?.annualReport)
        #expect(report.year?.value == 2021)
        #expect(report.tables["t3"]?["new_received"]?["commercial"]?.value == "2")
        #expect(report.tables["t3"]?["new_received"]?["commercial"]?.location.line == 13)
    }
}
