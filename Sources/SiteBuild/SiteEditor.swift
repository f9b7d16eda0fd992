import Foundation
import SiteContent
import SiteCore

/// The editor's commands that change `Content/`: `site new` and `site lock`. They are the only code
/// that writes into the source folder, and they only add: a new file, a line in a front matter,
/// lines in the 索引号 ledger.
public struct SiteEditor: Sendable {
    public let options: BuildOptions
    public let asOf: CalendarDate

    public init(options: BuildOptions, asOf: CalendarDate) {
        self.options = options
        self.asOf = asOf
    }

    public enum EditError: Error, Equatable, CustomStringConvertible {
        case exists(String)
        case unusableContent(String)
        case unknownAgency(String)
        case unknownSection(String)
        case badPath(String)
        case write(String)

        public var description: String {
            switch self {
            case .exists(let path): "error: '\(path)' already exists"
            case .unusableContent(let why): "error: \(why)"
            case .unknownAgency(let id): "error: agency '\(id)' is not defined in agencies.yaml"
            case .unknownSection(let id): "error: catalog section '\(id)' is not defined in catalog.yaml"
            case .badPath(let path): "error: '\(path)' is not a path inside the content folder"
            case .write(let why): "error: \(why)"
            }
        }
    }

    /// What `site new` did.
    public struct NewDocument: Sendable {
        public let path: String
        public let indexNumber: IndexNumber?
    }

    /// Writes a new document of `kind` at `path` (under Content/, `.md` optional) with its required
    /// front matter, today's dates and the next free 索引号, and records the 索引号 in the ledger.
    public func newDocument(
        kind: DocumentKind, path: String, title: String?, issuer: String?, catalog: [String]
    ) throws -> NewDocument {
        let content = try load()
        guard let configuration = content.configuration else {
            throw EditError.unusableContent("site.yaml is missing or invalid; run 'site check' first")
        }
        var relative = path.hasSuffix(".md") ? path : path + ".md"
        if relative.hasPrefix(options.sourceDisplay + "/") { relative.removeFirst(options.sourceDisplay.count + 1) }
        guard let contentPath = ContentPath.resolve(relative, relativeTo: "") else { throw EditError.badPath(path) }
        let file = options.source.appendingPathComponent(contentPath)
        guard !FileManager.default.fileExists(atPath: file.path) else { throw EditError.exists("\(options.sourceDisplay)/\(contentPath)") }

        let issuerID = issuer ?? content.agencies.first { $0.level == .countyOffice }?.id ?? content.agencies.first?.id ?? "xzfb"
        guard issuer == nil || content.agencies.contains(where: { $0.id == issuerID }) else { throw EditError.unknownAgency(issuerID) }
        let sections = catalog.isEmpty ? DocumentScaffold.defaultSection(for: kind, in: content.catalog).map { [$0] } ?? [] : catalog
        let known = Set(content.catalog.flatMap(\.flattened).map(\.id))
        if let unknown = sections.first(where: { !known.contains($0) }) { throw EditError.unknownSection(unknown) }

        var ledger = content.ledger ?? IndexNumberLedger()
        var number: IndexNumber?
        if kind.isCatalogEntry {
            let prefix = content.agencies.first { $0.id == issuerID }?.orgCode ?? configuration.organizationCode
            number = ledger.next(prefix: prefix, year: asOf.year, documents: content.documents)
            ledger.record(number!, for: DocumentID(String(contentPath.dropLast(3))))
        }
        let scaffold = DocumentScaffold(
            kind: kind, title: title ?? "（请填写标题）", issuer: issuerID, indexNumber: number, date: asOf, catalog: sections)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(scaffold.text.utf8).write(to: file, options: .withoutOverwriting)
            if number != nil { try writeLedger(ledger) }
        } catch {
            throw EditError.write("cannot write '\(contentPath)': \(error.localizedDescription)")
        }
        return NewDocument(path: "\(options.sourceDisplay)/\(contentPath)", indexNumber: number)
    }

    /// What `site lock` did.
    public struct LockReport: Sendable {
        /// Documents that had no 索引号 and got one: (file, 索引号). A document the ledger already
        /// names gets the number recorded for it.
        public let assigned: [(path: String, indexNumber: IndexNumber)]
        /// 索引号 newly written to the ledger.
        public let recorded: Int
    }

    /// Gives every catalog entry without a 索引号 the next free one (in the year of its 发布日期) and
    /// records every document's 索引号 in the ledger. Never changes a recorded line or a 索引号 a
    /// document already has.
    public func lock() throws -> LockReport {
        let content = try load()
        guard let configuration = content.configuration else {
            throw EditError.unusableContent("site.yaml is missing or invalid; run 'site check' first")
        }
        var ledger = content.ledger ?? IndexNumberLedger()
        var assigned: [(String, IndexNumber)] = []
        var restored = 0
        for document in content.documents {
            guard document.kind.isCatalogEntry, document.indexNumber == nil, !document.keys.contains("index_number") else { continue }
            // A document the ledger knows gets its own number back: a published 索引号 never changes.
            if let recorded = ledger.entry(for: document.id) {
                try insertIndexNumber(recorded.indexNumber, into: document)
                assigned.append((document.path, recorded.indexNumber))
                restored += 1
                continue
            }
            let prefix = document.issuers.first.flatMap { id in content.agencies.first { $0.id == id.value }?.orgCode }
                ?? configuration.organizationCode
            let year = document.published?.value.year ?? asOf.year
            // The ledger holds the numbers assigned in this run too, so `next` never repeats one.
            let number = ledger.next(prefix: prefix, year: year, documents: content.documents)
            try insertIndexNumber(number, into: document)
            ledger.record(number, for: document.id)
            assigned.append((document.path, number))
        }
        let before = ledger.entries.count
        for document in content.documents {
            guard let number = document.indexNumber?.value, ledger.entry(for: document.id) == nil, ledger.entry(for: number) == nil else { continue }
            ledger.record(number, for: document.id)
        }
        let recorded = ledger.entries.count - before + assigned.count - restored
        if recorded > 0 || content.ledger == nil {
            do { try writeLedger(ledger) } catch { throw EditError.write("cannot write the ledger: \(error.localizedDescription)") }
        }
        return LockReport(assigned: assigned, recorded: recorded)
    }

    // MARK: Files

    private func load() throws -> LoadedContent {
        try ContentLoader(folder: options.source, displayPrefix: options.sourceDisplay).load()
    }

    private func writeLedger(_ ledger: IndexNumberLedger) throws {
        try Data(ledger.text.utf8).write(to: options.source.appendingPathComponent(IndexNumberLedger.fileName), options: .atomic)
    }

    /// Adds `index_number: …` as the last line of the document's front matter, keeping the rest of
    /// the file byte for byte (its line endings included).
    private func insertIndexNumber(_ number: IndexNumber, into document: Document) throws {
        let relative = String(document.path.dropFirst(options.sourceDisplay.count + 1))
        let url = options.source.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw EditError.write("cannot read '\(document.path)'") }
        var bytes = [UInt8](data)
        let newline: [UInt8] = bytes.contains(UInt8(ascii: "\r")) ? [13, 10] : [10]
        // The closing fence is the line before the body.
        var line = 1
        var offset = 0
        while line < document.bodyLine - 1, offset < bytes.count {
            if bytes[offset] == 10 { line += 1 }
            offset += 1
        }
        bytes.insert(contentsOf: Array("index_number: \(number.text)".utf8) + newline, at: offset)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw EditError.write("cannot write '\(document.path)': \(error.localizedDescription)")
        }
    }
}
