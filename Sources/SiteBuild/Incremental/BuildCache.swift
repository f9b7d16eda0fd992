import Foundation
import SiteAudit
import SiteContent
import SiteCore
import SiteOutput
import SiteSearch

/// What a build remembers of the output it wrote, so the next build can reuse what did not change:
/// for every file the key of its inputs, the stamp it was written with and the SHA-256 of its bytes
/// (for the manifest), and for every page the summary the output audit took of it.
///
/// The rule that makes reuse safe: a file is reused only if its key is the same (same inputs: a
/// page's view and template, a data file's bytes, an attachment's source file) *and* the previous
/// output's copy still has the stamp it was written with. Anything the key does not cover is in
/// `context`: the tool, the theme and the audit settings; when that differs, nothing is reused.
/// So an incremental build's output is byte for byte a clean build's.
struct BuildCache: Sendable {
    struct File: Sendable, Equatable {
        var key: String
        var stamp: FileStamp
        /// Of the file's bytes, lowercase hexadecimal (`manifest.json`).
        var sha256: String
        /// Where a document page's body is in its bytes (`PageRenderer.renderLocatingBody`).
        var body: Range<Int>? = nil
    }

    static let formatVersion = 6

    var format: Int
    /// Digest of what every file depends on: the tool, the theme, the audit settings.
    var context: String
    /// Decoded, by path; with `fileRecords`, only those of files written anew (see `file(_:)`).
    var files: [String: File]
    /// The records as the file held them, when it was loaded without decoding them
    /// (`load(…, lazyRecords: true)`), but for those of `droppedRecords`: written back as they were.
    var fileRecords: FileRecords?
    var droppedRecords: Set<String> = []
    /// Decoded, by path; with `summaryRecords`, only those of pages whose summary is new.
    var summaries: [String: OutputAudit.PageSummary]
    /// The summaries as the file held them, when it was loaded without decoding them
    /// (`load(…, lazyRecords: true)`): they are written back as they were.
    var summaryRecords: SummaryRecords?
    /// The digest of every input of the build (`UnchangedBuild.inputs`) and its report: when the
    /// inputs are the same next time, the build is skipped and the report repeated.
    var inputs = ""
    /// The racy cutoff `inputs` was taken with (`UnchangedBuild.racyCutoff`).
    var racy: Int64 = 0
    var report: UnchangedBuild.Report?
    /// What the pages' views read besides the documents (`UnchangedBuild.surroundings`, with the
    /// racy cutoff `racy`), and what they read of each document (by id): when the next build's
    /// are the same but for some bodies, its pages' views are this build's but for those
    /// documents' pages (`Pipeline.KnownPageKeys`).
    var surroundings = ""
    var views: [String: Pipeline.ViewDigests] = [:]
    /// The pages the audit's link check found something in (`OutputAudit.LastAudit`).
    var pagesWithBrokenLinks: Set<String> = []
    /// What a build that patches the last one needs (`BodyPatch`): the options and the tool
    /// (`UnchangedBuild.settings`), the inputs' stamps (`UnchangedBuild.stamps`), and what the
    /// search index was made of.
    var settings = ""
    var trees: [[(path: String, stamp: FileStamp)]] = []
    var search: SearchIndex.Summary?
    /// The feed files that carry each document's body (by document id).
    var feeds: [String: [String]] = [:]
    /// When the build kept the site before it as the spare (`PublicWriter.keepOldAsSpare`): the
    /// paths where the spare and the output differ (the files the build wrote anew, or removed).
    var spare: [String]?
    /// Every reviewer named in any document's review records, sorted: what the leak check
    /// (`review.leak`) looks for in the files a patch build writes.
    var reviewers: [String] = []

    init(context: String) {
        format = Self.formatVersion
        self.context = context
        files = [:]
        summaries = [:]
    }

    /// The record of the file at `path`: decoded, or from the records but for those dropped.
    func file(_ path: String) -> File? {
        if let file = files[path] { return file }
        guard let fileRecords, !droppedRecords.contains(path) else { return nil }
        return fileRecords.file(path)
    }

    /// The stamp alone of the file at `path`: for the spare's check of every file
    /// (`PublicWriter.recycle`), which would otherwise decode each record's key and SHA-256.
    func stamp(_ path: String) -> FileStamp? {
        if let file = files[path] { return file.stamp }
        guard let fileRecords, !droppedRecords.contains(path), let index = fileRecords.index(of: path) else { return nil }
        return fileRecords.stamp(at: index)
    }

    /// How many files the cache has records of.
    var fileCount: Int {
        guard let fileRecords else { return files.count }
        if files.isEmpty, droppedRecords.isEmpty { return fileRecords.count }
        return fileOrder().count
    }

    /// Every file's path, sorted by bytes.
    var filePaths: [String] {
        fileOrder().map { entry in
            switch entry {
            case .record(let index): fileRecords!.path(at: index)
            case .decoded(let path): path
            }
        }
    }

    /// Every file and its record, in no particular order.
    func allFiles() -> [(path: String, file: File)] {
        guard let fileRecords else { return files.map { ($0.key, $0.value) } }
        return fileOrder().compactMap { entry in
            switch entry {
            case .record(let index): fileRecords.file(at: index).map { (fileRecords.path(at: index), $0) }
            case .decoded(let path): (path, files[path]!)
            }
        }
    }

    /// A file of the cache: the `index`th of `fileRecords`, or one of `files`.
    private enum FileEntry {
        case record(Int)
        case decoded(String)
    }

    /// The files in the order of their paths' bytes: the records that count, merged with the
    /// decoded ones (sorted: a patch build has a few dozen).
    private func fileOrder() -> [FileEntry] {
        let decoded = files.keys.sorted(by: ByteSearch.precedes)
        guard let fileRecords else { return decoded.map { .decoded($0) } }
        let shadowed = Set((decoded + droppedRecords).compactMap(fileRecords.index(of:)))
        var order: [FileEntry] = []
        order.reserveCapacity(fileRecords.count - shadowed.count + decoded.count)
        var next = decoded.makeIterator()
        var pending = next.next()
        for index in 0..<fileRecords.count where !shadowed.contains(index) {
            while let path = pending, fileRecords.withPath(at: index, { record in
                var path = path
                return path.withUTF8 { SortedPaths.compare(UnsafeRawBufferPointer($0), record) < 0 }
            }) {
                order.append(.decoded(path))
                pending = next.next()
            }
            order.append(.record(index))
        }
        while let path = pending {
            order.append(.decoded(path))
            pending = next.next()
        }
        return order
    }

    /// The summary of a page, decoded or from the records.
    func summary(_ path: String) -> OutputAudit.PageSummary? {
        summaries[path] ?? summaryRecords?.summary(path)
    }

    /// `.site-cache/build-<digest of the output folder>.bin`: one per output folder.
    static func url(folder: URL, output: URL) -> URL {
        folder.appendingPathComponent("build-\(String(StableHasher.digest(of: Array(output.path.utf8)).prefix(16))).bin")
    }

    /// `.site-cache/spare-<digest of the output folder>`: the site before the last patch build
    /// (`PublicWriter.spare`).
    static func spareURL(folder: URL, output: URL) -> URL {
        folder.appendingPathComponent("spare-\(String(StableHasher.digest(of: Array(output.path.utf8)).prefix(16)))")
    }

    /// The cache of the last build into `output`, if it was made in the same context (nil: any).
    static func load(folder: URL, output: URL, context: String?, readingReport: Bool = false, lazyRecords: Bool = false) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: url(folder: folder, output: output).path),
            let cache = decode(data, readingReport: readingReport, context: context, lazyRecords: lazyRecords), cache.format == formatVersion
        else { return nil }
        return cache
    }

    /// Written after the new output is in place; a cache that cannot be written only costs speed.
    func save(folder: URL, output: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ignore = folder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try? Data("# Written by site build: what the last build wrote, to rebuild only what changed.\n*\n".utf8).write(to: ignore)
        }
        let target = Self.url(folder: folder, output: output)
        // Until format 4 the file was named `.json` (it held text).
        try? FileManager.default.removeItem(at: target.deletingPathExtension().appendingPathExtension("json"))
        let temporary = target.appendingPathExtension("tmp-\(getpid())")
        // A build killed while saving left its temporary file behind.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(target.lastPathComponent + ".tmp-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        // Written through a buffer, a megabyte at a time: at 100,000 documents the file is over 100 MB.
        let written = BufferedOutput.write(temporary.path) { output in encode { output.append($0) } }
        guard written else {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// What the shortcut of an unchanged build needs, from the first lines of the cache file: the
    /// inputs digest, the outputs digest and the racy cutoff; the report (every finding of the
    /// build, 10 MB at 100,000 documents) is read only when the shortcut is taken.
    struct Summary {
        let inputs: String
        let outputs: String
        let racy: Int64
        /// Where the report's line starts.
        private let rest: CacheFile.Lines

        fileprivate init(inputs: String, outputs: String, racy: Int64, rest: CacheFile.Lines) {
            self.inputs = inputs
            self.outputs = outputs
            self.racy = racy
            self.rest = rest
        }

        /// The last build's report, coded (`UnchangedBuild.Report.coded`); nil if the file does not have it.
        func report() -> Data? {
            var lines = rest
            guard let line = lines.next(), line.hasPrefix("R\t") else { return nil }
            return Data(base64Encoded: String(line.dropFirst(2)))
        }
    }

    static func summary(folder: URL, output: URL) -> Summary? {
        guard let file = CacheFile(url(folder: folder, output: output)) else { return nil }
        var lines = CacheFile.Lines(file)
        guard let header = lines.next(), header.hasPrefix("site-build-cache\t\(formatVersion)\t"), let first = lines.next() else { return nil }
        let fields = first.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "I", let racy = Int64(fields[3]) else { return nil }
        return Summary(inputs: String(fields[1]), outputs: String(fields[2]), racy: racy, rest: lines)
    }

    // MARK: The file

    // A few text lines first — the header, the inputs (`I`) and the report (`R`, JSON in base64),
    // which the unchanged-build check reads without the rest — then a `B` line and the records in
    // binary (`BinaryWriter`): the files, the links' URLs (each once: most links are the same few
    // on every page, over a million at 10,000 documents), the page summaries, which name the
    // URLs by number, the documents' view digests and the pages with broken links. As text, splitting and parsing them took
    // most of a second per build.

    /// The whole file's bytes.
    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode { out += $0 }
        return out
    }

    /// The file's bytes, a megabyte or so at a time.
    func encode(_ write: ([UInt8]) -> Void) {
        // In the order `FileStamp.tree` lists a folder, so `outputs` is the digest it gives.
        // The paths sorted, not the records (moving a record moves its strings' references too);
        // records kept as the file had them are in that order already.
        let order = fileOrder()
        var header = "site-build-cache\t\(format)\t\(context)\n"
        if !inputs.isEmpty {
            // The digest of the files the build wrote, as `UnchangedBuild.digest` takes it of a folder.
            var outputs = UnchangedBuild.OutputsDigest(count: order.count)
            for entry in order {
                switch entry {
                case .record(let index):
                    // Every record was read whole when the file was loaded (`FileRecords.init`).
                    let stamp = fileRecords!.stamp(at: index) ?? FileStamp(size: -1, modified: -1)
                    fileRecords!.withPath(at: index) { outputs.add(path: $0, stamp: stamp) }
                case .decoded(let path):
                    let stamp = files[path]!.stamp
                    var path = path
                    path.withUTF8 { outputs.add(path: UnsafeRawBufferPointer($0), stamp: stamp) }
                }
            }
            header += "I\t\(inputs)\t\(outputs.digest)\t\(racy)\n"
        }
        if let report, let coded = report.coded { header += "R\t\(coded.base64EncodedString())\n" }
        if !surroundings.isEmpty { header += "V\t\(surroundings)\n" }
        write(Array((header + "B\n").utf8))
        var out = BinaryWriter()
        func flush(always: Bool = false) {
            guard always || out.bytes.count >= 1 << 20 else { return }
            write(out.bytes)
            out.bytes.removeAll(keepingCapacity: true)
        }
        out.count(order.count)
        for entry in order {
            switch entry {
            case .record(let index):
                out.bytes += fileRecords!.record(at: index)
            case .decoded(let path):
                out.string(path)
                Self.encode(file: files[path]!, into: &out)
            }
            flush()
        }
        if let summaryRecords, summaryRecords.encode(replacing: summaries, into: &out, flush: { flushing in
            guard flushing.bytes.count >= 1 << 20 else { return }
            write(flushing.bytes)
            flushing.bytes.removeAll(keepingCapacity: true)
        }) {
            // The records as they were, but for the pages whose summary is new.
        } else {
            let summaries = (summaryRecords.map { records in
                var all = Dictionary(
                    (0..<records.count).compactMap { index in records.summary(at: index).map { (records.path(at: index), $0) } }, uniquingKeysWith: { a, _ in a })
                all.merge(self.summaries) { _, new in new }
                return all
            } ?? self.summaries).sorted { ByteSearch.precedes($0.key, $1.key) }
            var numbers: [String: Int] = [:]
            var urls: [String] = []
            // Each link's URL looked up once (millions at 100,000 documents), its number kept for the records.
            let linkNumbers = summaries.map { _, summary in
                summary.links.map { link in
                    if let number = numbers[link.url] { return number }
                    numbers[link.url] = urls.count
                    urls.append(link.url)
                    return urls.count - 1
                }
            }
            out.count(urls.count)
            for url in urls {
                out.string(url)
                flush()
            }
            out.count(summaries.count)
            for ((path, summary), numbers) in zip(summaries, linkNumbers) {
                Self.encode(path: path, summary: summary, numbers: numbers, into: &out)
                flush()
            }
        }
        out.count(views.count)
        for id in views.keys.sorted(by: ByteSearch.precedes) {
            let digests = views[id]!
            out.string(id)
            out.string(digests.graph)
            out.string(digests.body)
            flush()
        }
        out.count(pagesWithBrokenLinks.count)
        for path in pagesWithBrokenLinks.sorted() { out.string(path) }
        out.string(settings)
        out.count(trees.count)
        for tree in trees {
            out.count(tree.count)
            for (path, stamp) in tree {
                out.string(path)
                out.signed(stamp.size)
                out.signed(stamp.modified)
                flush()
            }
        }
        if let search {
            out.count(1)
            for value in [search.shards, search.estimated, search.shardBytes, search.documentBytes] { out.signed(Int64(value)) }
            out.count(search.urls.count)
            for url in search.urls {
                out.string(url)
                flush()
            }
        } else {
            out.count(0)
        }
        out.count(feeds.count)
        for (id, paths) in feeds.sorted(by: { $0.key < $1.key }) {
            out.string(id)
            out.count(paths.count)
            for path in paths { out.string(path) }
        }
        out.count(spare.map { $0.count + 1 } ?? 0)
        for path in spare ?? [] {
            out.string(path)
            flush()
        }
        out.count(reviewers.count)
        for name in reviewers { out.string(name) }
        flush(always: true)
    }

    /// One file's record after its path: its key, stamp, SHA-256 and where a page's body is.
    static func encode(file: File, into out: inout BinaryWriter) {
        out.string(file.key)
        out.signed(file.stamp.size)
        out.signed(file.stamp.modified)
        out.string(file.sha256)
        // Offsets and sizes as `signed`: `count` is bounded by the cache file's size.
        if let body = file.body {
            out.signed(Int64(body.lowerBound) + 1)
            out.signed(Int64(body.count))
        } else {
            out.signed(0)
        }
    }

    /// What `encode(file:into:)` wrote.
    static func decodeFile(_ reader: inout BinaryReader) -> File? {
        guard let key = reader.string(), let size = reader.signed(), let modified = reader.signed(), let sha256 = reader.string(),
            let bodyStart = reader.signed()
        else { return nil }
        var body: Range<Int>?
        if bodyStart > 0 {
            guard let length = reader.signed(), length >= 0, let start = Int(exactly: bodyStart - 1), let count = Int(exactly: length) else { return nil }
            body = start..<start + count
        }
        return File(key: key, stamp: FileStamp(size: size, modified: modified), sha256: sha256, body: body)
    }

    /// One page's summary record: its path, ids, links (by URL number) and external URLs.
    static func encode(path: String, summary: OutputAudit.PageSummary, numbers: [Int], into out: inout BinaryWriter) {
        out.string(path)
        out.count(summary.ids.count)
        for id in summary.ids { out.string(id) }
        out.count(summary.links.count)
        for (link, number) in zip(summary.links, numbers) {
            out.count(number)
            out.signed(Int64(link.line))
            out.signed(Int64(link.column))
        }
        out.count(summary.external.count)
        for url in summary.external { out.string(url) }
    }

    /// The cache a file's bytes hold, or nil if they are not a whole cache file; its report only
    /// when `readingReport` (a build that loads the cache makes its own).
    /// With `context`, a cache of another context is refused after its first line (at 100,000
    /// documents the rest is hundreds of megabytes once decoded).
    /// With `lazyRecords`, the file records and the page summaries are checked but left as the
    /// file has them (`fileRecords`, `summaryRecords`), each decoded when asked for.
    static func decode(_ data: some ContiguousBytes, readingReport: Bool = true, context expected: String? = nil, lazyRecords: Bool = false) -> BuildCache? {
        data.withUnsafeBytes { bytes -> BuildCache? in
            var position = 0
            func line() -> Substring? {
                guard let end = bytes[position...].firstIndex(of: 0x0A) else { return nil }
                defer { position = end + 1 }
                return Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self))
            }
            guard let header = line()?.split(separator: "\t", omittingEmptySubsequences: false), header.count == 3,
                header[0] == "site-build-cache", let format = Int(header[1])
            else { return nil }
            var cache = BuildCache(context: String(header[2]))
            cache.format = format
            guard format == formatVersion else { return cache }
            if let expected, cache.context != expected { return nil }
            // The report (3,000 findings at 10,000 documents) is decoded on another thread while
            // the records are read.
            var report: Prefetched<UnchangedBuild.Report?>?
            while true {
                guard let text = line() else { return nil }
                if text == "B" { break }
                let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
                switch fields.first {
                case "I":
                    guard fields.count == 4, let racy = Int64(fields[3]) else { return nil }
                    (cache.inputs, cache.racy) = (String(fields[1]), racy)
                case "V":
                    guard fields.count == 2 else { return nil }
                    cache.surroundings = String(fields[1])
                case "R":
                    guard fields.count == 2 else { return nil }
                    guard readingReport else { continue }
                    let text = String(fields[1])
                    report = Prefetched { Data(base64Encoded: text).flatMap(UnchangedBuild.Report.init(coded:)) }
                default:
                    return nil
                }
            }
            var reader = BinaryReader(bytes, from: position)
            if lazyRecords {
                guard let records = FileRecords(&reader) else { return nil }
                cache.fileRecords = records
            } else {
                guard let fileCount = reader.count() else { return nil }
                cache.files.reserveCapacity(fileCount)
                for _ in 0..<fileCount {
                    guard let path = reader.string(), let file = decodeFile(&reader) else { return nil }
                    cache.files[path] = file
                }
            }
            func strings() -> [String]? { reader.strings() }
            if lazyRecords {
                guard let records = SummaryRecords(&reader) else { return nil }
                cache.summaryRecords = records
            } else {
                guard let urlCount = reader.count() else { return nil }
                var urls: [String] = []
                urls.reserveCapacity(urlCount)
                for _ in 0..<urlCount {
                    guard let url = reader.string() else { return nil }
                    urls.append(url)
                }
                guard let summaryCount = reader.count() else { return nil }
                cache.summaries.reserveCapacity(summaryCount)
                for _ in 0..<summaryCount {
                    guard let path = reader.string(), let ids = strings(), let linkCount = reader.count() else { return nil }
                    var links: [OutputAudit.PageSummary.Link] = []
                    links.reserveCapacity(linkCount)
                    for _ in 0..<linkCount {
                        guard let number = reader.count(), number < urls.count, let line = reader.signed(), let column = reader.signed(),
                            let line = Int(exactly: line), let column = Int(exactly: column)
                        else { return nil }
                        links.append(OutputAudit.PageSummary.Link(url: urls[number], line: line, column: column))
                    }
                    guard let external = strings() else { return nil }
                    cache.summaries[path] = OutputAudit.PageSummary(ids: ids, links: links, external: external)
                }
            }
            guard let viewCount = reader.count() else { return nil }
            cache.views.reserveCapacity(viewCount)
            for _ in 0..<viewCount {
                guard let id = reader.string(), let graph = reader.string(), let body = reader.string() else { return nil }
                cache.views[id] = Pipeline.ViewDigests(graph: graph, body: body)
            }
            guard let broken = strings() else { return nil }
            cache.pagesWithBrokenLinks = Set(broken)
            guard let settings = reader.string(), let treeCount = reader.count() else { return nil }
            cache.settings = settings
            for _ in 0..<treeCount {
                guard let count = reader.count() else { return nil }
                var tree: [(path: String, stamp: FileStamp)] = []
                tree.reserveCapacity(count)
                for _ in 0..<count {
                    guard let path = reader.string(), let size = reader.signed(), let modified = reader.signed() else { return nil }
                    tree.append((path, FileStamp(size: size, modified: modified)))
                }
                cache.trees.append(tree)
            }
            guard let hasSearch = reader.count() else { return nil }
            if hasSearch == 1 {
                guard let shards = reader.signed(), let estimated = reader.signed(), let shardBytes = reader.signed(), let documentBytes = reader.signed(),
                    let urls = strings()
                else { return nil }
                cache.search = SearchIndex.Summary(
                    shards: Int(shards), estimated: Int(estimated), shardBytes: Int(shardBytes), documentBytes: Int(documentBytes), urls: urls)
            }
            guard let feedCount = reader.count() else { return nil }
            for _ in 0..<feedCount {
                guard let id = reader.string(), let paths = strings() else { return nil }
                cache.feeds[id] = paths
            }
            guard let spareCount = reader.count() else { return nil }
            if spareCount > 0 {
                var paths: [String] = []
                for _ in 0..<spareCount - 1 {
                    guard let path = reader.string() else { return nil }
                    paths.append(path)
                }
                cache.spare = paths
            }
            guard let reviewers = strings() else { return nil }
            cache.reviewers = reviewers
            guard reader.isAtEnd else { return nil }
            if let report {
                guard let decoded = report.take(), let decoded else { return nil }
                cache.report = decoded
            }
            return cache
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x1E || byte == 0x1F
    }

    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: needsEscape) else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1E}": out += "\\e"
            case "\u{1F}": out += "\\f"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ value: Substring) -> String {
        guard value.utf8.contains(0x5C) else { return String(value) }
        var out = ""
        var escaping = false
        for scalar in value.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "e": out += "\u{1E}"
                case "f": out += "\u{1F}"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Forgets a build: after a failed build the output is the previous one, which this cache no
    /// longer describes if it was rewritten meanwhile.
    static func remove(folder: URL, output: URL) {
        try? FileManager.default.removeItem(at: url(folder: folder, output: output))
    }

    /// The context digest: the tool (its version and its executable's stamp, so a rebuilt `site`
    /// never reuses pages of another build of the code), the theme's every file, and the settings
    /// of the output audit.
    /// The version and the executable's size and time: another build of `site` may make other output.
    static var tool: String {
        var identity = SiteVersion.current
        if let executable = Bundle.main.executableURL, let stamp = FileStamp(of: executable) {
            identity += ":\(stamp.size):\(stamp.modified)"
        }
        return identity
    }

    static func context(theme: Theme, audit: [String]) -> String {
        var hasher = StableHasher()
        hasher.combine("site-build-cache")
        hasher.combine(tool)
        for template in theme.templates.sorted(by: { $0.name < $1.name }) {
            hasher.combine(template.name)
            hasher.combine(template.text)
        }
        for asset in theme.assets.sorted(by: { $0.path < $1.path }) {
            hasher.combine(asset.path)
            hasher.combine(FileManager.default.contents(atPath: asset.url.path).map { [UInt8]($0) } ?? [])
        }
        for setting in audit { hasher.combine(setting) }
        return hasher.digest
    }
}
