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
/// file a line of fields and the two coded values it announces (the document, the body).
final class DocumentCache: DecodedDocumentMemo, @unchecked Sendable {
    static let formatVersion = 1

    /// One file's results.
    struct Record {
        var digest: String
        var askedFiles: [(path: String, exists: Bool)]
        /// The `Document` in `CompactCoder`'s form.
        var document: Data
        /// The body's results, once rendered without findings.
        var body: Body?
    }

    struct Body {
        /// What rendering asked of the site's link targets, as `LinkQuestion`s with their answers.
        var asked: [LinkQuestion]
        /// The `CachedBody` in `CompactCoder`'s form.
        var json: Data
    }

    /// A question a body's rendering asked about a link target, with the answer it got.
    enum LinkQuestion: Equatable {
        case document(DocumentID, exists: Bool, isPublic: Bool)
        case file(String, exists: Bool)
    }

    /// A body as the pipeline uses it: `RenderedBody` without its findings (there are none), and
    /// an annual report's sections.
    struct CachedBody: Codable {
        var html: String
        var text: String
        var links: [LinkReference]
        var headings: [Heading]
        var parts: [Part]?

        struct Part: Codable {
            var section: Int?
            var html: String
        }
    }

    private let lock = NSLock()
    private let file: URL
    /// The tool that wrote the cache: another build of `site` may decode differently.
    private let tool: String
    private var previous: [String: Record]
    private var previousContext = ["", ""]
    private var next: [String: Record] = [:]
    /// Files whose document was reused from `previous` (their bodies may be too).
    private var reusedDocuments: Set<String> = []
    private(set) var reusedBodies = 0
    /// How many documents this build took from the cache rather than decoding them.
    var reusedDocumentCount: Int { lock.withLock { reusedDocuments.count } }

    /// The cache kept for the Content folder `source` (empty when there is none or it is unusable).
    init(folder: URL, source: URL, tool: String, readingPrevious: Bool = true) {
        file = folder.appendingPathComponent("documents-\(String(StableHasher.digest(of: Array(source.standardizedFileURL.path.utf8)).prefix(16))).bin")
        self.tool = tool
        previous = [:]
        if readingPrevious, let data = FileManager.default.contents(atPath: file.path), let (context, records) = Self.decode(data, tool: tool) {
            previousContext = context
            previous = records
        }
    }

    // MARK: Documents

    func prepare(context: [String]) {
        let key = Self.contextKey(context)
        lock.withLock {
            if previousContext[0] != key { previous = [:] }
            previousContext[0] = key
        }
    }

    func document(contentPath: String, digest: String, fileExists: (String) -> Bool) -> Document? {
        guard let record = lock.withLock({ previous[contentPath] }), record.digest == digest,
            record.askedFiles.allSatisfy({ fileExists($0.path) == $0.exists }),
            let document = try? CompactCoder.decode(Document.self, from: record.document)
        else { return nil }
        lock.withLock {
            next[contentPath] = record
            reusedDocuments.insert(contentPath)
        }
        return document
    }

    func remember(_ document: Document, contentPath: String, digest: String, askedFiles: [(path: String, exists: Bool)]) {
        guard let json = try? CompactCoder.encode(document) else { return }
        lock.withLock { next[contentPath] = Record(digest: digest, askedFiles: askedFiles, document: json, body: nil) }
    }

    // MARK: Bodies

    /// Forgets every kept body when their context (base path, raw HTML) differs.
    func prepareBodies(context: [String]) {
        let key = Self.contextKey(context)
        lock.withLock {
            if previousContext[1] != key {
                for path in Array(next.keys) { next[path]?.body = nil }
                for path in Array(previous.keys) { previous[path]?.body = nil }
            }
            previousContext[1] = key
        }
    }

    /// The body kept for a file whose document was reused, if every question its rendering asked
    /// gets the same answer from `targets` now.
    func body(contentPath: String, targets: any LinkTargets) -> CachedBody? {
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
            let cached = try? CompactCoder.decode(CachedBody.self, from: body.json)
        else { return nil }
        lock.withLock { reusedBodies += 1 }
        return cached
    }

    /// Keeps a body rendered without findings, for a file whose document is kept.
    func remember(_ body: CachedBody, contentPath: String, asked: [LinkQuestion]) {
        guard let json = try? CompactCoder.encode(body) else { return }
        lock.withLock { next[contentPath]?.body = Body(asked: asked, json: json) }
    }

    // MARK: The file

    /// Writes what this build kept; files that are gone are forgotten. A cache that cannot be
    /// written only costs speed next time.
    func save() {
        let (records, context) = lock.withLock { (next, previousContext) }
        var out = Data("site-document-cache\t\(Self.formatVersion)\t\(BuildCache.escape(tool))\t\(context[0])\t\(context[1])\n".utf8)
        for (path, record) in records.sorted(by: { $0.key < $1.key }) {
            let files = record.askedFiles.map { BuildCache.escape($0.path) + ($0.exists ? "\u{1E}1" : "\u{1E}0") }.joined(separator: "\u{1F}")
            let links = (record.body?.asked ?? []).map { question -> String in
                switch question {
                case .document(let id, let exists, let isPublic):
                    return "d" + BuildCache.escape(id.rawValue) + "\u{1E}" + (exists ? "1" : "0") + (isPublic ? "1" : "0")
                case .file(let path, let exists):
                    return "f" + BuildCache.escape(path) + "\u{1E}" + (exists ? "1" : "0")
                }
            }.joined(separator: "\u{1F}")
            let body = record.body?.json ?? Data()
            out += Data("R\t\(BuildCache.escape(path))\t\(record.digest)\t\(files)\t\(record.body == nil ? "-" : links)\t\(record.document.count)\t\(body.count)\n".utf8)
            out += record.document
            out += body
        }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = file.appendingPathExtension("tmp-\(getpid())")
        guard (try? out.write(to: temporary)) != nil else { return }
        if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    static func contextKey(_ parts: [String]) -> String {
        var hasher = StableHasher()
        for part in parts { hasher.combine(part) }
        return hasher.digest
    }

    /// The records of a cache file written by this tool, or nil.
    static func decode(_ data: Data, tool: String) -> (context: [String], records: [String: Record])? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (context: [String], records: [String: Record])? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var position = 0
            func line() -> [Substring]? {
                guard let end = bytes[position...].firstIndex(of: 0x0A) else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
                position = end + 1
                return text.split(separator: "\t", omittingEmptySubsequences: false)
            }
            guard let header = line(), header.count == 5, header[0] == "site-document-cache", header[1] == "\(formatVersion)",
                BuildCache.unescape(header[2]) == tool
            else { return nil }
            var records: [String: Record] = [:]
            func list(_ field: Substring) -> [[Substring]] {
                field.isEmpty ? [] : field.split(separator: "\u{1F}", omittingEmptySubsequences: false).map {
                    $0.split(separator: "\u{1E}", omittingEmptySubsequences: false)
                }
            }
            while position < bytes.count {
                guard let fields = line(), fields.count == 7, fields[0] == "R", let documentLength = Int(fields[5]),
                    let bodyLength = Int(fields[6]), position + documentLength + bodyLength <= bytes.count
                else { return nil }
                var askedFiles: [(path: String, exists: Bool)] = []
                for pair in list(fields[3]) {
                    guard pair.count == 2 else { return nil }
                    askedFiles.append((BuildCache.unescape(pair[0]), pair[1] == "1"))
                }
                let document = Data(UnsafeBufferPointer(rebasing: bytes[position..<(position + documentLength)]))
                position += documentLength
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
                    body = Body(asked: asked, json: Data(UnsafeBufferPointer(rebasing: bytes[position..<(position + bodyLength)])))
                }
                position += bodyLength
                records[BuildCache.unescape(fields[1])] = Record(
                    digest: String(fields[2]), askedFiles: askedFiles, document: document, body: body)
            }
            return ([String(header[3]), String(header[4])], records)
        }
    }
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
