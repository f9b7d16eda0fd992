import Foundation
import SiteCore

/// One public document as search sees it.
public struct SearchDocument: Sendable {
    /// The page's address (`/policies/2021-6/`).
    public let url: String
    public let title: String
    /// 文号
    public let number: String?
    /// 索引号
    public let indexNumber: String?
    /// 发布机构, full name.
    public let issuer: String?
    /// 内容概述
    public let summary: String?
    /// The body without markup, with a plan's task texts after it.
    public let text: String
    /// 发布日期: newer documents win ties.
    public let date: CalendarDate?
    /// 政策文件, 政策解读 …
    public let kind: String
    /// 有效性 of a policy.
    public let validity: String?
    /// The filter values the document has, as `SearchFilter.Value.id`s.
    public let filters: [String]

    public init(
        url: String, title: String, number: String?, indexNumber: String?, issuer: String?, summary: String?, text: String,
        date: CalendarDate?, kind: String, validity: String?, filters: [String]
    ) {
        self.url = url
        self.title = title
        self.number = number
        self.indexNumber = indexNumber
        self.issuer = issuer
        self.summary = summary
        self.text = text
        self.date = date
        self.kind = kind
        self.validity = validity
        self.filters = filters
    }
}

/// A filter of the search page: 目录栏目, 发布机构, 年份, 类别, 有效性.
public struct SearchFilter: Sendable, Encodable {
    public struct Value: Sendable, Encodable {
        /// `s:zcwj`: unique across filters, and the index term (after U+0001) that finds its documents.
        public let id: String
        public let label: String
        /// Nesting in the catalog tree (0 for other filters).
        public let depth: Int
        public var count: Int

        public init(id: String, label: String, depth: Int = 0, count: Int = 0) {
            self.id = id
            self.label = label
            self.depth = depth
            self.count = count
        }
    }

    public let name: String
    public let label: String
    public var values: [Value]

    public init(name: String, label: String, values: [Value]) {
        self.name = name
        self.label = label
        self.values = values
    }
}

/// Writes the search index under `search/`:
///
/// - `meta.json`: the number of documents and of shards, and the filters with their counts;
/// - `index/NNN.bin`: the shards. Every term lives in shard `SearchText.hash(term) % shards`, so a
///   query fetches only the shards of its own terms. A shard is `SSI1`, then LEB128 varints: the
///   number of terms, then per term (sorted by bytes) its UTF-8 length and bytes, the number of
///   documents, and per document the id's distance from the previous one, a byte of fields
///   (1 title, 2 文号/索引号, 4 summary/issuer, 8 body), the count in the body and the first
///   position in the body;
/// - `docs/N.json`: what a result shows (title, 文号, date, issuer, the start of the text for the
///   snippet), fetched only for the results on screen.
///
/// Documents are numbered newest first, so "newer first" is "smaller id first". Filters are terms
/// too, `U+0001` + value id; the key of a 文号 or 索引号 is the term `U+0002` + key.
public enum SearchIndex {
    public static let titleField: UInt8 = 1
    public static let numberField: UInt8 = 2
    public static let metaField: UInt8 = 4
    public static let bodyField: UInt8 = 8

    /// Bytes a shard should have on average; a query's transfer is a few shards.
    static let targetShardBytes = 8_000
    /// Characters of a document's text kept for snippets.
    static let snippetSource = 3_000

    public static func build(_ documents: [SearchDocument], filters: [SearchFilter]) -> [(path: String, data: Data)] {
        let ordered = documents.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.url < b.url
            }
        }
        // Postings per term, encoded as they come (in document order): a few bytes each, where
        // structs would take hundreds of megabytes for a 10,000-document portal. Documents are read
        // on all cores a batch at a time, so only one batch's term tables are in memory.
        var postings: [SearchText.Term: PostingList] = [:]
        let batch = 512
        for start in stride(from: 0, to: ordered.count, by: batch) {
            let stats = ordered[start..<min(start + batch, ordered.count)].map { $0 }.concurrentMap(termStatistics)
            for (offset, terms) in stats.enumerated() {
                for (term, stat) in terms { postings[term, default: PostingList()].append(document: start + offset, stat) }
            }
        }

        // Shards.
        var estimated = 0
        for list in postings.values { estimated += 8 + list.bytes.count }
        var shardCount = 1
        while shardCount < 4096, estimated / shardCount > targetShardBytes { shardCount *= 2 }
        var shards = [[(bytes: [UInt8], list: PostingList)]](repeating: [], count: shardCount)
        for (term, list) in postings {
            let text = term.text
            shards[Int(SearchText.hash(text) % UInt32(shardCount))].append((Array(text.utf8), list))
        }
        postings = [:]

        var files: [(path: String, data: Data)] = []
        files.reserveCapacity(shardCount + ordered.count + 1)
        let encoded = shards.concurrentMap { terms -> Data in
            var writer = VarintWriter()
            writer.bytes(Array("SSI1".utf8))
            writer.varint(terms.count)
            for (bytes, list) in terms.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
                writer.varint(bytes.count)
                writer.bytes(bytes)
                writer.varint(list.count)
                writer.bytes(list.bytes)
            }
            return Data(writer.data)
        }
        for (number, data) in encoded.enumerated() { files.append((shardPath(number), data)) }

        // What results show.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let shownFiles = Array(ordered.enumerated()).concurrentMap { (id, document) -> (path: String, data: Data) in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let shown = ShownDocument(
                url: document.url, title: document.title, number: document.number, indexNumber: document.indexNumber,
                date: document.date.map { "\($0)" }, kind: document.kind, issuer: document.issuer, validity: document.validity,
                summary: document.summary, text: String(String.UnicodeScalarView(document.text.unicodeScalars.prefix(snippetSource))))
            return ("search/docs/\(id).json", (try? encoder.encode(shown)) ?? Data())
        }
        files += shownFiles

        // Filters with their counts, and the sizes.
        var counted = filters
        var counts: [String: Int] = [:]
        for document in ordered { for value in Set(document.filters) { counts[value, default: 0] += 1 } }
        for f in counted.indices {
            for v in counted[f].values.indices { counted[f].values[v].count = counts[counted[f].values[v].id] ?? 0 }
            counted[f].values.removeAll { $0.count == 0 }
        }
        let meta = Meta(version: 1, documents: ordered.count, shards: shardCount, filters: counted.filter { !$0.values.isEmpty })
        files.append(("search/meta.json", (try? encoder.encode(meta)) ?? Data()))
        return files
    }

    public static func shardPath(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return "search/index/" + String(repeating: "0", count: max(0, 3 - hex.count)) + hex + ".bin"
    }

    // MARK: One document

    struct Statistic: Sendable {
        var fields: UInt8 = 0
        var count = 0
        var firstPosition = 0

        mutating func addBody(_ position: Int) {
            if fields & SearchIndex.bodyField == 0 {
                fields |= SearchIndex.bodyField
                firstPosition = position
            }
            count = min(count + 1, 65_535)
        }
    }

    /// One term's postings, encoded: per document the distance from the previous document, the
    /// fields byte, the count in the body and the first position there.
    struct PostingList {
        var bytes: [UInt8] = []
        var count = 0
        var last = 0

        mutating func append(document: Int, _ stat: Statistic) {
            VarintWriter.append(document - last, to: &bytes)
            bytes.append(stat.fields)
            VarintWriter.append(stat.count, to: &bytes)
            VarintWriter.append(stat.firstPosition, to: &bytes)
            last = document
            count += 1
        }
    }

    /// Every term of a document with the fields it is in, its count in the body and where it first is.
    static func termStatistics(_ document: SearchDocument) -> [SearchText.Term: Statistic] {
        var stats: [SearchText.Term: Statistic] = [:]
        func mark(_ text: String?, _ field: UInt8) {
            guard let text else { return }
            SearchText.scan(text) { term, _ in stats[term, default: Statistic()].fields |= field }
        }
        mark(document.title, titleField)
        mark(document.number, numberField)
        mark(document.indexNumber, numberField)
        mark(document.summary, metaField)
        mark(document.issuer, metaField)
        SearchText.scan(document.text) { term, position in
            stats[term, default: Statistic()].addBody(position)
        }
        for number in [document.number, document.indexNumber].compactMap({ $0 }) {
            let key = SearchText.key(number)
            if !key.isEmpty { stats[.text("\u{2}" + key), default: Statistic()].fields |= numberField }
        }
        for filter in document.filters { stats[.text("\u{1}" + filter)] = Statistic() }
        return stats
    }

    // MARK: Files

    struct ShownDocument: Encodable {
        let url: String
        let title: String
        let number: String?
        let indexNumber: String?
        let date: String?
        let kind: String
        let issuer: String?
        let validity: String?
        let summary: String?
        let text: String
    }

    struct Meta: Encodable {
        let version: Int
        let documents: Int
        let shards: Int
        let filters: [SearchFilter]
    }
}

/// Unsigned LEB128.
struct VarintWriter {
    private(set) var data: [UInt8]

    init(_ data: [UInt8] = []) { self.data = data }

    mutating func varint(_ value: Int) { Self.append(value, to: &data) }

    static func append(_ value: Int, to data: inout [UInt8]) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            data.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        data.append(UInt8(rest))
    }

    mutating func bytes(_ bytes: [UInt8]) { data += bytes }
}
