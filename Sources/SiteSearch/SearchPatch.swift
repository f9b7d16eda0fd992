import Foundation
import SiteCore

extension SearchIndex {
    /// What a build of the index made, besides its files: enough to patch the index for one
    /// document's new text without building it again (`patch`).
    public struct Summary: Sendable, Equatable {
        /// The number of shards, and the bytes they were estimated at (what chose that number).
        public var shards: Int
        public var estimated: Int
        /// The bytes of all shards, and of all result files (`docs/N.json`, `N-rest.txt`): the
        /// averages in `meta.json` are these over the counts.
        public var shardBytes: Int
        public var documentBytes: Int
        /// Each document's page address, by its number in the index.
        public var urls: [String]

        public init(shards: Int, estimated: Int, shardBytes: Int, documentBytes: Int, urls: [String]) {
            self.shards = shards
            self.estimated = estimated
            self.shardBytes = shardBytes
            self.documentBytes = documentBytes
            self.urls = urls
        }
    }

    /// The index's files after document `number`'s text changed from `old.text` to `new.text`,
    /// everything else of it the same: its result files, the shards of the terms whose postings
    /// changed, their long lists' files and `meta.json`, each as a clean build would write it.
    /// `read` gives the last build's files. Nil when the patch would change more than those (the
    /// number of shards, which lists have files of their own) or the files are not what this
    /// code writes: then the index must be built again.
    public static func patch(
        number: Int, old: SearchDocument, new: SearchDocument, summary: Summary, read: (String) -> Data?
    ) -> (files: [(path: String, data: Data)], removed: [String], summary: Summary)? {
        guard summary.urls.indices.contains(number), summary.urls[number] == old.url, old.url == new.url else { return nil }
        var next = summary
        var files: [(path: String, data: Data)] = []
        var removed: [String] = []

        // The result files: the last build's must be what the old text makes.
        let json = "search/docs/\(number).json"
        let restPath = "search/docs/\(number)-rest.txt"
        let (oldJSON, oldRest) = shownFiles(old, text: old.text.read())
        guard read(json) == oldJSON, read(restPath) == oldRest else { return nil }
        let (newJSON, newRest) = shownFiles(new, text: new.text.read())
        next.documentBytes += newJSON.count + (newRest?.count ?? 0) - oldJSON.count - (oldRest?.count ?? 0)
        files.append((json, newJSON))
        if let newRest { files.append((restPath, newRest)) } else if oldRest != nil { removed.append(restPath) }

        // The postings that changed, by shard.
        func postings(_ document: SearchDocument) -> [String: [UInt8]] {
            var encoded: [String: [UInt8]] = [:]
            for (term, entry) in termStatistics(document) {
                var bytes: [UInt8] = []
                PostingList.encode(distance: 0, entry.stat, titlePositions: entry.titlePositions, into: &bytes)
                encoded[term.text] = bytes
            }
            return encoded
        }
        let before = postings(old)
        let after = postings(new)
        var changedByShard: [Int: [String: [UInt8]?]] = [:]
        for term in Set(before.keys).union(after.keys) where before[term] != after[term] {
            changedByShard[Int(SearchText.hash(term) % UInt32(summary.shards)), default: [:]][term] = .some(after[term])
        }
        for (shard, changes) in changedByShard.sorted(by: { $0.key < $1.key }) {
            let path = shardPath(shard)
            guard let data = read(path), var entries = ShardEntry.decode([UInt8](data)), ShardEntry.encode(entries) == [UInt8](data) else { return nil }
            let oldShardBytes = data.count
            for (term, posting) in changes {
                let termBytes = Array(term.utf8)
                let position = entries.firstIndex { !$0.term.lexicographicallyPrecedes(termBytes) } ?? entries.count
                let exists = position < entries.count && entries[position].term == termBytes
                var list: [UInt8] = []
                var count = 0
                if exists {
                    let entry = entries[position]
                    next.estimated -= 8 + termBytes.count + (entry.ownFile == 0 ? entry.length : 0)
                    if entry.ownFile == 0 {
                        list = entry.inline
                    } else {
                        guard let own = read(listPath(entry.ownFile - 1)).map({ [UInt8]($0) }), own.starts(with: Array("SSP2".utf8)) else { return nil }
                        list = Array(own.dropFirst(4))
                    }
                    count = entry.count
                    guard list.count == entry.length else { return nil }
                }
                guard let patched = Self.patchList(list, count: count, document: number, posting: posting) else { return nil }
                let ownFile = exists ? entries[position].ownFile : 0
                // A list that crosses the size for a file of its own would renumber the others.
                guard (patched.bytes.count > ownFileBytes) == (ownFile != 0) else { return nil }
                if patched.count == 0 {
                    if exists { entries.remove(at: position) }
                    continue
                }
                let entry = ShardEntry(term: termBytes, count: patched.count, ownFile: ownFile, length: patched.bytes.count, inline: ownFile == 0 ? patched.bytes : [])
                next.estimated += 8 + termBytes.count + (ownFile == 0 ? patched.bytes.count : 0)
                if ownFile != 0 { files.append((listPath(ownFile - 1), Data(Array("SSP2".utf8) + patched.bytes))) }
                if exists { entries[position] = entry } else { entries.insert(entry, at: position) }
            }
            let encoded = ShardEntry.encode(entries)
            next.shardBytes += encoded.count - oldShardBytes
            files.append((path, Data(encoded)))
        }
        // The number of shards follows from the estimate; a different number moves every term.
        var shardCount = 1
        while shardCount < maximumShards, next.estimated / shardCount > targetShardBytes { shardCount *= 2 }
        guard shardCount == summary.shards else { return nil }

        // meta.json: the same but for the averages; the last build's must read back to its bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let metaData = read("search/meta.json"), var meta = try? JSONDecoder().decode(Meta.self, from: metaData),
            (try? encoder.encode(meta)) == metaData, meta.shards == shardCount, meta.documents == summary.urls.count,
            meta.shardBytes == summary.shardBytes / shardCount, meta.docBytes == summary.documentBytes / max(1, summary.urls.count)
        else { return nil }
        meta.shardBytes = next.shardBytes / shardCount
        meta.docBytes = next.documentBytes / max(1, summary.urls.count)
        guard let newMeta = try? encoder.encode(meta) else { return nil }
        files.append(("search/meta.json", newMeta))
        return (files, removed, next)
    }

    /// A posting list with document `document`'s posting taken out, and `posting` (its encoding
    /// with distance 0) put in its place; nil if the bytes are not a list of `count` postings.
    static func patchList(_ bytes: [UInt8], count: Int, document: Int, posting: [UInt8]?) -> PostingList? {
        // Each posting as its document, its fields and the bytes after its first varint.
        var items: [(document: Int, fields: Int, tail: ArraySlice<UInt8>)] = []
        var index = 0
        var last = 0
        while index < bytes.count {
            let head = VarintReader.read(bytes, at: &index)
            guard head >= 0 else { return nil }
            let tail = index
            let fields = UInt8(head & 31)
            if fields & titleField != 0 {
                let places = fields & titlePlacesField != 0 ? VarintReader.read(bytes, at: &index) : 1
                guard places >= 0 else { return nil }
                for _ in 0..<places where VarintReader.read(bytes, at: &index) < 0 { return nil }
            }
            if fields & bodyField != 0, VarintReader.read(bytes, at: &index) < 0 { return nil }
            last += head >> 5
            items.append((last, head & 31, bytes[tail..<index]))
        }
        guard items.count == count else { return nil }
        items.removeAll { $0.document == document }
        if let posting {
            var tail = 0
            let fields = VarintReader.read(posting, at: &tail)  // distance 0: the fields alone
            items.insert((document, fields, posting[tail...]), at: items.firstIndex { $0.document > document } ?? items.count)
        }
        var list = PostingList()
        for item in items {
            VarintWriter.append((item.document - list.last) << 5 | item.fields, to: &list.bytes)
            list.bytes += item.tail
            list.last = item.document
            list.count += 1
        }
        return list
    }

    /// One term of a shard (see `SearchIndex`): its list inline, or the number of its own file plus one.
    struct ShardEntry {
        var term: [UInt8]
        var count: Int
        var ownFile: Int
        var length: Int
        var inline: [UInt8]

        static func decode(_ bytes: [UInt8]) -> [ShardEntry]? {
            guard bytes.starts(with: Array("SSI2".utf8)) else { return nil }
            var index = 4
            let terms = VarintReader.read(bytes, at: &index)
            guard terms >= 0 else { return nil }
            var entries: [ShardEntry] = []
            for _ in 0..<terms {
                let length = VarintReader.read(bytes, at: &index)
                guard length >= 0, index + length <= bytes.count else { return nil }
                let term = Array(bytes[index..<index + length])
                index += length
                let count = VarintReader.read(bytes, at: &index)
                let ownFile = VarintReader.read(bytes, at: &index)
                let listLength = VarintReader.read(bytes, at: &index)
                guard count >= 0, ownFile >= 0, listLength >= 0 else { return nil }
                var inline: [UInt8] = []
                if ownFile == 0 {
                    guard index + listLength <= bytes.count else { return nil }
                    inline = Array(bytes[index..<index + listLength])
                    index += listLength
                }
                entries.append(ShardEntry(term: term, count: count, ownFile: ownFile, length: listLength, inline: inline))
            }
            return index == bytes.count ? entries : nil
        }

        /// As `build` writes a shard.
        static func encode(_ entries: [ShardEntry]) -> [UInt8] {
            var writer = VarintWriter()
            writer.bytes(Array("SSI2".utf8))
            writer.varint(entries.count)
            for entry in entries {
                writer.varint(entry.term.count)
                writer.bytes(entry.term)
                writer.varint(entry.count)
                writer.varint(entry.ownFile)
                writer.varint(entry.length)
                if entry.ownFile == 0 { writer.bytes(entry.inline) }
            }
            return writer.data
        }
    }
}

extension SearchIndex {
    /// Document `number` as the last build's result files show it, with its whole text; its
    /// filters are left out (a patch changes only the text).
    public static func shownDocument(number: Int, read: (String) -> Data?) -> SearchDocument? {
        guard let json = read("search/docs/\(number).json"), let shown = try? JSONDecoder().decode(ShownDocument.self, from: json) else { return nil }
        var text = shown.text
        if shown.more == true {
            guard let rest = read("search/docs/\(number)-rest.txt") else { return nil }
            text += String(decoding: rest, as: UTF8.self)
        }
        let date = shown.date.flatMap { CalendarDate(iso: $0) }
        guard (date == nil) == (shown.date == nil) else { return nil }
        return SearchDocument(
            url: shown.url, title: shown.title, number: shown.number, indexNumber: shown.indexNumber, issuer: shown.issuer,
            summary: shown.summary, text: text, date: date, kind: shown.kind, validity: shown.validity, filters: [])
    }
}

extension SearchDocument {
    /// The same document with another text.
    public func replacingText(_ text: IndexedText) -> SearchDocument {
        SearchDocument(
            url: url, title: title, number: number, indexNumber: indexNumber, issuer: issuer, summary: summary, text: text, date: date,
            kind: kind, validity: validity, filters: filters)
    }
}
