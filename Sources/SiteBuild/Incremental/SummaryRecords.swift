import SiteAudit

/// The audit's page summaries as the build cache file holds them, each decoded only when asked
/// for: a patch build (`BodyPatch`) asks for a few of 24,000, and writes the rest back as they
/// were. Decoding them all — over a million links at 10,000 documents — was most of loading the
/// cache, and encoding them again most of saving it.
struct SummaryRecords: Sendable {
    /// The URL table's entries as the file has them (without their count), and where each starts.
    let urlTable: [UInt8]
    let urlOffsets: [Int]
    /// The records (each its path, ids, links and external URLs), in the file's order, sorted by
    /// path bytes, where each is and where its path is.
    let records: [UInt8]
    private let ranges: [Range<Int>]
    private let paths: SortedPaths

    /// Reads the URL table and the records from `reader`, checking each and decoding none.
    init?(_ reader: inout BinaryReader) {
        guard let urlCount = reader.count() else { return nil }
        let tableStart = reader.position
        var offsets: [Int] = []
        offsets.reserveCapacity(urlCount)
        for _ in 0..<urlCount {
            offsets.append(reader.position - tableStart)
            guard reader.skipString() else { return nil }
        }
        urlTable = Array(reader.bytes[tableStart..<reader.position])
        urlOffsets = offsets
        guard let count = reader.count() else { return nil }
        let recordsStart = reader.position
        var ranges: [Range<Int>] = []
        var paths: [Range<Int>] = []
        ranges.reserveCapacity(count)
        paths.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.position - recordsStart
            guard let path = reader.stringRange() else { return nil }
            paths.append(path.lowerBound - recordsStart..<path.upperBound - recordsStart)
            guard let ids = reader.count() else { return nil }
            for _ in 0..<ids { guard reader.skipString() else { return nil } }
            guard let links = reader.count() else { return nil }
            for _ in 0..<links {
                guard let number = reader.count(), number < urlCount, reader.signed() != nil, reader.signed() != nil else { return nil }
            }
            guard let external = reader.count() else { return nil }
            for _ in 0..<external { guard reader.skipString() else { return nil } }
            ranges.append(start..<reader.position - recordsStart)
        }
        records = Array(reader.bytes[recordsStart..<reader.position])
        self.ranges = ranges
        self.paths = SortedPaths(paths)
        guard self.paths.isSorted(in: records) else { return nil }
    }

    /// How many pages have a record.
    var count: Int { ranges.count }

    /// The path of the `index`th record.
    func path(at index: Int) -> String { paths.path(at: index, in: records) }

    /// The summary of the page at `path`, if the file has one.
    func summary(_ path: String) -> OutputAudit.PageSummary? {
        paths.index(of: path, in: records).flatMap(summary(at:))
    }

    /// The `index`th record's summary.
    func summary(at index: Int) -> OutputAudit.PageSummary? {
        let range = ranges[index]
        return records.withUnsafeBytes { bytes -> OutputAudit.PageSummary? in
            var reader = BinaryReader(UnsafeRawBufferPointer(rebasing: bytes[range]))
            guard reader.string() != nil, let ids = reader.strings(), let count = reader.count() else { return nil }
            var links: [OutputAudit.PageSummary.Link] = []
            for _ in 0..<count {
                // A URL's number, read as a plain integer: `count` bounds it by the record's size.
                guard let number = reader.unsigned().flatMap({ Int(exactly: $0) }), number < urlOffsets.count, let line = reader.signed(),
                    let column = reader.signed(), let line = Int(exactly: line), let column = Int(exactly: column)
                else { return nil }
                links.append(.init(url: url(number), line: line, column: column))
            }
            guard let external = reader.strings() else { return nil }
            return OutputAudit.PageSummary(ids: ids, links: links, external: external)
        }
    }

    /// The `number`th URL of the table.
    func url(_ number: Int) -> String {
        urlTable.withUnsafeBytes { bytes in
            var reader = BinaryReader(bytes, from: urlOffsets[number])
            return reader.string() ?? ""
        }
    }

    /// Writes the URL table and the records as `BuildCache.encode` does, the records of the pages
    /// in `replacing` made anew and every other one copied as it was. Nil (nothing written) when
    /// `replacing` names a page the file has no record of.
    func encode(replacing: [String: OutputAudit.PageSummary], into out: inout BinaryWriter, flush: (inout BinaryWriter) -> Void) -> Bool {
        var replaced: [Int: OutputAudit.PageSummary] = [:]
        for (path, summary) in replacing {
            guard let index = paths.index(of: path, in: records) else { return false }
            replaced[index] = summary
        }
        // The URLs of the new records: those of the table keep their numbers, new ones go after.
        var numbers: [String: Int] = [:]
        if !replacing.isEmpty {
            for number in urlOffsets.indices {
                let text = url(number)
                if numbers[text] == nil { numbers[text] = number }
            }
        }
        var added: [String] = []
        for (_, summary) in replacing.sorted(by: { $0.key < $1.key }) {
            for link in summary.links where numbers[link.url] == nil {
                numbers[link.url] = urlOffsets.count + added.count
                added.append(link.url)
            }
        }
        out.count(urlOffsets.count + added.count)
        out.bytes += urlTable
        for url in added { out.string(url) }
        flush(&out)
        out.count(ranges.count)
        for (index, range) in ranges.enumerated() {
            if let summary = replaced[index] {
                BuildCache.encode(path: path(at: index), summary: summary, numbers: summary.links.map { numbers[$0.url]! }, into: &out)
            } else {
                out.bytes += records[range]
            }
            flush(&out)
        }
        return true
    }
}

extension BinaryReader {
    /// Moves past a string without making it.
    mutating func skipString() -> Bool { stringRange() != nil }

    /// Moves past a string without making it, giving where its bytes are.
    mutating func stringRange() -> Range<Int>? {
        guard let length = count(), length <= bytes.count - position else { return nil }
        position += length
        return position - length..<position
    }

    /// A count, then that many strings.
    mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = string() else { return nil }
            list.append(value)
        }
        return list
    }
}
