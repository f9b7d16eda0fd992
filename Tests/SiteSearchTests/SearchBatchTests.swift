import Foundation
import SiteCore
import Testing

@testable import SiteSearch

/// A memo in memory, counting what it was asked and told.
private final class MemoryMemo: SearchBatchMemo, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: Data] = [:]
    private(set) var asked = 0
    private(set) var found = 0
    /// What this build remembered: the next build's memo.
    private(set) var next: [String: Data] = [:]

    init(_ kept: [String: Data] = [:]) { self.kept = kept }

    func batch(_ key: String) -> Data? {
        lock.withLock {
            asked += 1
            if kept[key] != nil { found += 1 }
            return kept[key]
        }
    }

    func remember(_ key: String, _ data: Data) { lock.withLock { next[key] = data } }
}

/// `count` documents with Chinese titles and bodies, one a day back from 2024-12-31.
private func corpus(_ count: Int, edited: Int? = nil) -> [SearchDocument] {
    let words = ["政务公开", "信息公开", "行政规范性文件", "政策解读", "年度报告", "任务分解", "主动公开", "依申请公开"]
    return (0..<count).map { n in
        let day = CalendarDate(year: 2024, month: 12, day: 31)!.adding(days: -n)
        var text = (0..<20).map { words[($0 * 7 + n) % words.count] + "第\($0)项" }.joined(separator: "，")
        if n % 50 == 0 { text = String(repeating: text, count: 25) }  // over 3,000 characters: N-rest.txt
        if n == edited { text += "新增的一句：量子通信。" }
        return SearchDocument(
            url: "/policies/\(n)/", title: "关于\(words[n % words.count])的通知\(n)", number: n % 3 == 0 ? "宁政办发〔2024〕\(n + 1)号" : nil,
            indexNumber: nil, issuer: "县政府办公室", summary: n % 5 == 0 ? "摘要\(n)" : nil, text: text, date: day, kind: "政策文件",
            validity: nil, filters: ["k:policy", "y:\(day.year)"])
    }
}

private func files(_ documents: [SearchDocument], memo: (any SearchBatchMemo)? = nil) -> [String: Data] {
    Dictionary(uniqueKeysWithValues: SearchIndex.build(documents, filters: [], memo: memo).map { ($0.path, $0.data) })
}

@Suite("Search: batches remembered between builds")
struct SearchBatchTests {
    @Test("with a memo the index is the same bytes; the next build takes every batch from it; an edit reads one batch again")
    func memoGivesTheSameIndex() throws {
        let documents = corpus(1_500)
        let plain = files(documents)
        let first = MemoryMemo()
        #expect(files(documents, memo: first) == plain)
        #expect(first.found == 0 && first.next.count == first.asked && first.asked > 2)

        let second = MemoryMemo(first.next)
        #expect(files(documents, memo: second) == plain)
        #expect(second.found == second.asked)

        let edited = corpus(1_500, edited: 700)
        let third = MemoryMemo(first.next)
        #expect(files(edited, memo: third) == files(edited))
        #expect(third.found == third.asked - 1)
    }

    @Test("result files handed over with a key are the same bytes; one whose key the last build had is made only when asked")
    func keyedResultFiles() throws {
        final class Keyed: @unchecked Sendable {
            let lock = NSLock()
            var files: [String: Data] = [:]
            var keys: [String: String] = [:]
            var made = 0
            /// The last build's keys: a file with one of these is taken as it was, not made.
            let previous: [String: String]
            init(previous: [String: String] = [:]) { self.previous = previous }
        }
        func build(_ documents: [SearchDocument], memo: MemoryMemo, keyed: Keyed, previousFiles: [String: Data] = [:]) {
            SearchIndex.build(documents, filters: [], memo: memo, emit: { path, data in keyed.lock.withLock { keyed.files[path] = data } },
                emitKeyed: { path, key, make in
                    let reused = keyed.lock.withLock { keyed.previous[path] == key }
                    let data = reused ? previousFiles[path]! : make()
                    keyed.lock.withLock {
                        keyed.files[path] = data
                        keyed.keys[path] = key
                        if !reused { keyed.made += 1 }
                    }
                })
        }
        let documents = corpus(600, edited: nil)
        let plain = files(documents)
        #expect(plain.keys.contains { $0.hasSuffix("-rest.txt") })
        let first = Keyed()
        let memo = MemoryMemo()
        build(documents, memo: memo, keyed: first)
        #expect(first.files == plain)
        #expect(first.keys.count == plain.keys.count { $0.hasPrefix("search/docs/") })

        let edited = corpus(600, edited: 300)
        let second = Keyed(previous: first.keys)
        build(edited, memo: MemoryMemo(memo.next), keyed: second, previousFiles: first.files)
        #expect(second.files == files(edited))
        #expect(second.made == 2)  // docs/300.json and 300-rest.txt: the document that changed
    }

    @Test("a document added first (the newest) changes one batch, not every batch after it")
    func addedDocument() {
        let documents = corpus(1_500)
        let added = [SearchDocument(
            url: "/policies/new/", title: "新文件", number: nil, indexNumber: nil, issuer: nil, summary: nil, text: "新的正文",
            date: CalendarDate(year: 2025, month: 1, day: 1)!, kind: "政策文件", validity: nil, filters: [])] + documents
        let first = MemoryMemo()
        _ = files(documents, memo: first)
        let second = MemoryMemo(first.next)
        #expect(files(added, memo: second) == files(added))
        #expect(second.asked > 2 && second.found == second.asked - 1)
    }

    @Test("batches cover every document in order, within their bounds, ending where the documents say")
    func batchBounds() {
        let documents = corpus(5_000)
        let batches = SearchIndex.batches(of: documents)
        #expect(batches.first?.lowerBound == 0 && batches.last?.upperBound == 5_000)
        #expect(zip(batches, batches.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(batches.dropLast().allSatisfy { $0.count >= SearchIndex.minimumBatch && $0.count <= SearchIndex.maximumBatch })
        for batch in batches.dropLast() where batch.count < SearchIndex.maximumBatch {
            #expect(SearchText.hash(documents[batch.upperBound - 1].url) % SearchIndex.batchDivisor == 0)
        }
    }

    @Test("a remembered batch that does not decode is read again, with the same index")
    func damagedMemo() {
        let documents = corpus(600)
        let first = MemoryMemo()
        _ = files(documents, memo: first)
        let damaged = MemoryMemo(first.next.mapValues { $0.prefix($0.count / 2) })
        #expect(files(documents, memo: damaged) == files(documents))
        #expect(damaged.found == damaged.asked && damaged.next.values.allSatisfy { $0.count > 0 })
        #expect(damaged.next == first.next)
        // The right tag, then bytes that read as huge or negative numbers.
        let garbage = MemoryMemo(first.next.mapValues { _ in Data("SSB1".utf8) + Data(repeating: 0xFF, count: 40) })
        #expect(files(documents, memo: garbage) == files(documents))
        #expect(garbage.next == first.next)
    }

    @Test("an edit reads the texts of the edited document's batch only, and a build with nothing changed reads none")
    func textsReadLazily() throws {
        final class Reads: @unchecked Sendable {
            let lock = NSLock()
            var urls: [String] = []
        }
        func counted(_ documents: [SearchDocument], _ reads: Reads) -> [SearchDocument] {
            documents.map { document in
                let text = document.text
                return SearchDocument(
                    url: document.url, title: document.title, number: document.number, indexNumber: document.indexNumber,
                    issuer: document.issuer, summary: document.summary,
                    text: IndexedText(digest: text.digest, scalars: text.scalars) {
                        reads.lock.withLock { reads.urls.append(document.url) }
                        return text.read()
                    },
                    date: document.date, kind: document.kind, validity: document.validity, filters: document.filters)
            }
        }
        // Result files the last build had, under the same key, are taken as they were: not made.
        func build(_ documents: [SearchDocument], memo: MemoryMemo, previous: [String: String]) -> (files: [String: Data], keys: [String: String]) {
            final class Sink: @unchecked Sendable {
                let lock = NSLock()
                var files: [String: Data] = [:]
                var keys: [String: String] = [:]
            }
            let sink = Sink()
            SearchIndex.build(
                documents, filters: [], memo: memo, emit: { path, data in sink.lock.withLock { sink.files[path] = data } },
                emitKeyed: { path, key, make in
                    let reused = previous[path] == key
                    let data = reused ? Data() : make()
                    sink.lock.withLock {
                        sink.keys[path] = key
                        if !reused { sink.files[path] = data }
                    }
                })
            return (sink.files, sink.keys)
        }
        let first = MemoryMemo()
        let firstReads = Reads()
        let (firstFiles, keys) = build(counted(corpus(1_500), firstReads), memo: first, previous: [:])
        #expect(firstReads.urls.count == 1_500)
        #expect(firstFiles.filter { !$0.key.hasPrefix("search/docs/") } == files(corpus(1_500)).filter { !$0.key.hasPrefix("search/docs/") })

        let unchanged = Reads()
        _ = build(counted(corpus(1_500), unchanged), memo: MemoryMemo(first.next), previous: keys)
        #expect(unchanged.urls.isEmpty)

        let edited = corpus(1_500, edited: 700)
        let editReads = Reads()
        let (editFiles, _) = build(counted(edited, editReads), memo: MemoryMemo(first.next), previous: keys)
        let batch = try #require(SearchIndex.batches(of: edited.sorted { $0.date! > $1.date! }).first { $0.contains(700) })
        #expect(Set(editReads.urls) == Set(batch.map { "/policies/\($0)/" }))
        #expect(editReads.urls.count == batch.count)
        #expect(editFiles.filter { !$0.key.hasPrefix("search/docs/") } == files(edited).filter { !$0.key.hasPrefix("search/docs/") })
        #expect(editFiles["search/docs/700.json"] == files(edited)["search/docs/700.json"])
    }

    @Test("an indexed text counts its scalars and keeps its digest apart from its parts'")
    func indexedText() {
        let text = IndexedText("政务a😀\n")
        #expect(text.scalars == 5 && text.read() == "政务a😀\n")
        #expect(IndexedText.scalars(in: "é̃x") == "é̃x".unicodeScalars.count)
        let longer = text.appending("任务")
        #expect(longer.read() == "政务a😀\n任务" && longer.scalars == 7)
        #expect(longer.digest != text.digest && longer.digest == IndexedText("政务a😀\n").appending("任务").digest)
        #expect(text.appending("").digest == text.digest)
        #expect(IndexedText("a").appending("bc").digest != IndexedText("ab").appending("c").digest)
    }

    @Test("a batch's postings come back as they were coded")
    func codingRoundTrip() throws {
        let documents = corpus(200)
        let memo = MemoryMemo()
        _ = files(documents, memo: memo)
        for data in memo.next.values {
            let batch = try #require(SearchIndex.Batch(decoding: data, partitions: 3))
            #expect(batch.encoded().count == data.count)
            let again = try #require(SearchIndex.Batch(decoding: batch.encoded(), partitions: 5))
            #expect(Set(again.han.joined().map { "\($0.0):\($0.1.bytes)" }) == Set(batch.han.joined().map { "\($0.0):\($0.1.bytes)" }))
            #expect(again.shownBytes == batch.shownBytes && again.shownBytes > 0)
        }
    }
}
