import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// Randomised sites mixing 主动公开, 依申请公开 and 不予公开 documents, policies and interpretations
/// that interpret them, with a marker of its own in every field of every document: title, 文号,
/// 索引号, summary, body, attachment title, attachment file name and content. No marker of a document
/// that is not 主动公开 may appear in any byte or file name under Public/ (pages, lists, facets,
/// backlinks, search shards, feeds, sitemap, exports, copied files), in any form the search index
/// could hold it; every marker of a public document appears somewhere, or the test would prove nothing.
@Suite("No leaks of documents that are not public")
struct LeakTests {
    static let dispositions = ["主动公开", "主动公开", "依申请公开", "不予公开"]
    static let reason = "属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）"

    struct Generated {
        var files: [String: String] = [:]
        /// Markers of each document, and whether it is public.
        var markers: [(public: Bool, id: String, values: [String])] = []
    }

    /// A lower-case Latin word: the search index keeps it whole, so one byte search covers it.
    static func word(_ random: inout SeededGenerator) -> String {
        "mk" + String((0..<10).map { _ in Character(UnicodeScalar(UInt8(97 + random.next() % 26))) })
    }

    static func site(seed: UInt64, documents: Int) -> Generated {
        var random = SeededGenerator(state: seed)
        var site = Generated()
        for (path, text) in SampleSite.files where !path.hasPrefix("Content/policies") && !path.hasPrefix("Content/interpretations") {
            site.files[path] = text
        }
        var publicPolicies: [String] = []
        for n in 0..<documents {
            let disclosure = dispositions[Int(random.next() % UInt64(dispositions.count))]
            let isPublic = disclosure == "主动公开"
            let interprets = n > 0 && random.next() % 3 == 0 && !publicPolicies.isEmpty
                ? publicPolicies[Int(random.next() % UInt64(publicPolicies.count))] : nil
            let folder = interprets == nil ? "policies" : "interpretations"
            let id = "\(folder)/d\(n)"
            let title = word(&random), summary = word(&random), body = word(&random)
            let attachmentTitle = word(&random), attachmentName = word(&random), attachmentContent = word(&random)
            let number = "示政办发〔2022〕\(1000 + n)号"
            let index = "11370921004336564T/2022-\(String(format: "%05d", 10_000 + n))"
            var lines = ["---", "title: 关于\(title)的通知", "kind: \(interprets == nil ? "policy" : "interpretation")", "issuer: xzfb"]
            if interprets == nil { lines.append("document_number: \(number)") }
            lines += ["index_number: \(index)", "written: 2022-03-01", "published: 2022-03-02", "disclosure: \(disclosure)"]
            if !isPublic { lines.append("disclosure_reason: \(reason)") }
            if let interprets {
                lines += ["catalog: [zcjd]", "interprets: \(interprets)", "forms: [文字, 图解, 简明问答, 视频, 新闻发布会]"]
            } else {
                // Every third policy is a 行政规范性文件: the 现行有效 list must not name the withheld ones.
                let normative = n % 3 == 0
                lines += ["catalog: \(normative ? "[zcwj, gfxwj]" : "[zcwj]")", "topics: [综合政务]", "validity: 现行有效"]
                if normative { lines.append("normative: true") }
            }
            lines += ["summary: 摘要\(summary)", "attachments:", "  - {file: \(attachmentName).txt, title: 附件\(attachmentTitle)}", "---", ""]
            var text = "正文\(body)。"
            // Public documents link to other public ones: lists of 被以下文件引用 both ways.
            if isPublic, let other = publicPolicies.last { text += "参见[另一文件](../\(other).md)。" }
            if let interprets { text += "解读[原文件](../\(interprets).md)。" }
            site.files["Content/\(id).md"] = lines.joined(separator: "\n") + "\n" + text + "\n"
            site.files["Content/\(folder)/\(attachmentName).txt"] = "附件内容\(attachmentContent)\n"
            let values = [title, summary, body, attachmentTitle, attachmentName, attachmentContent, index] + (interprets == nil ? [number] : [])
            site.markers.append((isPublic, id, values))
            if isPublic, interprets == nil { publicPolicies.append(id) }
        }
        return site
    }

    /// The forms a marker can take in the output: as written, and as the search index keys a 文号
    /// (without brackets) or a 索引号's serial.
    static func forms(of value: String) -> [String] {
        var forms = [value]
        if value.hasSuffix("号") { forms.append(value.replacingOccurrences(of: "〔", with: "").replacingOccurrences(of: "〕", with: "")) }
        if value.contains("/") { forms.append(String(value.split(separator: "/").last!)) }
        return forms
    }

    @Test("markers of 依申请公开 and 不予公开 documents appear nowhere under Public/", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func noMarkerOfAWithheldDocument(seed: UInt64) throws {
        let generated = Self.site(seed: seed, documents: 40)
        let site = try TempSite(files: generated.files)
        let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(report.published, "\(DiagnosticPrinter().render(report.diagnostics))")
        #expect(report.diagnostics.errorCount == 0)
        let output = Tree.contents(under: site.url("Public"))
        #expect(output.count > 40)
        let withheld = generated.markers.filter { !$0.public }
        #expect(!withheld.isEmpty && withheld.count < generated.markers.count)
        for document in generated.markers {
            for value in document.values {
                let forms = Self.forms(of: value).map { Data($0.utf8) }
                let found = output.first { path, data in
                    forms.contains { data.range(of: $0) != nil || path.utf8.elementsEqual($0) || path.contains(String(decoding: $0, as: UTF8.self)) }
                }?.key
                if document.public {
                    #expect(found != nil, "seed \(seed): '\(value)' of public \(document.id) appears nowhere: the check would prove nothing")
                } else {
                    #expect(found == nil, "seed \(seed): '\(value)' of \(document.id), which is not 主动公开, is in \(found ?? "")")
                }
            }
        }
    }
}
