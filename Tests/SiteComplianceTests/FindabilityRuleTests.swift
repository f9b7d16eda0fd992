import SiteCore
import SiteContent
import SiteGraph
import SiteTestSupport
import Testing

@testable import SiteCompliance

@Suite("Finding documents: catalog, interpretation links, placeholders, interpretation forms, legal basis")
struct FindabilityRuleTests {
    @Test("catalog.unlisted: a public page in no section is reported; an item of a decision and a withheld page are not")
    func unlisted() throws {
        let page = "---\ntitle: 关于本站\nkind: page\npublished: 2021-06-01\ndisclosure: 主动公开\n---\n\n正文\n"
        let found = try findings(FindabilityRules(), changes: [
            "Content/pages/about.md": page,
            "Content/pages/neibu.md": page.replacing("disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 内部事务信息"),
        ])
        #expect(found.map { "\($0.location!) \($0.code)" } == ["Content/pages/about.md:1:1 catalog.unlisted"])
        #expect(found.first?.severity == .warning)
        let decision = """
            ---
            title: 关于制定示例县城乡居民最低生活保障实施办法的决策事项
            kind: decision
            issuer: xzfb
            published: 2021-06-01
            disclosure: 主动公开
            catalog: [zcwj]
            lead: [xzfb]
            year: 2021
            status: 已决策
            items: {draft: pages/about}
            ---

            正文

            """
        #expect(try findings(FindabilityRules(), changes: ["Content/pages/about.md": page, "Content/decisions/dibao.md": decision]).isEmpty)
    }

    @Test("interp.unlinked: an interpretation without 'interprets'")
    func unlinked() throws {
        let found = try findings(FindabilityRules(), changes: [
            "Content/interpretations/gongkai-jd.md": SampleSite.interpretation.replacing("interprets: policies/gongkai\n", ""),
        ])
        #expect(found.map { "\($0.location!) \($0.code)" } == ["Content/interpretations/gongkai-jd.md:1:1 interp.unlinked"])
    }

    @Test("content.placeholder: the title and body site new writes, left in a public document")
    func placeholders() throws {
        let found = try findings(FindabilityRules(), changes: [
            "Content/policies/gongkai.md": SampleSite.policy.replacing("title: 示例县人民政府办公室关于印发示例县政务公开办法的通知", "title: （请填写标题）") + "\n（正文）\n",
        ])
        #expect(found.map { "\($0.location!) \($0.message)" } == [
            "Content/policies/gongkai.md:2:8 '（请填写标题）' is still here: site new wrote it for you to replace",
            "Content/policies/gongkai.md:20:1 '（正文）' is still here: site new wrote it for you to replace",
        ])
    }

    @Test("interp.forms: fewer forms than the minimum, which site.yaml can change")
    func forms() throws {
        let threeForms = SampleSite.interpretation.replacing("forms: [文字, 图解, 简明问答, 视频, 新闻发布会]", "forms: [文字, 图解, 简明问答]")
        let found = try findings(InterpretationRules(), changes: ["Content/interpretations/gongkai-jd.md": threeForms])
        #expect(found.map(\.message) == ["its interpretations use 3 forms (文字、图解、简明问答), fewer than 5"])
        let relaxed = SampleSite.siteYAML + "interpretation_forms: {county: 3, department: 1}\n"
        #expect(try findings(InterpretationRules(), changes: ["Content/interpretations/gongkai-jd.md": threeForms, "Content/site.yaml": relaxed]).isEmpty)
    }

    @Test("disclosure.reason-basis: an article by number or a ground by name; '第三方 … 条件' is neither", arguments: [
        ("属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）", true),
        ("依据条例第14条", true),
        ("涉及商业秘密", true),
        ("涉及第三方，条件不成熟", false),
        ("暂不公开", false),
    ])
    func reasonBasis(_ reason: String, _ accepted: Bool) throws {
        let withheld = SampleSite.withheld.replacing("disclosure_reason: 属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）", "disclosure_reason: \(reason)")
        let found = try findings(DisclosureReasonRule(), changes: ["Content/policies/neibu.md": withheld])
        #expect(found.isEmpty == accepted)
        if !accepted { #expect(found.map(\.code) == ["disclosure.reason-basis"]) }
    }
}

@Suite("Stale empty reasons and ignored tables")
struct StaleDeclarationTests {
    @Test("catalog.empty-reason-unused: a section that lists documents, its own or its subsections', still says why it is empty")
    func emptyReasonUnused() throws {
        let catalog = SampleSite.catalogYAML.replacing("- id: zcwj\n  title: 政策文件\n", "- id: zcwj\n  title: 政策文件\n  empty_reason: 暂无\n")
        let files = SampleSite.files.merging(["Content/catalog.yaml": catalog]) { $1 }
        let site = try TempSite(files: files, defaultTheme: false)
        let content = try ContentLoader(folder: site.url("Content"), displayPrefix: "Content").load()
        let (_, problems) = GraphBuilder().build(configuration: content.configuration!, content: content, links: [:])
        #expect(problems.map { "\($0.location!) \($0.message)" } == [
            "Content/catalog.yaml:1:7 section 'zcwj' gives an empty_reason but lists public documents, so its page never shows it",
        ])
    }
}
