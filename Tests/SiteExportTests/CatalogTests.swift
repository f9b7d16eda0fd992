import Foundation
import SiteBuild
import SiteCore
import SiteExport
import SiteTestSupport
import Testing

// Issue 6, item 5: catalog.json and catalog.csv.
@Suite("Catalog exports")
struct CatalogTests {
    /// The sample site with two attachments on the policy, a second topic, a summary with a quote,
    /// and a plan whose title holds a comma and quotes.
    static var files: [String: String] {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy
            .replacingOccurrences(of: "topics: [综合政务]", with: "topics: [综合政务, 政务公开]\nsummary: 规范政务公开，明确\"五公开\"。")
            .replacingOccurrences(
                of: "normative: true\n",
                with: "normative: true\nattachments:\n  - {file: 附件1.txt, title: 附件1：申请表}\n  - {file: 附件2.txt, title: 附件2：目录}\n")
        files["Content/policies/附件1.txt"] = "申请表\n"
        files["Content/policies/附件2.txt"] = "目录\n"
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan.replacingOccurrences(
            of: "title: 2021年示例县政务公开工作要点", with: #"title: '2021年示例县"互联网+政务服务",政务公开工作要点'"#)
        return files
    }

    static let sha1 = "9101fc82f167fc7ba185668170302d30843ad6b524a3b94d9707bf668667b563"  // sha256sum of "申请表\n"
    static let sha2 = "e0ea0a1510cedb3136a0f597fb7ec99f680d2bec9c3f162a200b8e1e9336d561"  // sha256sum of "目录\n"

    @Test("catalog.csv: a BOM, CRLF lines, RFC 4180 quoting, several values joined with ';'")
    func csvBytes() throws {
        let exports = try Exports(Self.files)
        let data = try #require(exports.files["catalog.csv"]).data
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let expected = [
            "索引号,标题,文号,发布机构,发布机构ID,成文日期,发布日期,有效性,行政规范性文件,主题分类,目录栏目,目录栏目ID,类别,类别代码,网址,内容概述,替代文件,解读对象,文档ID,附件名称,附件文件名,附件网址,附件大小（字节）,附件SHA-256",
            #"11370921004336564T/2021-00006,"2021年示例县""互联网+政务服务"",政务公开工作要点",示政办发〔2021〕6号,示例县人民政府办公室,xzfb,2021-05-19,2021-05-21,,,,规划信息,ghxx,规划计划,plan,https://www.example.gov.cn/plans/2021-yaodian/,,,,plans/2021-yaodian,,,,,"#,
            "11370921004336564T/2021-00004,《示例县政务公开办法》政策解读,,示例县人民政府办公室,xzfb,2021-05-12,2021-05-13,,,,政策解读,zcjd,政策解读,interpretation,https://www.example.gov.cn/interpretations/gongkai-jd/,,,https://www.example.gov.cn/policies/gongkai/,interpretations/gongkai-jd,,,,,",
            "11370921004336564T/2021-00003,示例县人民政府办公室关于印发示例县政务公开办法的通知,示政办规〔2021〕3号,示例县人民政府办公室,xzfb,2021-05-10,2021-05-12,现行有效,是,综合政务;政务公开,政策文件;行政规范性文件,zcwj;gfxwj,政策文件,policy,https://www.example.gov.cn/policies/gongkai/,"
                + #""规范政务公开，明确""五公开""。",,,policies/gongkai,附件1：申请表;附件2：目录,附件1.txt;附件2.txt,"#
                + "https://www.example.gov.cn/policies/%E9%99%84%E4%BB%B61.txt;https://www.example.gov.cn/policies/%E9%99%84%E4%BB%B62.txt,10;7,\(Self.sha1);\(Self.sha2)",
        ]
        #expect(data == Data([0xEF, 0xBB, 0xBF]) + Data((expected.joined(separator: "\r\n") + "\r\n").utf8))
    }

    @Test("catalog.json: every public catalog entry with every key, null where a value is absent")
    func json() throws {
        let exports = try Exports(Self.files)
        let catalog = try exports.json("catalog.json")
        #expect(catalog["version"] as? Int == 1)
        #expect(catalog["count"] as? Int == 3)
        #expect(canonical(catalog["site"]) == canonical([
            "name": "示例县人民政府", "url": "https://www.example.gov.cn/", "organization_code": "11370921004336564T",
        ]))
        let entries = try #require(catalog["entries"] as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["plans/2021-yaodian", "interpretations/gongkai-jd", "policies/gongkai"])
        let policy: [String: Any] = [
            "id": "policies/gongkai",
            "index_number": "11370921004336564T/2021-00003",
            "title": "示例县人民政府办公室关于印发示例县政务公开办法的通知",
            "document_number": "示政办规〔2021〕3号",
            "issuers": [["id": "xzfb", "name": "示例县人民政府办公室"]],
            "written": "2021-05-10",
            "published": "2021-05-12",
            "validity": "现行有效",
            "normative": true,
            "topics": ["综合政务", "政务公开"],
            "sections": [["id": "zcwj", "title": "政策文件"], ["id": "gfxwj", "title": "行政规范性文件"]],
            "kind": "policy",
            "kind_name": "政策文件",
            "url": "https://www.example.gov.cn/policies/gongkai/",
            "summary": "规范政务公开，明确\"五公开\"。",
            "superseded_by": NSNull(),
            "interprets": NSNull(),
            "attachments": [
                ["file_name": "附件1.txt", "title": "附件1：申请表", "url": "https://www.example.gov.cn/policies/%E9%99%84%E4%BB%B61.txt", "size": 10, "sha256": Self.sha1],
                ["file_name": "附件2.txt", "title": "附件2：目录", "url": "https://www.example.gov.cn/policies/%E9%99%84%E4%BB%B62.txt", "size": 7, "sha256": Self.sha2],
            ],
        ]
        #expect(canonical(entries[2]) == canonical(policy))
        let interpretation: [String: Any] = [
            "id": "interpretations/gongkai-jd",
            "index_number": "11370921004336564T/2021-00004",
            "title": "《示例县政务公开办法》政策解读",
            "document_number": NSNull(),
            "issuers": [["id": "xzfb", "name": "示例县人民政府办公室"]],
            "written": "2021-05-12",
            "published": "2021-05-13",
            "validity": NSNull(),
            "normative": NSNull(),
            "topics": [String](),
            "sections": [["id": "zcjd", "title": "政策解读"]],
            "kind": "interpretation",
            "kind_name": "政策解读",
            "url": "https://www.example.gov.cn/interpretations/gongkai-jd/",
            "summary": NSNull(),
            "superseded_by": NSNull(),
            "interprets": "https://www.example.gov.cn/policies/gongkai/",
            "attachments": [Any](),
        ]
        #expect(canonical(entries[1]) == canonical(interpretation))
        #expect(entries[0]["title"] as? String == #"2021年示例县"互联网+政务服务",政务公开工作要点"#)
    }

    @Test("a repealed policy names its replacement; a page in a section is listed too, without 索引号")
    func supersessionAndKinds() throws {
        var files = SampleSite.files
        files["Content/policies/old.md"] = SampleSite.repealed
            .replacingOccurrences(of: "normative: true", with: "normative: false")
        files["Content/pages/guide.md"] = "---\ntitle: 指南\nkind: page\npublished: 2021-01-04\ndisclosure: 主动公开\ncatalog: [zcwj]\n---\n\n指南。\n"
        let exports = try Exports(files)
        let entries = try #require(try exports.json("catalog.json")["entries"] as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["plans/2021-yaodian", "interpretations/gongkai-jd", "policies/gongkai", "pages/guide", "policies/old"])
        #expect(entries[4]["superseded_by"] as? String == "https://www.example.gov.cn/policies/gongkai/")
        #expect(entries[4]["validity"] as? String == "已废止")
        #expect(entries[4]["normative"] as? Bool == false)
        #expect(entries[3]["index_number"] is NSNull && entries[3]["written"] is NSNull && entries[3]["kind_name"] as? String == "页面")
        let csv = try exports.text("catalog.csv")
        #expect(csv.contains(",已废止,否,综合政务,政策文件;行政规范性文件,zcwj;gfxwj,政策文件,policy,https://www.example.gov.cn/policies/old/,,https://www.example.gov.cn/policies/gongkai/,,policies/old,"))
        #expect(csv.contains(",指南,,,,,2021-01-04,,,,政策文件,zcwj,页面,page,https://www.example.gov.cn/pages/guide/,,,,pages/guide,"))
    }

    @Test("a file that reads no body is not made when the caller keeps the last one; the feeds always are")
    func kept() throws {
        let site = try TempSite(files: Self.files)
        let analysis = try Pipeline().analyse(BuildOptions(currentFolder: site.root))
        let graph = try #require(analysis.graph)
        final class Reads: @unchecked Sendable {
            let lock = NSLock()
            var count = 0
            func add() { lock.withLock { count += 1 } }
        }
        /// The files made, from the threads that make them.
        final class Made: @unchecked Sendable {
            let lock = NSLock()
            var paths: [String] = []
            func add(_ path: String) { lock.withLock { paths.append(path) } }
        }
        let reads = Reads()
        let madeFiles = Made()
        let exporter = SiteExporter(graph: graph, bodies: analysis.bodies, pages: []) { _ in
            reads.add()
            return Data("x".utf8)
        }
        var asked: [String] = []
        try exporter.export({ madeFiles.add($0.path.rawValue) }) { path in
            asked.append(path.rawValue)
            return path != ExportPaths.catalogCSV
        }
        let made = madeFiles.paths
        #expect(asked == ["catalog.json", "catalog.csv", "sitemap.xml", "robots.txt"])
        #expect(made.contains("feed.xml") && made.contains("feed.json"))
        #expect(made.filter { !$0.hasPrefix("feed.") && !$0.hasSuffix("/feed.xml") && !$0.hasSuffix("/feed.json") } == ["catalog.csv"])
        #expect(reads.count > 0, "the catalog's entries are made for the one file not kept")
        let before = reads.count
        try exporter.export({ _ in }) { _ in true }
        #expect(reads.count == before)
    }

    @Test("made side by side, the exports are those of files(), byte for byte, each file once")
    func sideBySide() throws {
        let exports = try Exports(Self.files)
        final class Collected: @unchecked Sendable {
            let lock = NSLock()
            var files: [ExportFile] = []
            func add(_ file: ExportFile) { lock.withLock { files.append(file) } }
        }
        let collected = Collected()
        try exports.exporter.export { collected.add($0) }
        #expect(exports.files.count > 10)
        #expect(collected.files.count == exports.files.count)
        #expect(Dictionary(collected.files.map { ($0.path.rawValue, $0) }, uniquingKeysWith: { first, _ in first }) == exports.files)
    }

    @Test("an attachment that cannot be read stops the export with the tool's error")
    func unreadableAttachment() throws {
        let site = try TempSite(files: Self.files)
        let analysis = try Pipeline().analyse(BuildOptions(currentFolder: site.root))
        let graph = try #require(analysis.graph)
        let exporter = SiteExporter(graph: graph, bodies: analysis.bodies, pages: []) { path in
            path.hasSuffix("附件2.txt") ? nil : Data("x".utf8)
        }
        #expect(throws: SiteError.unreadable(path: "policies/附件2.txt", reason: "the attachment cannot be read to compute its SHA-256")) {
            try exporter.files()
        }
    }
}

/// JSON values in one canonical text (keys sorted), so that two can be compared and a difference read.
func canonical(_ value: Any?) -> String {
    guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "<invalid>" }
    return String(decoding: data, as: UTF8.self)
}
