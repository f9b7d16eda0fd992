import Foundation
import SiteCore
import Testing

@testable import SiteSearch

/// `count` documents, one a day back from 2024-12-31, with the texts `texts` gives (by number).
private func documents(_ count: Int, text: (Int) -> String) -> [SearchDocument] {
    let words = ["政务公开", "信息公开", "行政规范性文件", "政策解读", "年度报告", "任务分解", "主动公开", "依申请公开"]
    return (0..<count).map { n in
        let day = CalendarDate(year: 2024, month: 12, day: 31)!.adding(days: -n)
        return SearchDocument(
            url: "/policies/\(n)/", title: "关于\(words[n % words.count])的通知\(n)", number: n % 3 == 0 ? "宁政办发〔2024〕\(n + 1)号" : nil,
            indexNumber: nil, issuer: "县政府办公室", summary: n % 5 == 0 ? "摘要\(n)" : nil, text: text(n), date: day, kind: "政策文件",
            validity: nil, filters: ["k:policy", "y:\(day.year)"])
    }
}

private func standardText(_ n: Int) -> String {
    let words = ["政务公开", "信息公开", "行政规范性文件", "政策解读", "年度报告", "任务分解", "主动公开", "依申请公开", "公开指南", "open data"]
    var text = (0..<24).map { words[($0 * 7 + n) % words.count] + "第\($0)项" }.joined(separator: "，")
    if n % 40 == 0 { text = String(repeating: text, count: 20) }  // over 3,000 characters: N-rest.txt
    return text
}

/// The index's files, and what its build said of them.
private func build(_ documents: [SearchDocument]) -> (files: [String: Data], summary: SearchIndex.Summary) {
    final class Files: @unchecked Sendable {
        let lock = NSLock()
        var files: [String: Data] = [:]
    }
    let files = Files()
    let summary = SearchIndex.build(documents, filters: [], emit: { path, data in files.lock.withLock { files.files[path] = data } })
    return (files.files, summary)
}

@Suite("Search: the index patched for one document's new text")
struct SearchPatchTests {
    /// Patches document `number` (its url `/policies/number/`) to `newText` and checks the files
    /// are those of an index built afresh with that text.
    func patchEqualsBuild(count: Int, number url: Int, newText: String, over start: (files: [String: Data], summary: SearchIndex.Summary)? = nil, texts: [Int: String] = [:])
        throws -> (files: [String: Data], summary: SearchIndex.Summary)
    {
        let before = start ?? build(documents(count) { texts[$0] ?? standardText($0) })
        var after = texts
        after[url] = newText
        let expected = build(documents(count) { after[$0] ?? standardText($0) })
        let number = try #require(before.summary.urls.firstIndex(of: "/policies/\(url)/"))
        let old = try #require(SearchIndex.shownDocument(number: number, read: { before.files[$0] }))
        let patch = try #require(
            SearchIndex.patch(number: number, old: old, new: old.replacingText(IndexedText(newText)), summary: before.summary, read: { before.files[$0] }))
        var files = before.files
        for path in patch.removed { files[path] = nil }
        for (path, data) in patch.files { files[path] = data }
        #expect(Set(files.keys).symmetricDifference(expected.files.keys).isEmpty, "files added or missing")
        for (path, data) in expected.files where files[path] != data { Issue.record("\(path) differs from a fresh build") }
        #expect(patch.summary == expected.summary)
        return (files, patch.summary)
    }

    @Test("new terms, lost terms, moved positions, a text grown past and shrunk below the snippet's length")
    func edits() throws {
        _ = try patchEqualsBuild(count: 300, number: 17, newText: standardText(17) + "新增的一句：量子通信与北斗导航。")
        _ = try patchEqualsBuild(count: 300, number: 17, newText: "开头插入的一段。" + standardText(17))
        _ = try patchEqualsBuild(count: 300, number: 17, newText: "只剩这一句。")
        _ = try patchEqualsBuild(count: 300, number: 0, newText: "原来很长的正文，现在很短。")
        _ = try patchEqualsBuild(count: 300, number: 18, newText: String(repeating: standardText(18), count: 30))
        _ = try patchEqualsBuild(count: 300, number: 299, newText: standardText(299) + " rare-word-\(299)")
    }

    @Test("a term in most documents, whose list has a file of its own, is patched there")
    func longList() throws {
        let base = build(documents(400, text: standardText))
        #expect(base.files.keys.contains { $0.hasPrefix("search/index/l/") })
        _ = try patchEqualsBuild(count: 400, number: 123, newText: "政务公开第0项之外的新文字", over: base)
    }

    @Test("two patches in a row equal a build with both texts")
    func chained() throws {
        let first = try patchEqualsBuild(count: 200, number: 5, newText: "第一次修改的正文：数字政府。")
        _ = try patchEqualsBuild(count: 200, number: 9, newText: "第二次修改的正文：营商环境。", over: first, texts: [5: "第一次修改的正文：数字政府。"])
    }

    @Test("a result file that is not what the old text makes, or another document's number, is refused")
    func refused() throws {
        let base = build(documents(50, text: standardText))
        let number = try #require(base.summary.urls.firstIndex(of: "/policies/7/"))
        let old = try #require(SearchIndex.shownDocument(number: number, read: { base.files[$0] }))
        let new = old.replacingText(IndexedText("新的正文"))
        let tampered = old.replacingText(IndexedText("并非上次索引的正文"))
        #expect(SearchIndex.patch(number: number, old: tampered, new: new, summary: base.summary, read: { base.files[$0] }) == nil)
        #expect(SearchIndex.patch(number: number + 1, old: old, new: new, summary: base.summary, read: { base.files[$0] }) == nil)
        // The shards the edit touches are read; a damaged one is refused, not patched.
        var refusedSomewhere = false
        for path in base.files.keys where path.hasPrefix("search/index/") && !path.contains("/l/") {
            var files = base.files
            files[path] = Data("SSI2".utf8) + Data([0xFF])
            if SearchIndex.patch(number: number, old: old, new: new, summary: base.summary, read: { files[$0] }) == nil { refusedSomewhere = true }
        }
        #expect(refusedSomewhere)
    }
}
