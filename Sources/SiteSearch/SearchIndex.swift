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
    /// The body without markup, with a plan's task texts after it; read only for a batch of the
    /// index that the memo does not have, and for result files that must be made again.
    public let text: IndexedText
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
        self.init(
            url: url, title: title, number: number, indexNumber: indexNumber, issuer: issuer, summary: summary, text: IndexedText(text),
            date: date, kind: kind, validity: validity, filters: filters)
    }

    public init(
        url: String, title: String, number: String?, indexNumber: String?, issuer: String?, summary: String?, text: IndexedText,
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
public struct SearchFilter: Sendable, Codable {
    public struct Value: Sendable, Codable {
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
/// - `meta.json`: the number of documents and of shards, the average bytes of a document's files
///   (`docBytes`, what checking one candidate against its text costs) and of a shard
///   (`shardBytes`), and the filters with their counts;
/// - `index/NNN.bin`: the shards. Every term lives in shard `SearchText.hash(term) % shards`. A shard
///   is `SSI2`, then LEB128 varints: the number of terms, then per term (sorted by bytes) its UTF-8
///   length and bytes, the number of documents, where its postings are (0: here, right after;
///   n: in `index/l/<n-1>.bin`) and their size in bytes. A query first fetches the shards of its
///   terms, which are small; a long posting list (a common term) has a file of its own, fetched only
///   when it is worth it (see search.js);
/// - `index/l/N.bin`: `SSP2` and one long posting list;
/// - `docs/N.json`: what a result shows (title, 文号, date, issuers, summary, the first 3,000
///   characters of the text), with `"more": true` when the text goes on in `docs/N-rest.txt`. The
///   two together are the whole text the index was built from, so the page can check a few
///   candidates against terms whose lists it did not fetch, with the same result.
///
/// A posting is one varint of the document's distance from the previous one times 32 plus its
/// fields (1 title, 2 文号/索引号, 4 summary/issuers, 8 body; 16: in the title more than once), then
/// for a title term its places in the title (key positions, see `SearchText.keyTerms`; their
/// number first when there are several; the first as is, the others as the distance from the one
/// before), and for a body term its first position in the body. A list of a term in most documents
/// takes about four bytes a document.
///
/// Documents are numbered newest first, so "newer first" is "smaller id first". Filters are terms
/// too, `U+0001` + value id; the key of a 文号 or 索引号 is the term `U+0002` + key, that of a title
/// `U+0003` + key.
public enum SearchIndex {
    public static let titleField: UInt8 = 1
    public static let numberField: UInt8 = 2
    public static let metaField: UInt8 = 4
    public static let bodyField: UInt8 = 8
    /// Not a field: the term is in the title more than once (its number of places follows).
    public static let titlePlacesField: UInt8 = 16

    /// Bytes a shard should have on average: a query fetches one per term (up to 4096 shards).
    static let targetShardBytes = 1_024
    static let maximumShards = 4_096
    /// A posting list longer than this has a file of its own.
    static let ownFileBytes = 1_024
    /// Characters of a document's text in `docs/N.json` (for snippets); the rest is in `N-rest.txt`.
    static let snippetSource = 3_000

    public static func build(_ documents: [SearchDocument], filters: [SearchFilter], memo: (any SearchBatchMemo)? = nil) -> [(path: String, data: Data)] {
        let files = Collected()
        build(documents, filters: filters, memo: memo) { path, data in files.add(path, data) }
        return files.sorted
    }

    /// Builds the index and hands each file to `emit` as soon as it is made, from any thread: at
    /// 100,000 documents the files are over half a gigabyte, which need not all be in memory.
    /// The documents' texts are read a batch at a time (`IndexedText`), and let go with the batch.
    ///
    /// With a `memo`, a batch of documents the last build indexed unchanged is not read again: its
    /// postings come from the memo (see `Batch`). A result file (`docs/N.json`) then goes to
    /// `emitKeyed` with a key of its document, and is made only when asked (the last build's copy
    /// may do); without `emitKeyed`, every file is made and goes to `emit`.
    @discardableResult
    public static func build(
        _ documents: [SearchDocument], filters: [SearchFilter], memo: (any SearchBatchMemo)? = nil,
        emit: @Sendable (String, Data) -> Void,
        emitKeyed: (@Sendable (_ path: String, _ key: String, _ make: () -> Data) -> Void)? = nil
    ) -> Summary {
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
        // on all cores a batch at a time, so only one batch's term tables are in memory; the terms
        // are split into partitions by hash, each merged on its own core (the merge was the
        // longest single-threaded part of a build). Lists come out sorted by term below, so the
        // number of partitions does not change the index.
        let partitions = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount * 2)).map { _ in Partition() }
        let count = partitions.count
        let digests = ordered.concurrentMap(Self.digest)
        // A result file goes out with its document's key; without `emitKeyed`, it is made at once.
        @Sendable func emitResult(_ path: String, _ key: String, _ make: () -> Data) {
            if let emitKeyed { emitKeyed(path, key, make) } else { emit(path, make()) }
        }
        var documentBytes = 0
        var trimmed = 0
        for range in batches(of: ordered) {
            let start = range.lowerBound
            let key = batchKey(digests[range])
            let batch: Batch
            if let data = memo?.batch(key), let remembered = Batch(decoding: data, partitions: count) {
                batch = remembered
                memo?.remember(key, data)
                // Made only if the last build's copy will not do; on all cores, since each file
                // is checked on disk.
                _ = Array(ordered[range].enumerated()).concurrentMap { offset, document -> Bool in
                    let id = start + offset
                    emitResult("search/docs/\(id).json", "shown:" + digests[id]) { shownFiles(document, text: document.text.read()).json }
                    if document.text.scalars > snippetSource {
                        emitResult("search/docs/\(id)-rest.txt", "shown-rest:" + digests[id]) {
                            shownFiles(document, text: document.text.read()).rest ?? Data()
                        }
                    }
                    return true
                }
            } else {
                // The batch's texts, let go with it: at 100,000 documents all of them are a quarter of a
                // gigabyte, as much as the posting lists.
                let documents = Array(ordered[range])
                let texts = documents.concurrentMap { $0.text.read() }
                let shownBytes = Array(documents.enumerated()).concurrentMap { offset, document in
                    let id = start + offset
                    let files = shownFiles(document, text: texts[offset])
                    emitResult("search/docs/\(id).json", "shown:" + digests[id]) { files.json }
                    if let rest = files.rest { emitResult("search/docs/\(id)-rest.txt", "shown-rest:" + digests[id]) { rest } }
                    return files.json.count + (files.rest?.count ?? 0)
                }.reduce(0, +)
                batch = Batch(documents: documents, texts: texts, partitions: count, shownBytes: shownBytes)
                memo?.remember(key, batch.encoded())
            }
            documentBytes += batch.shownBytes
            _ = partitions.indices.map { $0 }.concurrentMap { number -> Bool in
                let partition = partitions[number]
                for (key, fragment) in batch.han[number] { partition.han.update(key) { $0.append(fragment, at: start) } }
                for (term, fragment) in batch.text[number] { partition.text[term, default: PostingList()].append(fragment, at: start) }
                return true
            }
            // The batches' lists, freed between the growing ones, would count towards the peak
            // (about a tenth of it at 100,000 documents); giving them back costs time in proportion
            // to the heap, so it is done every few thousand documents.
            if range.upperBound - trimmed >= 8_192 {
                releaseFreedMemory()
                trimmed = range.upperBound
            }
        }
        releaseFreedMemory()

        // Long lists get files of their own, numbered in the order of their terms' bytes.
        var entries: [(bytes: [UInt8], list: PostingList)] = []
        for partition in partitions {
            partition.han.forEach { key, list in entries.append((Array(SearchText.Term.han(key).text.utf8), list)) }
            entries += partition.text.map { (Array($0.key.text.utf8), $0.value) }
            partition.han = HanTable(capacity: 1, empty: PostingList())
            partition.text = [:]
        }
        entries.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        let sortedEntries = entries
        var ownFiles: [Int: Int] = [:]
        for (number, entry) in entries.enumerated() where entry.list.bytes.count > ownFileBytes {
            ownFiles[number] = ownFiles.count
            emit(listPath(ownFiles.count - 1), Data(Array("SSP2".utf8) + entry.list.bytes))
        }
        let ownFile = ownFiles

        // Shards.
        var estimated = 0
        for (number, entry) in entries.enumerated() { estimated += 8 + entry.bytes.count + (ownFile[number] == nil ? entry.list.bytes.count : 0) }
        var shardCount = 1
        while shardCount < maximumShards, estimated / shardCount > targetShardBytes { shardCount *= 2 }
        var shards = [[Int]](repeating: [], count: shardCount)
        for (number, entry) in entries.enumerated() {
            shards[Int(SearchText.hash(String(decoding: entry.bytes, as: UTF8.self)) % UInt32(shardCount))].append(number)
        }
        let shardSizes = Array(shards.enumerated()).concurrentMap { number, members -> Int in
            var writer = VarintWriter()
            writer.bytes(Array("SSI2".utf8))
            writer.varint(members.count)
            for number in members {  // in term order already
                let entry = sortedEntries[number]
                writer.varint(entry.bytes.count)
                writer.bytes(entry.bytes)
                writer.varint(entry.list.count)
                writer.varint(ownFile[number].map { $0 + 1 } ?? 0)
                writer.varint(entry.list.bytes.count)
                if ownFile[number] == nil { writer.bytes(entry.list.bytes) }
            }
            emit(shardPath(number), Data(writer.data))
            return writer.data.count
        }
        let shardBytes = shardSizes.reduce(0, +)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

        // Filters with their counts, and the sizes.
        var counted = filters
        var counts: [String: Int] = [:]
        for document in ordered { for value in Set(document.filters) { counts[value, default: 0] += 1 } }
        for f in counted.indices {
            for v in counted[f].values.indices { counted[f].values[v].count = counts[counted[f].values[v].id] ?? 0 }
            counted[f].values.removeAll { $0.count == 0 }
        }
        let meta = Meta(
            version: 2, documents: ordered.count, shards: shardCount, shardBytes: shardBytes / shardCount,
            docBytes: ordered.isEmpty ? 0 : documentBytes / ordered.count, filters: counted.filter { !$0.values.isEmpty })
        emit("search/meta.json", (try? encoder.encode(meta)) ?? Data())
        return Summary(shards: shardCount, estimated: estimated, shardBytes: shardBytes, documentBytes: documentBytes, urls: ordered.map(\.url))
    }

    /// What a result shows (`docs/N.json`) and the rest of a long text (`text`, the document's).
    static func shownFiles(_ document: SearchDocument, text: String) -> (json: Data, rest: Data?) {
        let scalars = text.unicodeScalars
        let cut = scalars.index(scalars.startIndex, offsetBy: snippetSource, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let rest = cut < scalars.endIndex ? Data(String(scalars[cut...]).utf8) : nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let shown = ShownDocument(
            url: document.url, title: document.title, number: document.number, indexNumber: document.indexNumber,
            date: document.date.map { "\($0)" }, kind: document.kind, issuer: document.issuer, validity: document.validity,
            summary: document.summary, text: String(scalars[..<cut]), more: cut < scalars.endIndex ? true : nil)
        return ((try? encoder.encode(shown)) ?? Data(), rest)
    }

    /// The files of a build, gathered from the threads that make them.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [(path: String, data: Data)] = []

        func add(_ path: String, _ data: Data) { lock.withLock { files.append((path, data)) } }

        var sorted: [(path: String, data: Data)] { lock.withLock { files.sorted { $0.path < $1.path } } }
    }

    public static func shardPath(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return "search/index/" + String(repeating: "0", count: max(0, 3 - hex.count)) + hex + ".bin"
    }

    /// The file of the `number`th long posting list.
    public static func listPath(_ number: Int) -> String { "search/index/l/\(number).bin" }

    /// The posting lists of the terms of one partition. Each partition is only ever touched by
    /// one thread at a time.
    final class Partition: @unchecked Sendable {
        var han = HanTable<PostingList>(capacity: 4096, empty: PostingList())
        var text: [SearchText.Term: PostingList] = [:]

        /// Merges the postings of documents `first…` (their terms of partition `number`). The
        /// tables are taken out of the object for the loop: every use of a class's stored property
        /// is checked for exclusive access at run time, a local variable's is not.
        func add(_ terms: [PartitionedTerms], first: Int, number: Int) {
            var han = HanTable<PostingList>(capacity: 0, empty: PostingList())
            var text: [SearchText.Term: PostingList] = [:]
            swap(&han, &self.han)
            swap(&text, &self.text)
            defer {
                swap(&han, &self.han)
                swap(&text, &self.text)
            }
            for (offset, document) in terms.enumerated() {
                for (key, stat) in document.han[number] {
                    han.update(key) { $0.append(document: first + offset, stat, titlePlaces: document.titlePlaces) }
                }
                for (term, stat) in document.text[number] {
                    text[term, default: PostingList()].append(document: first + offset, stat, titlePlaces: document.titlePlaces)
                }
            }
        }
    }

    /// Which partition a term's postings are merged in: a cheap hash of the term, not Swift's
    /// seeded one, so every build splits them the same way.
    static func partition(of term: SearchText.Term, among count: Int) -> Int {
        let hash: UInt64
        switch term {
        case .han(let packed): hash = packed &* 0x9E37_79B9_7F4A_7C15
        case .text(let text): hash = UInt64(SearchText.hash(text)) &* 0x9E37_79B9_7F4A_7C15
        }
        return Int((hash >> 32) % UInt64(count))
    }

    /// A document's terms split by partition.
    struct PartitionedTerms {
        var han: [[(UInt64, Statistic)]]
        var text: [[(SearchText.Term, Statistic)]]
        /// `DocumentTerms.titlePlaces`.
        var titlePlaces: [[Int]]
    }

    static func partitioned(_ terms: DocumentTerms, into count: Int) -> PartitionedTerms {
        var parts = PartitionedTerms(
            han: .init(repeating: [], count: count), text: .init(repeating: [], count: count), titlePlaces: terms.titlePlaces)
        terms.han.forEach { key, stat in parts.han[partition(of: .han(key), among: count)].append((key, stat)) }
        for (term, stat) in terms.text { parts.text[partition(of: term, among: count)].append((term, stat)) }
        return parts
    }

    // MARK: One document

    /// A term's fields in one document and where it is first in the body; its places in the title
    /// are kept beside (`DocumentTerms.titlePlaces`), so that this is plain data, copied without
    /// reference counting, of which a document has thousands.
    struct Statistic: Sendable {
        var fields: UInt8 = 0
        /// The index of the term's key positions in the title in `titlePlaces`, or -1.
        var titlePlaces: Int32 = -1
        var firstPosition = 0

        mutating func addBody(_ position: Int) {
            if fields & SearchIndex.bodyField == 0 {
                fields |= SearchIndex.bodyField
                firstPosition = position
            }
        }

        mutating func addTitle(_ keyPosition: Int, places: inout [[Int]]) {
            fields |= SearchIndex.titleField
            if titlePlaces < 0 {
                titlePlaces = Int32(places.count)
                places.append([])
            }
            places[Int(titlePlaces)].append(keyPosition)
        }
    }

    /// One term's postings, encoded: per document the distance from the previous document, the
    /// fields byte, a title term's places in the title and a body term's first position there.
    struct PostingList {
        var bytes: [UInt8] = []
        var count = 0
        var last = 0

        mutating func append(document: Int, _ stat: Statistic, titlePlaces: [[Int]]) {
            Self.encode(distance: document - last, stat, titlePositions: stat.titlePlaces < 0 ? [] : titlePlaces[Int(stat.titlePlaces)], into: &bytes)
            last = document
            count += 1
        }

        /// One posting: the distance from the previous document and the fields in one varint,
        /// then a title term's places and a body term's first position.
        static func encode(distance: Int, _ stat: Statistic, titlePositions: [Int], into bytes: inout [UInt8]) {
            let many = titlePositions.count > 1
            VarintWriter.append(distance << 5 | Int(stat.fields | (many ? SearchIndex.titlePlacesField : 0)), to: &bytes)
            if stat.fields & SearchIndex.titleField != 0 {
                if many { VarintWriter.append(titlePositions.count, to: &bytes) }
                var previous = 0
                for position in titlePositions {
                    VarintWriter.append(position - previous, to: &bytes)
                    previous = position
                }
            }
            if stat.fields & SearchIndex.bodyField != 0 { VarintWriter.append(stat.firstPosition, to: &bytes) }
        }

        /// Appends a list made of a batch's documents numbered from 0 (`Batch`), for a batch that
        /// starts at document `start`: only its first distance changes.
        mutating func append(_ fragment: PostingList, at start: Int) {
            guard fragment.count > 0 else { return }
            var index = 0
            let first = VarintReader.read(fragment.bytes, at: &index)
            VarintWriter.append((start + first >> 5 - last) << 5 | first & 31, to: &bytes)
            bytes.append(contentsOf: fragment.bytes[index...])
            last = start + fragment.last
            count += fragment.count
        }
    }

    // MARK: Batches

    /// Smallest and largest batch, and the chance (1 in `batchDivisor`) that a document ends one;
    /// documents read at once within a batch.
    static let subBatch = 256
    static let minimumBatch = 128
    static let maximumBatch = 1_024
    static let batchDivisor: UInt32 = 384

    /// The batches the documents are read in: a batch ends after a document whose URL hashes to a
    /// multiple of `batchDivisor` (once it has `minimumBatch` documents), or at `maximumBatch`.
    /// Where batches end depends on the documents there, not on how many come before: a document
    /// added or removed changes its own batch only, and the others can come from the memo.
    static func batches(of documents: [SearchDocument]) -> [Range<Int>] {
        var batches: [Range<Int>] = []
        var start = 0
        for index in documents.indices {
            let size = index + 1 - start
            if size >= maximumBatch || (size >= minimumBatch && SearchText.hash(documents[index].url) % batchDivisor == 0) {
                batches.append(start..<index + 1)
                start = index + 1
            }
        }
        if start < documents.count { batches.append(start..<documents.count) }
        return batches
    }

    /// A document's digest: of everything of it the index and its result file are made from.
    static func digest(_ document: SearchDocument) -> String {
        var hasher = StableHasher()
        for field in [document.url, document.title, document.kind, document.text.digest] { hasher.combine(field) }
        for field in [document.number, document.indexNumber, document.issuer, document.summary, document.validity, document.date.map { "\($0)" }] {
            if let field {
                hasher.combine(1)
                hasher.combine(field)
            } else {
                hasher.combine(0)
            }
        }
        hasher.combine(UInt64(document.filters.count))
        for filter in document.filters { hasher.combine(filter) }
        return hasher.digest
    }

    /// What a batch's postings are remembered under: its documents' digests, in order.
    static func batchKey(_ digests: ArraySlice<String>) -> String {
        var hasher = StableHasher()
        hasher.combine("search-batch-\(Batch.format)")
        for digest in digests { hasher.combine(digest) }
        return hasher.digest
    }

    /// The postings of a batch of documents, numbered from the batch's first, by partition; and the
    /// bytes of the documents' result files (for `meta.json`). Coded for the memo as `SSB1`, the
    /// bytes of the result files, then the Han terms (their number, then each as 8 bytes and a
    /// list) and the other terms (their number, then each as its UTF-8 length and bytes and a
    /// list); a list is its number of documents, its last document, its length and its bytes.
    struct Batch: Sendable {
        static let format = 1
        var han: [[(UInt64, PostingList)]]
        var text: [[(SearchText.Term, PostingList)]]
        var shownBytes: Int

        /// Reads the documents (a batch of the index, numbered from 0) and makes their lists: the
        /// terms of `subBatch` documents at a time on all cores, then merged into the lists a
        /// partition a core, so only that many documents' term tables are in memory at once.
        init(documents: [SearchDocument], texts: [String], partitions count: Int, shownBytes: Int) {
            let partitions = (0..<count).map { _ in Partition() }
            for first in stride(from: 0, to: documents.count, by: SearchIndex.subBatch) {
                let part = Array(first..<min(first + SearchIndex.subBatch, documents.count))
                let terms = part.concurrentMap { index in SearchIndex.partitioned(DocumentTerms(documents[index], text: texts[index]), into: count) }
                _ = Array(0..<count).concurrentMap { number -> Bool in
                    partitions[number].add(terms, first: first, number: number)
                    return true
                }
            }
            han = partitions.map { partition in
                var lists: [(UInt64, PostingList)] = []
                lists.reserveCapacity(partition.han.count)
                partition.han.forEach { key, list in lists.append((key, list)) }
                return lists
            }
            text = partitions.map { $0.text.map { ($0.key, $0.value) } }
            self.shownBytes = shownBytes
        }

        init?(decoding data: Data, partitions: Int) {
            let bytes = [UInt8](data)
            guard bytes.starts(with: Array("SSB1".utf8)) else { return nil }
            var index = 4
            func list() -> PostingList? {
                var list = PostingList()
                list.count = VarintReader.read(bytes, at: &index)
                list.last = VarintReader.read(bytes, at: &index)
                let length = VarintReader.read(bytes, at: &index)
                guard list.count > 0, list.last >= 0, length > 0, index + length <= bytes.count else { return nil }
                list.bytes = Array(bytes[index..<index + length])
                index += length
                return list
            }
            shownBytes = VarintReader.read(bytes, at: &index)
            guard shownBytes >= 0 else { return nil }
            han = .init(repeating: [], count: partitions)
            text = .init(repeating: [], count: partitions)
            let hanCount = VarintReader.read(bytes, at: &index)
            for _ in 0..<max(0, hanCount) {
                guard index + 8 <= bytes.count else { return nil }
                var key: UInt64 = 0
                for shift in 0..<8 { key |= UInt64(bytes[index + shift]) << (8 * shift) }
                index += 8
                guard let list = list() else { return nil }
                han[SearchIndex.partition(of: .han(key), among: partitions)].append((key, list))
            }
            let textCount = VarintReader.read(bytes, at: &index)
            for _ in 0..<max(0, textCount) {
                let length = VarintReader.read(bytes, at: &index)
                guard length >= 0, index + length <= bytes.count else { return nil }
                let term = SearchText.Term.text(String(decoding: bytes[index..<index + length], as: UTF8.self))
                index += length
                guard let list = list() else { return nil }
                text[SearchIndex.partition(of: term, among: partitions)].append((term, list))
            }
            guard index == bytes.count else { return nil }
        }

        func encoded() -> Data {
            var writer = VarintWriter(Array("SSB1".utf8))
            func list(_ list: PostingList) {
                writer.varint(list.count)
                writer.varint(list.last)
                writer.varint(list.bytes.count)
                writer.bytes(list.bytes)
            }
            writer.varint(shownBytes)
            // In the order of the terms, so that the same batch is always the same bytes.
            writer.varint(han.reduce(0) { $0 + $1.count })
            for (key, posting) in han.joined().sorted(by: { $0.0 < $1.0 }) {
                writer.bytes((0..<8).map { UInt8(truncatingIfNeeded: key >> (8 * $0)) })
                list(posting)
            }
            writer.varint(text.reduce(0) { $0 + $1.count })
            for (utf8, posting) in text.joined().map({ (Array($0.0.text.utf8), $0.1) }).sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
                writer.varint(utf8.count)
                writer.bytes(utf8)
                list(posting)
            }
            return Data(writer.data)
        }
    }

    /// Every term of a document with the fields it is in, its places in the title and where it is
    /// first in the body. search.js computes the same from `docs/N.json` (and `N-rest.txt`).
    static func termStatistics(_ document: SearchDocument) -> [SearchText.Term: (stat: Statistic, titlePositions: [Int])] {
        let terms = DocumentTerms(document, text: document.text.read())
        var stats: [SearchText.Term: (stat: Statistic, titlePositions: [Int])] = [:]
        func add(_ term: SearchText.Term, _ stat: Statistic) {
            stats[term] = (stat, stat.titlePlaces < 0 ? [] : terms.titlePlaces[Int(stat.titlePlaces)])
        }
        terms.han.forEach { key, stat in add(.han(key), stat) }
        for (term, stat) in terms.text { add(term, stat) }
        return stats
    }

    /// A document's terms: Han characters and pairs (nearly all of them) in a `HanTable`, the
    /// rest (words, keys, filters) in a dictionary.
    struct DocumentTerms {
        var han = HanTable<Statistic>(capacity: 1024, empty: Statistic())
        var text: [SearchText.Term: Statistic] = [:]
        /// The key positions in the title of each term there (`Statistic.titlePlaces`).
        var titlePlaces: [[Int]] = []

        init(_ document: SearchDocument, text body: String) {
            var han = HanTable<Statistic>(capacity: 1024, empty: Statistic())
            var text: [SearchText.Term: Statistic] = [:]
            var titlePlaces: [[Int]] = []
            defer {
                self.han = han
                self.text = text
                self.titlePlaces = titlePlaces
            }
            SearchText.scan(
                document.title, han: { key, _, keyPosition in han.update(key) { $0.addTitle(keyPosition, places: &titlePlaces) } },
                word: { word, _, keyPosition in text[.text(word), default: Statistic()].addTitle(keyPosition, places: &titlePlaces) })
            // A function of its own, the tables passed in: captured by a nested function, they were
            // checked for exclusive access at run time on every term.
            Self.mark(document.number, numberField, han: &han, text: &text)
            Self.mark(document.indexNumber, numberField, han: &han, text: &text)
            Self.mark(document.summary, metaField, han: &han, text: &text)
            Self.mark(document.issuer, metaField, han: &han, text: &text)
            SearchText.scan(
                body, han: { key, position, _ in han.update(key) { $0.addBody(position) } },
                word: { word, position, _ in text[.text(word), default: Statistic()].addBody(position) })
            for number in [document.number, document.indexNumber].compactMap({ $0 }) {
                let key = SearchText.key(number)
                if !key.isEmpty { text[.text("\u{2}" + key), default: Statistic()].fields |= numberField }
            }
            let titleKey = SearchText.key(document.title)
            if !titleKey.isEmpty { text[.text("\u{3}" + titleKey)] = Statistic() }
            for filter in document.filters { text[.text("\u{1}" + filter)] = Statistic() }
        }

        private static func mark(_ value: String?, _ field: UInt8, han: inout HanTable<Statistic>, text: inout [SearchText.Term: Statistic]) {
            guard let value else { return }
            SearchText.scan(value, han: { key, _, _ in han.update(key) { $0.fields |= field } }, word: { word, _, _ in text[.text(word), default: Statistic()].fields |= field })
        }
    }

    // MARK: Files

    struct ShownDocument: Codable {
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
        /// The text goes on in `N-rest.txt`.
        let more: Bool?
    }

    struct Meta: Codable {
        let version: Int
        let documents: Int
        let shards: Int
        var shardBytes: Int
        var docBytes: Int
        let filters: [SearchFilter]
    }
}

/// What the last build's search index was made of, a batch of documents at a time (`site build`
/// keeps it in `.site-cache/`): a batch whose documents are all unchanged is not read again.
public protocol SearchBatchMemo: Sendable {
    /// The batch the last build remembered under `key`, as `remember` was given it.
    func batch(_ key: String) -> Data?
    /// Keeps a batch of this build for the next.
    func remember(_ key: String, _ data: Data)
}

/// Reads unsigned LEB128; -1 when the bytes end first.
enum VarintReader {
    static func read(_ bytes: [UInt8], at index: inout Int) -> Int {
        var value = 0
        var shift = 0
        while index < bytes.count, shift < 63 {
            let byte = bytes[index]
            index += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return -1
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

/// An open-addressing table from packed Han terms (`SearchText.Term.han`, never 0) to values. The
/// index looks terms up tens of millions of times; Swift's `Dictionary` hashes every key with
/// SipHash, this with one multiplication.
struct HanTable<Value> {
    private var keys: [UInt64]
    private var values: [Value]
    private let empty: Value
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int, empty: Value) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value](repeating: empty, count: size)
        self.empty = empty
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Changes the value of `key`, starting from `empty` when the key is new.
    mutating func update(_ key: UInt64, _ change: (inout Value) -> Void) {
        if (count + 1) * 2 > keys.count { grow() }
        var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = keys.count - 1
        while true {
            let found = keys[slot]
            if found == key { return change(&values[slot]) }
            if found == 0 {
                keys[slot] = key
                count += 1
                return change(&values[slot])
            }
            slot = (slot + 1) & mask
        }
    }

    /// Every key and value, in no particular order.
    func forEach(_ body: (UInt64, Value) -> Void) {
        for slot in keys.indices where keys[slot] != 0 { body(keys[slot], values[slot]) }
    }

    private mutating func grow() {
        var bigger = HanTable(capacity: keys.count, empty: empty)
        forEach { key, value in bigger.update(key) { $0 = value } }
        self = bigger
    }
}
