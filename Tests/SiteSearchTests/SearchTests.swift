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
            #expect(SearchText.keyTerms(text).map(\.position) == vector["keyPositions"] as? [Int], "\(text)")
            #expect(SearchText.keyTerms(text).map(\.term) == SearchText.terms(text).map(\.term), "\(text)")
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
        #expect(out["termKeyPositions"] as? [[Int]] == terms.map { $0["keyPositions"] as? [Int] ?? [-1] })
        let queries = try #require(vectors["queries"] as? [[String: Any]])
        #expect(((out["queries"] as? [Any]) ?? []).map(pairs) == queries.map { pairs($0["terms"]) })
        #expect(out["queryKeyPositions"] as? [[Int]] == queries.map { $0["keyPositions"] as? [Int] ?? [-1] })
        #expect(out["keys"] as? [String] == (vectors["keys"] as? [[String]])?.map { $0[1] })
        #expect(out["hashes"] as? [Int] == (vectors["hashes"] as? [[Any]])?.compactMap { $0[1] as? Int })
    }

    @Test("an index decodes to the postings it was built from: fields, title places, first positions, newest first, long lists and texts in files of their own")
    func roundTrip() throws {
        var documents = [
            SearchDocument(url: "/a/", title: "关于政务公开的通知", number: "宁政办发〔2021〕6号", indexNumber: nil, issuer: "县政府办公室", summary: nil,
                           text: "做好政务公开工作。公开", date: CalendarDate(iso: "2021-05-21"), kind: "政策文件", validity: nil, filters: ["k:policy"]),
            SearchDocument(url: "/b/", title: "年度报告", number: nil, indexNumber: nil, issuer: nil, summary: "政务",
                           text: "", date: CalendarDate(iso: "2022-03-01"), kind: "年度报告", validity: nil, filters: []),
            SearchDocument(url: "/c/", title: "公开公开", number: nil, indexNumber: nil, issuer: "甲局、乙局", summary: nil,
                           text: String(repeating: "政", count: 2_999) + "量子计算", date: CalendarDate(iso: "2021-01-01"), kind: "政策文件",
                           validity: nil, filters: []),
        ]
        // Enough documents with 办法 for its list (two bytes a document) to need a file of its own.
        for n in 0..<600 {
            documents.append(SearchDocument(url: "/d/\(n)/", title: "办法\(n)", number: nil, indexNumber: nil, issuer: nil, summary: nil, text: "",
                                            date: CalendarDate(iso: "2020-01-01"), kind: "政策文件", validity: nil, filters: []))
        }
        let files = Dictionary(uniqueKeysWithValues: SearchIndex.build(documents, filters: []).map { ($0.path, $0.data) })
        let metaData = try #require(files["search/meta.json"])
        let meta = try #require(JSONSerialization.jsonObject(with: metaData) as? [String: Any])
        #expect(meta["version"] as? Int == 2)
        #expect(meta["documents"] as? Int == 603)
        let shards = try #require(meta["shards"] as? Int)
        func postings(_ term: String) throws -> [ShardReader.Posting] {
            let data = try #require(files[SearchIndex.shardPath(Int(SearchText.hash(term) % UInt32(shards)))])
            return try ShardReader(Array(data)).postings(term) { try Array(#require(files[SearchIndex.listPath($0)])) }
        }
        let title = Int(SearchIndex.titleField), number = Int(SearchIndex.numberField), meta4 = Int(SearchIndex.metaField), body = Int(SearchIndex.bodyField)
        // Newest first: the 2022 report is document 0, the notice 1, /c/ 2. Title places are key positions.
        #expect(try postings("公开") == [.init(1, title | body, [4], 4), .init(2, title, [0, 2], 0)])
        #expect(try postings("开公") == [.init(2, title, [1], 0)])
        #expect(try postings("政务") == [.init(0, meta4, [], 0), .init(1, title | body, [2], 2)])
        #expect(try postings("乙局") == [.init(2, meta4, [], 0)])
        #expect(try postings("量子") == [.init(2, body, [], 2_999)])
        #expect(try postings("\u{2}宁政办发20216号") == [.init(1, number, [], 0)])
        #expect(try postings("\u{3}关于政务公开的通知") == [.init(1, 0, [], 0)])
        #expect(try postings("\u{1}k:policy") == [.init(1, 0, [], 0)])
        #expect(try postings("计算机") == [])
        // A long list: 600 documents, read from index/l/.
        let long = try postings("办法")
        #expect(long.count == 600 && long.first == .init(3, title, [0], 0))
        let shard = try #require(files[SearchIndex.shardPath(Int(SearchText.hash("办法") % UInt32(shards)))])
        #expect(ShardReader(Array(shard)).isInShard("办法") == false)

        let shownData = try #require(files["search/docs/1.json"])
        let shown = try #require(JSONSerialization.jsonObject(with: shownData) as? [String: Any])
        #expect(shown["url"] as? String == "/a/")
        #expect(shown["number"] as? String == "宁政办发〔2021〕6号")
        #expect(shown["more"] == nil)
        #expect(files["search/docs/1-rest.txt"] == nil)
        // A text longer than 3,000 characters goes on in N-rest.txt.
        let longData = try #require(files["search/docs/2.json"])
        let long2 = try #require(JSONSerialization.jsonObject(with: longData) as? [String: Any])
        #expect((long2["text"] as? String)?.count == 3_000)
        #expect(long2["more"] as? Bool == true)
        #expect(long2["issuer"] as? String == "甲局、乙局")
        #expect(files["search/docs/2-rest.txt"] == Data("子计算".utf8))
    }

    @Test("the example portal answers its query set")
    func exampleQueries() throws {
        let site = try exampleSite()
        let queryFile = try json(folder.appendingPathComponent("queries.json"))
        let cases = try #require(queryFile["queries"] as? [[String: Any]])
        let results = try runQueries(site.url("Public/search"), cases)
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

    @Test("a candidate checked against its own text gives exactly the postings the index has, for every term of every document")
    func checkedAsIndexed() throws {
        let site = try exampleSite()
        let check = try consistency(site.url("Public/search"))
        #expect(check.documents == 28)
        #expect(check.postings > 10_000)
        #expect(check.mismatches == [])
    }

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

/// The example portal built into a temporary folder.
private func exampleSite() throws -> TempSite {
    let site = try TempSite(files: [:])
    try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
    let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
    #expect(report.published)
    return site
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

/// Whether search.js, checking documents against their own text, gets the index's postings.
func consistency(_ index: URL) throws -> (documents: Int, postings: Int, mismatches: [String]) {
    let run = try ExternalCommand.run("node", [folder.appendingPathComponent("run-search.mjs").path, "consistency", index.path], hint: nodeHint)
    #expect(run.status == 0, "\(run.stderr)")
    let out = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let mismatches = ((out["mismatches"] as? [Any]) ?? []).map { "\($0)" }
    return (out["documents"] as? Int ?? -1, out["postings"] as? Int ?? -1, mismatches)
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
    struct Posting: Equatable, CustomStringConvertible {
        let document: Int
        let fields: Int
        let title: [Int]
        let first: Int

        init(_ document: Int, _ fields: Int, _ title: [Int], _ first: Int) {
            self.document = document
            self.fields = fields
            self.title = title
            self.first = first
        }

        var description: String { "(\(document), \(fields), \(title), \(first))" }
    }

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

    /// Each term: its text, number of documents, own file (or nil) and where its postings start.
    func entries() -> [(term: String, count: Int, file: Int?, at: Int)] {
        var reader = self
        guard String(decoding: bytes.prefix(4), as: UTF8.self) == "SSI2" else { return [] }
        var found: [(term: String, count: Int, file: Int?, at: Int)] = []
        for _ in 0..<reader.varint() {
            let length = reader.varint()
            let text = String(decoding: bytes[reader.at..<reader.at + length], as: UTF8.self)
            reader.at += length
            let count = reader.varint()
            let file = reader.varint()
            let size = reader.varint()
            found.append((text, count, file == 0 ? nil : file - 1, reader.at))
            if file == 0 { reader.at += size }
        }
        return found
    }

    func isInShard(_ term: String) -> Bool? {
        entries().first { $0.term == term }.map { $0.file == nil }
    }

    static func decode(_ bytes: [UInt8], at start: Int, count: Int) -> [Posting] {
        var reader = ShardReader(bytes)
        reader.at = start
        var list: [Posting] = []
        var document = 0
        for _ in 0..<count {
            let head = reader.varint()
            document += head >> 5
            let fields = head & 15
            var title: [Int] = []
            if fields & Int(SearchIndex.titleField) != 0 {
                var place = 0
                for _ in 0..<(head & 16 != 0 ? reader.varint() : 1) {
                    place += reader.varint()
                    title.append(place)
                }
            }
            let first = fields & Int(SearchIndex.bodyField) != 0 ? reader.varint() : 0
            list.append(Posting(document, fields, title, first))
        }
        return list
    }

    /// The postings of `term`, from the shard or from its own file (`list(n)` reads index/l/n.bin).
    func postings(_ term: String, list: (Int) throws -> [UInt8]) rethrows -> [Posting] {
        guard let entry = entries().first(where: { $0.term == term }) else { return [] }
        guard let file = entry.file else { return Self.decode(bytes, at: entry.at, count: entry.count) }
        let data = try list(file)
        guard String(decoding: data.prefix(4), as: UTF8.self) == "SSP2" else { return [] }
        return Self.decode(data, at: 4, count: entry.count)
    }
}
