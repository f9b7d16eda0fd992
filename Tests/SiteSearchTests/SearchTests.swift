import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteSearch

private let folder = Repository.root.appendingPathComponent("Tests/SiteSearchTests")
private let nodeHint = "the search page's code is tested under Node.js (apt-get install nodejs)"

private func json(_ url: URL) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}

/// `[["政", 0], …]` as (term, position) pairs.
private func pairs(_ value: Any?) -> [[String]] {
    ((value as? [[Any]]) ?? []).map { $0.map { "\($0)" } }
}

@Suite("Search: terms, index and queries")
struct SearchTests {
    @Test("SearchText gives exactly the shared vectors")
    func swiftVectors() throws {
        let vectors = try json(folder.appendingPathComponent("vectors.json"))
        for vector in try #require(vectors["terms"] as? [[String: Any]]) {
            let text = try #require(vector["text"] as? String)
            #expect(SearchText.terms(text).map { [$0.term, "\($0.position)"] } == pairs(vector["terms"]), "\(text)")
        }
        for vector in try #require(vectors["queries"] as? [[String: Any]]) {
            let query = try #require(vector["query"] as? String)
            #expect(SearchText.queryTerms(query) == pairs(vector["terms"]).map { $0[0] }, "\(query)")
        }
        for pair in try #require(vectors["keys"] as? [[String]]) {
            #expect(SearchText.key(pair[0]) == pair[1])
        }
        for pair in try #require(vectors["hashes"] as? [[Any]]) {
            let term = try #require(pair[0] as? String)
            let value = try #require(pair[1] as? Int)
            #expect(SearchText.hash(term) == UInt32(value))
        }
    }

    @Test("search.js gives exactly the same vectors under Node")
    func javaScriptVectors() throws {
        let vectors = try json(folder.appendingPathComponent("vectors.json"))
        let run = try ExternalCommand.run("node", [folder.appendingPathComponent("run-search.mjs").path, "vectors", folder.appendingPathComponent("vectors.json").path], hint: nodeHint)
        #expect(run.status == 0, "\(run.stderr)")
        let out = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let terms = try #require(vectors["terms"] as? [[String: Any]])
        #expect(((out["terms"] as? [Any]) ?? []).map(pairs) == terms.map { pairs($0["terms"]) })
        let queries = try #require(vectors["queries"] as? [[String: Any]])
        #expect(((out["queries"] as? [Any]) ?? []).map(pairs) == queries.map { pairs($0["terms"]) })
        #expect(out["keys"] as? [String] == (vectors["keys"] as? [[String]])?.map { $0[1] })
        #expect(out["hashes"] as? [Int] == (vectors["hashes"] as? [[Any]])?.compactMap { $0[1] as? Int })
    }

    @Test("an index decodes to the postings it was built from: fields, counts, first positions, newest first")
    func roundTrip() throws {
        let documents = [
            SearchDocument(url: "/a/", title: "关于政务公开的通知", number: "宁政办发〔2021〕6号", indexNumber: nil, issuer: "县政府办公室", summary: nil,
                           text: "做好政务公开工作。公开", date: CalendarDate(iso: "2021-05-21"), kind: "政策文件", validity: nil, filters: ["k:policy"]),
            SearchDocument(url: "/b/", title: "年度报告", number: nil, indexNumber: nil, issuer: nil, summary: "政务",
                           text: "", date: CalendarDate(iso: "2022-03-01"), kind: "年度报告", validity: nil, filters: []),
        ]
        let files = Dictionary(uniqueKeysWithValues: SearchIndex.build(documents, filters: []).map { ($0.path, $0.data) })
        let metaData = try #require(files["search/meta.json"])
        let meta = try #require(JSONSerialization.jsonObject(with: metaData) as? [String: Any])
        #expect(meta["documents"] as? Int == 2)
        let shards = try #require(meta["shards"] as? Int)
        func postings(_ term: String) throws -> [[Int]] {
            let data = try #require(files[SearchIndex.shardPath(Int(SearchText.hash(term) % UInt32(shards)))])
            return ShardReader(Array(data)).postings(term)
        }
        // Newest first: the 2022 report is document 0, the 2021 notice document 1.
        #expect(try postings("公开") == [[1, Int(SearchIndex.titleField | SearchIndex.bodyField), 2, 4]])
        #expect(try postings("政务") == [[0, Int(SearchIndex.metaField), 0, 0], [1, Int(SearchIndex.titleField | SearchIndex.bodyField), 1, 2]])
        #expect(try postings("\u{2}宁政办发20216号") == [[1, Int(SearchIndex.numberField), 0, 0]])
        #expect(try postings("\u{1}k:policy") == [[1, 0, 0, 0]])
        #expect(try postings("量子") == [])
        let shownData = try #require(files["search/docs/1.json"])
        let shown = try #require(JSONSerialization.jsonObject(with: shownData) as? [String: Any])
        #expect(shown["url"] as? String == "/a/")
        #expect(shown["number"] as? String == "宁政办发〔2021〕6号")
    }

    @Test("the example portal answers its query set")
    func exampleQueries() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(report.published)
        let run = try ExternalCommand.run(
            "node", [folder.appendingPathComponent("run-search.mjs").path, "queries", site.url("Public/search").path, folder.appendingPathComponent("queries.json").path],
            hint: nodeHint)
        #expect(run.status == 0, "\(run.stderr)")
        let results = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let queryFile = try json(folder.appendingPathComponent("queries.json"))
        let cases = try #require(queryFile["queries"] as? [[String: Any]])
        #expect(results.count == cases.count)
        for (expected, result) in zip(cases, results) {
            let name = expected["name"] as? String ?? ""
            let urls = ((result["urls"] as? [String]) ?? []).map { $0.removingPercentEncoding ?? $0 }
            let total = result["total"] as? Int ?? -1
            if let first = expected["first"] as? [String] {
                #expect(Array(urls.prefix(first.count)) == first, "\(name)")
            }
            for url in expected["includes"] as? [String] ?? [] {
                #expect(urls.contains(url) || total > urls.count, "\(name): \(url)")
            }
            for url in expected["excludes"] as? [String] ?? [] {
                #expect(!urls.contains(url), "\(name): \(url)")
            }
            if let count = expected["total"] as? Int {
                #expect(total == count, "\(name)")
            }
            // What one query costs a first-time visitor (Pagefind's published figure is 300 kB).
            #expect((result["bytes"] as? Int ?? .max) < 300_000, "\(name)")
        }
    }
}

extension SearchTests {
    @Test("every issuer of a jointly issued document is indexed, shown and filterable")
    func coIssuers() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let path = "Content/policies/2021-zhongdian-xiangmu.md"
        let source = try #require(site.read(path))
        try site.write(path, source.replacingOccurrences(of: "issuer: xzfb\n", with: "issuer: [xzfb, hnxzfb]\n"))
        let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(report.published)
        let url = "/policies/2021-zhongdian-xiangmu/"
        let results = try runQueries(site.url("Public/search"), [
            ["query": "", "filters": ["i:hnxzfb"]],
            ["query": "", "filters": ["i:xzfb"]],
            ["query": "重点建设项目", "filters": ["i:hnxzfb"]],
            ["query": "会宁县人民政府办公室"],
        ])
        let documents = try documentURLs(site.url("Public/search"))
        for (n, result) in results.enumerated() {
            let found = ((result["ids"] as? [Int]) ?? []).map { documents[$0] }
            #expect(found.contains(url), "query \(n): \(found)")
        }
        let meta = try json(site.url("Public/search/meta.json"))
        let issuers = ((meta["filters"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == "issuer" }
        let values = (issuers?["values"] as? [[String: Any]]) ?? []
        #expect(values.first { $0["id"] as? String == "i:hnxzfb" }?["count"] as? Int == 2)
        let id = try #require(documents.firstIndex(of: url))
        let shown = try json(site.url("Public/search/docs/\(id).json"))
        #expect(shown["issuer"] as? String == "宁阳县人民政府办公室、会宁县人民政府办公室")
    }
}

/// Runs queries (`query`, `filters`) through search.js under Node over a built index: per query its
/// `total`, every result's `ids` in order, the first ten `urls` and the `bytes` it read.
func runQueries(_ index: URL, _ queries: [[String: Any]]) throws -> [[String: Any]] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("queries-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: ["queries": queries]).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try ExternalCommand.run("node", [folder.appendingPathComponent("run-search.mjs").path, "queries", index.path, file.path], hint: nodeHint)
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
}

/// The URL of each document of a built index, by id (decoded).
func documentURLs(_ index: URL) throws -> [String] {
    let meta = try json(index.appendingPathComponent("meta.json"))
    return try (0..<(meta["documents"] as? Int ?? 0)).map { id in
        let url = try json(index.appendingPathComponent("docs/\(id).json"))["url"] as? String ?? ""
        return url.removingPercentEncoding ?? url
    }
}

@Suite("Search in a real browser")
struct BrowserSearchTests {
    @Test("the search page in headless Chromium: a query from the header, the next page, a filter, the keyboard alone, no JavaScript")
    func searchPage() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(report.published)
        let run = try ExternalCommand.run(
            "python3", [folder.appendingPathComponent("browser-search.py").path, site.url("Public").path, "最低生活保障", "kind", "interpretation"],
            hint: "the browser test needs Chromium and Playwright: script/install-dependencies --test")
        #expect(run.status == 0, "\(run.stderr)")
        let seen = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(seen["errors"] as? [String] == [], "console errors and failed loads")
        #expect(seen["external"] as? [String] == [], "requests to other hosts")
        #expect(seen["status"] as? String == "找到 13 条结果，第 1 页，共 2 页。")
        let titles = seen["titles"] as? [String] ?? []
        #expect(titles.count == 10)
        #expect(titles.first == "《宁阳县城乡居民最低生活保障实施办法》公众意见收集和采纳情况")
        #expect((seen["marked"] as? [String] ?? []).contains("最低生活保障"))
        #expect(seen["input"] as? String == "最低生活保障")
        #expect(seen["filters"] as? [String] == ["目录栏目→ok", "发布机构→ok", "发布年份→ok", "类别→ok", "有效性→ok"])
        #expect((seen["page2URL"] as? String)?.hasSuffix("&page=2") == true)
        #expect((seen["page2Titles"] as? [String])?.count == 3)
        #expect(seen["page2Focus"] as? String == "search-status")
        #expect((seen["filteredURL"] as? String)?.hasSuffix("&k=interpretation") == true)
        #expect(seen["filteredStatus"] as? String == "找到 3 条结果。")
        #expect(seen["filteredTitles"] as? [String] == [
            "宁阳县政府新闻办举行《宁阳县城乡居民最低生活保障实施办法》新闻发布会",
            "一问一答读懂《宁阳县城乡居民最低生活保障实施办法》",
            "《宁阳县城乡居民最低生活保障实施办法》政策解读",
        ])
        #expect(seen["emptyStatus"] as? String == "请输入检索词。")
        #expect(seen["tabOrder"] as? [String] == ["skip-link", "standard", "large", "contrast", "large-contrast", "site-name", "site-search-q"])
        #expect((seen["nothingStatus"] as? String)?.hasPrefix("没有找到与“量子计算机”相关的信息") == true)
        #expect(seen["liveRegion"] as? String == "polite")
        #expect((seen["noscript"] as? String)?.contains("站内搜索需要浏览器启用 JavaScript") == true)
    }
}

/// Reads a shard as search.js does, for the round-trip test.
struct ShardReader {
    let bytes: [UInt8]
    var at = 4

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func varint() -> Int {
        var value = 0
        var shift = 0
        while true {
            let byte = bytes[at]
            at += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// [document, fields, count, first position] per posting of `term`.
    func postings(_ term: String) -> [[Int]] {
        var reader = self
        guard String(decoding: bytes.prefix(4), as: UTF8.self) == "SSI1" else { return [] }
        let terms = reader.varint()
        for _ in 0..<terms {
            let length = reader.varint()
            let text = String(decoding: bytes[reader.at..<reader.at + length], as: UTF8.self)
            reader.at += length
            let count = reader.varint()
            var list: [[Int]] = []
            var document = 0
            for _ in 0..<count {
                document += reader.varint()
                let fields = Int(bytes[reader.at])
                reader.at += 1
                list.append([document, fields, reader.varint(), reader.varint()])
            }
            if text == term { return list }
        }
        return []
    }
}
