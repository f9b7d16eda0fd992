import SiteContent
import SiteCore
import SiteMarkdown
import SiteTestSupport
import Testing

@testable import SiteGraph

/// Loads inline files and builds their graph; body links are given by hand.
func graph(_ files: [String: String], links: [DocumentID: [LinkReference]] = [:]) throws -> (ContentGraph, [Diagnostic]) {
    let site = try TempSite(files: files, defaultTheme: false)
    let content = try ContentLoader(folder: site.url("Content"), displayPrefix: "Content").load()
    #expect(content.diagnostics.isEmpty)
    return GraphBuilder().build(configuration: content.configuration!, content: content, links: links)
}

func link(_ target: String, from path: String, line: Int = 20) -> LinkReference {
    LinkReference(
        destination: target, target: .document(DocumentID(target), fragment: nil), isImage: false,
        location: SourceLocation(path: path, line: line, column: 1))
}

@Suite("The content graph")
struct GraphBuilderTests {
    @Test("relations are kept both ways and hold public documents only")
    func relations() throws {
        var files = SampleSite.files
        files["Content/policies/old.md"] = SampleSite.policy
            .replacingOccurrences(of: "validity: 现行有效", with: "validity: 已废止\nsuperseded_by: policies/gongkai")
            .replacingOccurrences(of: "〔2021〕3号", with: "〔2019〕3号").replacingOccurrences(of: "2021-00003", with: "2019-00003")
            .replacingOccurrences(of: "2021-05-1", with: "2019-05-1")
        let (graph, diagnostics) = try graph(files, links: [
            "plans/2021-yaodian": [link("policies/gongkai", from: "Content/plans/2021-yaodian.md")],
            "policies/neibu": [link("policies/gongkai", from: "Content/policies/neibu.md")],
        ])
        #expect(diagnostics.isEmpty)
        #expect(graph.interpretations == ["policies/gongkai": ["interpretations/gongkai-jd"]])
        #expect(graph.replaces == ["policies/gongkai": ["policies/old"]])
        // The withheld document's link is not a backlink.
        #expect(graph.backlinks == ["policies/gongkai": ["plans/2021-yaodian"]])
        #expect(graph.publicDocuments == ["plans/2021-yaodian", "interpretations/gongkai-jd", "policies/gongkai", "policies/old"])
        #expect(graph.sectionMembers["zcwj"] == ["policies/gongkai", "policies/old"])
        #expect(graph.members(ofSectionAndBelow: "zcwj") == ["policies/gongkai", "policies/old"])
        #expect(graph.members(ofSectionAndBelow: "gfxwj") == ["policies/gongkai", "policies/old"])
        #expect(graph.issuedBy["xzfb"]?.count == 4)
        #expect(graph.tasksByAgency["fgj"] == [TaskReference(plan: "plans/2021-yaodian", index: 0, role: .lead)])
        #expect(graph.tasksByAgency["xzfb"] == [TaskReference(plan: "plans/2021-yaodian", index: 0, role: .responsible)])
        #expect(graph.sectionPath("gfxwj").map(\.id) == ["zcwj", "gfxwj"])
    }

    @Test("lists go newest first (发布日期, then 索引号, both descending); interpretations oldest first")
    func listOrder() throws {
        var files = SampleSite.files
        /// A policy superseded by policies/gongkai, published on `day` with 索引号 number `number`.
        func superseded(_ day: String, _ number: Int) -> String {
            SampleSite.policy
                .replacingOccurrences(of: "validity: 现行有效", with: "validity: 已废止\nsuperseded_by: policies/gongkai")
                .replacingOccurrences(of: "〔2021〕3号", with: "〔2021〕\(number)号").replacingOccurrences(of: "2021-00003", with: "2021-000\(number)")
                .replacingOccurrences(of: "published: 2021-05-12", with: "published: \(day)")
        }
        files["Content/policies/a.md"] = superseded("2021-06-01", 10)
        files["Content/policies/b.md"] = superseded("2021-06-01", 11)
        files["Content/policies/d.md"] = superseded("2021-07-01", 12)
        func interpretation(_ day: String, _ number: Int) -> String {
            SampleSite.interpretation.replacingOccurrences(of: "2021-00004", with: "2021-000\(number)")
                .replacingOccurrences(of: "published: 2021-05-13", with: "published: \(day)")
        }
        files["Content/interpretations/j1.md"] = interpretation("2021-05-20", 20)
        files["Content/interpretations/j2.md"] = interpretation("2021-05-14", 21)
        let linking: [DocumentID] = ["policies/a", "policies/d", "policies/b", "plans/2021-yaodian"]
        let (graph, diagnostics) = try graph(
            files, links: Dictionary(uniqueKeysWithValues: linking.map { ($0, [link("policies/gongkai", from: "Content/\($0).md")]) }))
        #expect(diagnostics.isEmpty)
        let order = graph.publicDocuments
        #expect(order.filter { $0.rawValue.hasPrefix("policies/") } == ["policies/d", "policies/b", "policies/a", "policies/gongkai"])
        #expect(graph.replaces["policies/gongkai"] == ["policies/d", "policies/b", "policies/a"])
        #expect(graph.interpretations["policies/gongkai"] == ["interpretations/gongkai-jd", "interpretations/j2", "interpretations/j1"])
        #expect(graph.backlinks["policies/gongkai"] == order.filter(linking.contains))
        #expect(zip(order, order.dropFirst()).allSatisfy { GraphBuilder.newestFirst(graph[$0]!, graph[$1]!) })
    }

    @Test("a duplicate 文号 is reported with the other place")
    func duplicateDocumentNumber() throws {
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan.replacingOccurrences(of: "示政办发〔2021〕6号", with: "示政办规〔2021〕3号")
        let (_, diagnostics) = try graph(files)
        #expect(diagnostics.map(\.problem) == [.documentNumberDuplicate(value: "示政办规〔2021〕3号")])
        #expect(diagnostics.first?.related.first?.location == SourceLocation(path: "Content/plans/2021-yaodian.md", line: 5, column: 18))
    }

    @Test("a document under a folder the site uses for generated pages is refused")
    func reservedFolder() throws {
        var files = SampleSite.files
        files["Content/xxgk/zcwj.md"] = SampleSite.plan.replacingOccurrences(of: "2021-00006", with: "2021-00007")
            .replacingOccurrences(of: "〔2021〕6号", with: "〔2021〕7号")
        let (_, diagnostics) = try graph(files)
        #expect(diagnostics.map(\.problem) == [.outputCollision(path: "xxgk/zcwj/index.html")])
    }

    @Test("a document named like an export at the top of the site is refused", arguments: [
        ("Content/feed.xml.md", "feed.xml/index.html"),
        ("Content/sitemap.xml/a.md", "sitemap.xml/a/index.html"),
        ("Content/robots.txt.md", "robots.txt/index.html"),
    ])
    func reservedExportName(_ file: String, _ output: String) throws {
        var files = SampleSite.files
        files[file] = SampleSite.plan.replacingOccurrences(of: "2021-00006", with: "2021-00007")
            .replacingOccurrences(of: "〔2021〕6号", with: "〔2021〕7号")
        let (_, diagnostics) = try graph(files)
        #expect(diagnostics.map(\.problem) == [.outputCollision(path: output)])
    }

    @Test("a published file at the path of an export is refused")
    func publishedFileOnExport() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(
            of: "normative: true\n", with: "normative: true\nattachments:\n  - {file: ../catalog.csv, title: 目录}\n")
        files["Content/catalog.csv"] = "a,b\n"
        let (_, diagnostics) = try graph(files)
        #expect(diagnostics.map(\.problem) == [.outputCollision(path: "catalog.csv")])
        #expect(diagnostics.first?.location == SourceLocation(path: "Content/policies/gongkai.md", line: 1, column: 1))
    }

    @Test("a published file where the output needs a folder for a page is refused")
    func publishedFileOnPageFolder() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(
            of: "normative: true\n", with: "normative: true\nattachments:\n  - {file: ../plans/2021-yaodian, title: 附表}\n")
        files["Content/plans/2021-yaodian"] = "附表\n"
        let (_, diagnostics) = try graph(files)
        #expect(diagnostics.map(\.problem) == [.outputCollision(path: "plans/2021-yaodian")])
        #expect(diagnostics.first?.location == SourceLocation(path: "Content/policies/gongkai.md", line: 1, column: 1))
    }

    @Test("tasks naming unknown units are reported at the unit")
    func unknownUnit() throws {
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan.replacingOccurrences(of: "responsible: [xzfb]", with: "responsible: [xzfb, jyj]")
        let (_, diagnostics) = try graph(files)
        #expect(diagnostics.map(\.problem) == [.unknownAgency(id: "jyj", suggestion: nil)])
        #expect(diagnostics.first?.location == SourceLocation(path: "Content/plans/2021-yaodian.md", line: 15, column: 25))
    }
}
