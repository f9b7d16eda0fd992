import Foundation
import SiteContent
import SiteCore
import SiteMarkdown
import SiteRender

/// What the last build learnt of each Markdown file: the document its front matter decoded to and
/// the HTML and text its body rendered to. An edit to one file then costs one decoding and one
/// rendering, not ten thousand.
///
/// The rule that makes reuse safe, as for `BuildCache`: a result is a function of its inputs, and
/// every input is either in the key or checked. The key is the file's bytes (a digest) and the
/// context (the tool, the organisation code, how paths are shown; for bodies also the base path and
/// whether raw HTML is allowed). What a file's results depend on elsewhere in the site — whether an
/// attachment exists, whether a linked document exists and is public — is recorded as the questions
/// asked and the answers given, and a result is reused only if every question gets the same answer
/// now. Results with findings are never kept, so findings are always computed afresh.
///
/// Stored in `.site-cache/documents-<digest of the Content folder>.bin`: a header line, then per
/// file a line of fields and the values it announces: the document (coded), and the body's links,
/// headings and sections (coded), HTML and text (as they are, so a build can read an unchanged
/// body's HTML and text from here when it needs them, without decoding or copying them). Once the
/// bodies are rendered, nothing more is asked of the cache: `finish` writes it to a temporary file
/// and lets go of it (at 100,000 documents it is most of a gigabyte), and `commit` puts that file
/// in place once the build has succeeded.
final class DocumentCache: DecodedDocumentMemo, @unchecked Sendable {
    static let formatVersion = 4

    /// One file's results.
    struct Record: Sendable {
        var digest: String
        /// The file's stamp when it was read, if it was older than the build then (`racy`): a file
        /// that still has it need not be read again.
        var stamp: FileStamp?
        /// The key of the source-check context (`sourceKey`) in which the file's text was checked
        /// without findings and without reading an attachment: its text need not be checked again.
        var sourceClean: String?
        var askedFiles: [(path: String, exists: Bool)]
        /// The `Document`, without its text (`Document.replacingSource`).
        var document: Stored<Document>
        /// The body's results, once rendered without findings.
        var body: Body?
    }

    struct Body: Sendable {
        /// What rendering asked of the site's link targets, as `LinkQuestion`s with their answers.
        var asked: [LinkQuestion]
        var meta: Stored<BodyMeta>
        var html: KeptText
        var text: KeptText
    }

    /// A body's HTML or text: as this build made it, where this build spilled it, or where the
    /// last build's file has it.
    enum KeptText: Sendable {
        case value(String)
        case spilled(TextSpill, TextSpill.Ref)
        case region(CacheFile.Region)

        /// The text's UTF-8 bytes; nil if they cannot be read.
        var bytes: Data? {
            switch self {
            case .value(let text): Data(text.utf8)
            case .spilled(let spill, let ref): spill.get(ref).map { Data($0.utf8) }
            case .region(let region): region.bytes
            }
        }
    }

    /// A value as this build made it, or as the last build wrote it (`CompactCoder`'s form). This
    /// build's values are coded only when the cache is written: until then they share their text
    /// with the build's own copies, where coded copies would double the memory.
    enum Stored<Value: Codable & Sendable>: Sendable {
        case value(Value)
        /// Coded, in the last build's file (read when asked).
        case coded(CacheFile.Region)

        func decoded() -> Value? {
            switch self {
            case .value(let value): value
            case .coded(let region): region.bytes.flatMap { try? CompactCoder.decode(Value.self, from: $0) }
            }
        }

        func coded() -> Data? {
            switch self {
            case .value(let value): try? CompactCoder.encode(value)
            case .coded(let region): region.bytes
            }
        }
    }

    /// A question a body's rendering asked about a link target, with the answer it got.
    enum LinkQuestion: Equatable, Sendable {
        case document(DocumentID, exists: Bool, isPublic: Bool)
        case file(String, exists: Bool)
    }

    /// What a body comes with besides its HTML and text: the links and headings the site's graph
    /// reads, an annual report's sections, and what the search index must know of the text
    /// before it reads it (`IndexedText`).
    struct BodyMeta: Codable, Sendable {
        var links: [LinkReference]
        var headings: [Heading]
        var parts: [Part]?
        var textDigest: String
        var textScalars: Int
        /// Of the HTML and the sections (`Pipeline.bodyDigest`).
        var htmlDigest: String

        struct Part: Codable, Sendable {
            var section: Int?
            var html: String
        }
    }

    /// A kept body, as the pipeline takes it.
    struct KeptBody {
        var meta: BodyMeta
        var html: KeptText
        var text: KeptText
    }

    private let lock = NSLock()
    let file: URL
    /// Where `finish` writes, when this build saves the cache; removed unless committed.
    private let temporary: URL?
    private var finished = false
    /// Whether `finish` made the cache folder, which an uncommitted build then removes.
    private var createdFolder = false
    /// `finish`'s writing, which `commit` and `deinit` wait for.
    private let writing = DispatchGroup()
    /// The tool that wrote the cache: another build of `site` may decode differently.
    private let tool: String
    private var previous: [String: Record]
    private var previousContext = ["", ""]
    /// The last build's file, being decoded; `previous` holds it once `previousRead`.
    private let reading: Prefetched<(context: [String], records: [String: Record])?>?
    private var previousRead = false
    private var next: [String: Record] = [:]
    /// Of the coded documents this build took from the last file, by file (`documentDigest`).
    private var documentDigests: [String: String] = [:]
    /// Files whose document was reused from `previous` (their bodies may be too).
    private var reusedDocuments: Set<String> = []
    /// Files whose document was reused without reading the file (`unreadDocument`).
    private var unreadDocuments: Set<String> = []
    /// Stamps of files changed since are not recorded (`UnchangedBuild.racyCutoff`).
    private let racy: Int64
    /// This build's day, and whether it is a preview: part of the source-check context (they decide
    /// which documents are public, and the checks look at public ones).
    private let asOf: CalendarDate
    private let preview: Bool
    /// The source-check context of this build: the day, the preview, the numbers site.yaml allows.
    private var sourceKey = ""
    private(set) var reusedBodies = 0
    /// How many documents this build took from the cache rather than decoding them.
    var reusedDocumentCount: Int { lock.withLock { reusedDocuments.count } }
    /// How many of those it took without reading their files.
    var unreadDocumentCount: Int { lock.withLock { unreadDocuments.count } }

    /// The cache kept for the Content folder `source` (empty when there is none or it is unusable).
    init(
        folder: URL, source: URL, tool: String, asOf: CalendarDate, preview: Bool = false, readingPrevious: Bool = true, saving: Bool = true
    ) {
        racy = UnchangedBuild.racyCutoff()
        self.asOf = asOf
        self.preview = preview
        file = folder.appendingPathComponent("documents-\(String(StableHasher.digest(of: Array(source.standardizedFileURL.path.utf8)).prefix(16))).bin")
        // Unique within the process too: `site serve` builds again and again.
        temporary = saving ? file.appendingPathExtension("tmp-\(getpid())-\(UUID().uuidString.prefix(8))") : nil
        self.tool = tool
        previous = [:]
        // Its record lines are read on another thread while the loader lists the folder (`prepare`
        // waits); each coded value is read from the file when it is decoded (`CacheFile`).
        let file = file
        reading = readingPrevious ? Prefetched { CacheFile(file).flatMap { Self.decode($0, tool: tool) } } : nil
    }

    /// The last build's records, once decoded: called before anything reads `previous`.
    /// The first caller waits for them under the lock, so no other caller can find them missing.
    private func awaitPrevious() {
        lock.withLock {
            guard let reading, !previousRead else { return }
            previousRead = true
            // Taken: the records go once the next cache is written.
            if let decoded = reading.take() ?? nil { (previousContext, previous) = decoded }
        }
    }

    // MARK: Documents

    func prepare(context: [String], configuration: SiteConfiguration?) {
        awaitPrevious()
        let key = Self.contextKey(context)
        let source = Self.contextKey(["\(asOf)", "\(preview)"] + (configuration?.allowedNumbers ?? []).sorted())
        lock.withLock {
            if previousContext[0] != key { previous = [:] }
            previousContext[0] = key
            sourceKey = source
        }
    }

    func unreadDocument(contentPath: String, stamp: FileStamp, fileExists: (String) -> Bool) -> Document? {
        guard let record = lock.withLock({ previous[contentPath] }), record.stamp == stamp, record.body != nil,
            record.sourceClean == lock.withLock({ sourceKey })
        else { return nil }
        return reuse(record, contentPath: contentPath, fileExists: fileExists, unread: true)
    }

    func document(contentPath: String, digest: String, stamp: FileStamp?, fileExists: (String) -> Bool) -> Document? {
        guard var record = lock.withLock({ previous[contentPath] }), record.digest == digest else { return nil }
        record.stamp = trusted(stamp)
        return reuse(record, contentPath: contentPath, fileExists: fileExists, unread: false)
    }

    /// The last build's document of a file, carried into this build's cache, if every file its
    /// decoding asked about still does or does not exist as it did.
    private func reuse(_ record: Record, contentPath: String, fileExists: (String) -> Bool, unread: Bool) -> Document? {
        guard record.askedFiles.allSatisfy({ fileExists($0.path) == $0.exists }), case .coded(let region) = record.document,
            let bytes = region.bytes, let document = try? CompactCoder.decode(Document.self, from: bytes)
        else { return nil }
        let digest = Self.digest(ofCoded: bytes)
        lock.withLock {
            next[contentPath] = record
            reusedDocuments.insert(contentPath)
            documentDigests[contentPath] = digest
            if unread { unreadDocuments.insert(contentPath) }
        }
        return document
    }

    /// The digest of a document's coded form as the cache keeps it (`digest(of:)`), when this
    /// build took the document from the last file.
    func documentDigest(_ contentPath: String) -> String? { lock.withLock { documentDigests[contentPath] } }

    /// The digest of a document as the cache keeps it: coded, without its text, unscheduled (no
    /// `hold`). Nil if the coder refuses it.
    static func digest(of document: Document) -> String? {
        var kept = document.replacingSource(frontMatter: "", body: "")
        kept.hold = nil
        kept.previewHold = nil
        return (try? CompactCoder.encode(kept)).map(digest(ofCoded:))
    }

    static func digest(ofCoded bytes: Data) -> String {
        var hasher = StableHasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.digest
    }

    func remember(_ document: Document, contentPath: String, digest: String, stamp: FileStamp?, askedFiles: [(path: String, exists: Bool)]) {
        let record = Record(digest: digest, stamp: trusted(stamp), askedFiles: askedFiles, document: .value(document), body: nil)
        lock.withLock { next[contentPath] = record }
    }

    private func trusted(_ stamp: FileStamp?) -> FileStamp? {
        guard let stamp, stamp.modified < racy else { return nil }
        return stamp
    }

    /// Whether the document of this file was given without reading the file: its source checks
    /// are skipped (they found nothing in this text), and its text is read only if its body
    /// must be rendered again after all (`digest` is what the text must hash to).
    func isUnread(_ contentPath: String) -> Bool { lock.withLock { unreadDocuments.contains(contentPath) } }

    func digest(_ contentPath: String) -> String? { lock.withLock { next[contentPath]?.digest } }

    /// Notes that the source checks found nothing in this file's text, and read no attachment.
    func rememberSourceClean(_ contentPath: String) {
        lock.withLock { next[contentPath]?.sourceClean = sourceKey }
    }

    // MARK: Bodies

    /// Forgets every kept body when their context (base path, raw HTML) differs.
    func prepareBodies(context: [String]) {
        awaitPrevious()
        let key = Self.contextKey(context)
        lock.withLock {
            if previousContext[1] != key {
                for path in Array(next.keys) { next[path]?.body = nil }
                for path in Array(previous.keys) { previous[path]?.body = nil }
            }
            previousContext[1] = key
        }
    }

    /// Whether a body of the last build is kept for a document of this one (`body(contentPath:targets:)`
    /// may give it): call it after `prepareBodies`.
    var keepsBodies: Bool {
        lock.withLock { reusedDocuments.contains { next[$0]?.body != nil } }
    }

    /// The body kept for a file whose document was reused, if every question its rendering asked
    /// gets the same answer from `targets` now. Its HTML and text are not read.
    func body(contentPath: String, targets: any LinkTargets) -> KeptBody? {
        guard let body = lock.withLock({ reusedDocuments.contains(contentPath) ? next[contentPath]?.body : nil }),
            body.asked.allSatisfy({ question in
                switch question {
                case .document(let id, let exists, let isPublic):
                    let answer = targets.document(id)
                    return answer.exists == exists && answer.isPublic == isPublic
                case .file(let path, let exists):
                    return targets.fileExists(path) == exists
                }
            }),
            let meta = body.meta.decoded()
        else { return nil }
        lock.withLock { reusedBodies += 1 }
        return KeptBody(meta: meta, html: body.html, text: body.text)
    }

    /// Keeps a body rendered without findings, for a file whose document is kept.
    func remember(_ meta: BodyMeta, html: KeptText, text: KeptText, contentPath: String, asked: [LinkQuestion]) {
        lock.withLock { next[contentPath]?.body = Body(asked: asked, meta: .value(meta), html: html, text: text) }
    }

    // MARK: The file

    /// Writes what this build kept to the temporary file (files that are gone are forgotten) on
    /// another thread, while the build goes on, and lets go of every record: called once the
    /// bodies are rendered. A cache that cannot be written only costs speed next time.
    func finish() {
        awaitPrevious()
        let (records, context) = lock.withLock {
            finished = true
            defer {
                next = [:]
                previous = [:]
            }
            return (next, previousContext)
        }
        guard let temporary else { return }
        // A build that fails leaves no trace: a folder made here goes with the file (`deinit`).
        let folder = file.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            createdFolder = (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
        }
        // The writing holds what it needs, not the cache: the cache's `deinit` (which removes an
        // uncommitted file) then runs where the build lets go of it, never late on this thread.
        let (file, tool) = (file, tool)
        writing.enter()
        DispatchQueue.global().async { [writing] in
            Self.write(records, context: context, tool: tool, to: temporary, beside: file)
            writing.leave()
        }
    }

    private static func write(_ records: [String: Record], context: [String], tool: String, to temporary: URL, beside file: URL) {
        let written = BufferedOutput.write(temporary.path) { output in
            output.append(Data("site-document-cache\t\(formatVersion)\t\(BuildCache.escape(tool))\t\(context[0])\t\(context[1])\n".utf8))
            // Coded on all cores, a batch at a time, so only one batch's coded bytes are held at once.
            let sorted = records.sorted { $0.key < $1.key }
            let batch = 64 * max(1, ProcessInfo.processInfo.activeProcessorCount)
            for start in stride(from: 0, to: sorted.count, by: batch) {
                let lines = sorted[start..<min(start + batch, sorted.count)].map { $0 }.concurrentMap { path, record -> Data in
                    line(path: path, record: record) ?? Data()
                }
                for line in lines { output.append(line) }
            }
        }
        if !written { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Removes the last build's file, found damaged, and this build's, which carried records of it.
    func discard() {
        writing.wait()
        lock.withLock { finished = false }
        unlink(file.path)
    }

    /// Puts the file `finish` wrote in place of the last build's, and removes temporary files
    /// that killed builds left.
    func commit() {
        writing.wait()
        guard let temporary, lock.withLock({ finished }) else { return }
        createdFolder = false
        if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        BufferedOutput.removeStrayTemporaries(of: file)
    }

    deinit {
        // Not committed (a failed build, or `analyse` alone): the temporary file goes.
        writing.wait()
        if let temporary { unlink(temporary.path) }
        if createdFolder { rmdir(file.deletingLastPathComponent().path) }  // only if still empty
    }

    /// One record as the file holds it: its line of fields, its document, and its body's values.
    /// Nil when the coder refused one of them or a text could not be read: that file is decoded
    /// again next time.
    static func line(path: String, record: Record) -> Data? {
        var values: Data
        var counts: [Int]
        if let whole = unchangedValues(of: record) {
            // A record carried over whole: its values, one after another in the last file, read at once.
            (values, counts) = (whole.bytes ?? Data(), whole.counts)
            guard values.count == counts.reduce(0, +) else { return nil }
        } else {
            guard let document = record.document.coded() else { return nil }
            var body: [Data] = [Data(), Data(), Data()]
            if let kept = record.body {
                guard let meta = kept.meta.coded(), let html = kept.html.bytes, let text = kept.text.bytes else { return nil }
                body = [meta, html, text]
            }
            counts = [document.count] + body.map(\.count)
            values = body.reduce(document, +)
        }
        let files = record.askedFiles.map { BuildCache.escape($0.path) + ($0.exists ? "\u{1E}1" : "\u{1E}0") }.joined(separator: "\u{1F}")
        let links = (record.body?.asked ?? []).map { question -> String in
            switch question {
            case .document(let id, let exists, let isPublic):
                return "d" + BuildCache.escape(id.rawValue) + "\u{1E}" + (exists ? "1" : "0") + (isPublic ? "1" : "0")
            case .file(let path, let exists):
                return "f" + BuildCache.escape(path) + "\u{1E}" + (exists ? "1" : "0")
            }
        }.joined(separator: "\u{1F}")
        let stamp = record.stamp.map { "\($0.size):\($0.modified)" } ?? "-"
        var line = Data(
            ("R\t\(BuildCache.escape(path))\t\(record.digest)\t\(stamp)\t\(record.sourceClean ?? "-")\t\(files)\t"
                + "\(record.body == nil ? "-" : links)\t\(counts.map(String.init).joined(separator: "\t"))\n").utf8)
        line += values
        return line
    }

    /// Where the last file has a record's four values (document, body's coded part, HTML, text),
    /// when they are all still those, one after another.
    private static func unchangedValues(of record: Record) -> (bytes: Data?, counts: [Int])? {
        guard case .coded(let document) = record.document, let body = record.body, case .coded(let meta) = body.meta,
            case .region(let html) = body.html, case .region(let text) = body.text
        else { return nil }
        let regions = [document, meta, html, text]
        for (region, next) in zip(regions, regions.dropFirst()) where next.file !== region.file || next.offset != region.offset + region.count {
            return nil
        }
        return (document.file.read(offset: document.offset, count: regions.map(\.count).reduce(0, +)), regions.map(\.count))
    }

    static func contextKey(_ parts: [String]) -> String {
        var hasher = StableHasher()
        for part in parts { hasher.combine(part) }
        return hasher.digest
    }

    /// The records of a cache file written by this tool, or nil (of a file another build of `site`
    /// wrote, only the header line is looked at).
    static func decode(_ file: CacheFile, tool: String) -> (context: [String], records: [String: Record])? {
        var lines = CacheFile.Lines(file)
        // Split as bytes (tabs and separators are ASCII): splitting by Characters took most of the time.
        func line() -> [Substring]? {
            lines.next().map { $0.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) } }
        }
        guard let header = line(), header.count == 5, header[0] == "site-document-cache", header[1] == "\(formatVersion)",
            BuildCache.unescape(header[2]) == tool
        else { return nil }
        var records: [String: Record] = [:]
        func list(_ field: Substring) -> [[Substring]] {
            field.isEmpty ? [] : field.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map {
                $0.split(separator: 0x1E, omittingEmptySubsequences: false).map { Substring($0) }
            }
        }
        while !lines.atEnd {
            guard var fields = line(), fields.count == 11, fields[0] == "R", let documentLength = Int(fields[7]),
                let metaLength = Int(fields[8]), let htmlLength = Int(fields[9]), let textLength = Int(fields[10]),
                documentLength >= 0, metaLength >= 0, htmlLength >= 0, textLength >= 0,
                lines.position + documentLength + metaLength + htmlLength + textLength <= file.size
            else { return nil }
            var stamp: FileStamp?
            if fields[3] != "-" {
                let parts = fields[3].split(separator: ":")
                guard parts.count == 2, let size = Int64(parts[0]), let modified = Int64(parts[1]) else { return nil }
                stamp = FileStamp(size: size, modified: modified)
            }
            let sourceClean = fields[4] == "-" ? nil : String(fields[4])
            fields.removeSubrange(3...4)
            var askedFiles: [(path: String, exists: Bool)] = []
            for pair in list(fields[3]) {
                guard pair.count == 2 else { return nil }
                askedFiles.append((BuildCache.unescape(pair[0]), pair[1] == "1"))
            }
            let document = lines.skip(documentLength)
            let (meta, html, text) = (lines.skip(metaLength), lines.skip(htmlLength), lines.skip(textLength))
            var body: Body?
            if fields[4] != "-" {
                var asked: [LinkQuestion] = []
                for pair in list(fields[4]) {
                    guard pair.count == 2, let kind = pair[0].first else { return nil }
                    let name = BuildCache.unescape(pair[0].dropFirst())
                    let answer = Array(pair[1])
                    switch (kind, answer.count) {
                    case ("d", 2): asked.append(.document(DocumentID(name), exists: answer[0] == "1", isPublic: answer[1] == "1"))
                    case ("f", 1): asked.append(.file(name, exists: answer[0] == "1"))
                    default: return nil
                    }
                }
                body = Body(asked: asked, meta: .coded(meta), html: .region(html), text: .region(text))
            }
            records[BuildCache.unescape(fields[1])] = Record(
                digest: String(fields[2]), stamp: stamp, sourceClean: sourceClean, askedFiles: askedFiles, document: .coded(document),
                body: body)
        }
        return ([String(header[3]), String(header[4])], records)
    }
}

/// One flat list of plain values, read back without a container per link and per location: the
/// synthesised form cost a build that changed one document of 10,000 a fifth of a second.
extension DocumentCache.BodyMeta {
    init(from decoder: any Decoder) throws {
        var list = try decoder.unkeyedContainer()
        func string() throws -> String { try list.decode(String.self) }
        func int() throws -> Int { try list.decode(Int.self) }
        func bool() throws -> Bool { try list.decode(Bool.self) }
        func count() throws -> Int {
            let count = try int()
            guard count >= 0 else { throw CompactCoder.Unsupported(what: "a count of \(count)") }
            return count
        }
        links = try (0..<count()).map { _ in
            let destination = try string()
            let kind = try int()
            let name = try string()
            let target: LinkReference.Target
            switch kind {
            case 0: target = .document(DocumentID(name), fragment: try bool() ? try string() : nil)
            case 1: target = .file(contentPath: name)
            case 2: target = .external(name)
            case 3: target = .fragment(name)
            case 4: target = .missing(contentPath: name)
            case 5: target = .outside(name)
            case 6: target = .localFile(name)
            case 7: target = .unsafe(name)
            default: throw CompactCoder.Unsupported(what: "link target \(kind)")
            }
            let isImage = try bool()
            return LinkReference(
                destination: destination, target: target, isImage: isImage,
                location: SourceLocation(path: try string(), line: try int(), column: try int()))
        }
        headings = try (0..<count()).map { _ in Heading(level: try int(), text: try string(), id: try string()) }
        parts = try bool() ? try (0..<count()).map { _ in Part(section: try bool() ? try int() : nil, html: try string()) } : nil
        textDigest = try string()
        textScalars = try int()
        htmlDigest = try string()
    }

    func encode(to encoder: any Encoder) throws {
        var list = encoder.unkeyedContainer()
        try list.encode(links.count)
        for link in links {
            try list.encode(link.destination)
            switch link.target {
            case .document(let id, let fragment):
                try list.encode(0)
                try list.encode(id.rawValue)
                try list.encode(fragment != nil)
                if let fragment { try list.encode(fragment) }
            case .file(let path): try list.encode(1); try list.encode(path)
            case .external(let url): try list.encode(2); try list.encode(url)
            case .fragment(let fragment): try list.encode(3); try list.encode(fragment)
            case .missing(let path): try list.encode(4); try list.encode(path)
            case .outside(let path): try list.encode(5); try list.encode(path)
            case .localFile(let path): try list.encode(6); try list.encode(path)
            case .unsafe(let url): try list.encode(7); try list.encode(url)
            }
            try list.encode(link.isImage)
            try list.encode(link.location.path)
            try list.encode(link.location.line)
            try list.encode(link.location.column)
        }
        try list.encode(headings.count)
        for heading in headings {
            try list.encode(heading.level)
            try list.encode(heading.text)
            try list.encode(heading.id)
        }
        try list.encode(parts != nil)
        if let parts {
            try list.encode(parts.count)
            for part in parts {
                try list.encode(part.section != nil)
                if let section = part.section { try list.encode(section) }
                try list.encode(part.html)
            }
        }
        try list.encode(textDigest)
        try list.encode(textScalars)
        try list.encode(htmlDigest)
    }
}

extension CacheFile: SpillSource {
    var spillDescriptor: Int32 { descriptor }
}

/// Link targets that note every question asked of them, for `DocumentCache`. Used by one thread.
final class RecordingLinkTargets: LinkTargets, @unchecked Sendable {
    let targets: any LinkTargets
    private(set) var asked: [DocumentCache.LinkQuestion] = []

    init(_ targets: any LinkTargets) { self.targets = targets }

    var basePath: String { targets.basePath }

    func document(_ id: DocumentID) -> (exists: Bool, isPublic: Bool) {
        let answer = targets.document(id)
        asked.append(.document(id, exists: answer.exists, isPublic: answer.isPublic))
        return answer
    }

    func fileExists(_ contentPath: String) -> Bool {
        let exists = targets.fileExists(contentPath)
        asked.append(.file(contentPath, exists: exists))
        return exists
    }
}
