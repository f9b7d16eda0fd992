import Foundation
import SiteCore

/// Reads a site's Content/ folder: site.yaml, agencies.yaml, catalog.yaml and every `*.md` document.
/// The only stage besides the theme loader that reads the disk.
public struct ContentLoader: Sendable {
    /// The Content/ folder.
    public let folder: URL
    /// How paths are shown in diagnostics: the folder as the user named it (`Content`).
    public let displayPrefix: String

    /// Documents decoded by an earlier build, reused for files whose bytes did not change (the
    /// incremental build's cache); nil decodes every file.
    public var memo: (any DecodedDocumentMemo)?

    public init(folder: URL, displayPrefix: String, memo: (any DecodedDocumentMemo)? = nil) {
        self.folder = folder.standardizedFileURL
        self.displayPrefix = displayPrefix.hasSuffix("/") ? String(displayPrefix.dropLast()) : displayPrefix
        self.memo = memo
    }

    /// The configuration files at the top of Content/: read, never published.
    public static let configurationFiles = ["site.yaml", "agencies.yaml", "catalog.yaml"]

    public func displayPath(_ contentPath: String) -> String { "\(displayPrefix)/\(contentPath)" }

    public func load() throws(SiteError) -> LoadedContent {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingFolder(role: "content", path: displayPrefix)
        }
        let listing = try list()
        var diagnostics = listing.diagnostics

        // Configuration first: documents are decoded against it.
        func config(_ name: String) -> String? {
            guard listing.files.contains(name) else {
                diagnostics.append(Diagnostic(.configFileMissing(name: name), at: .file(displayPath(name))))
                return nil
            }
            switch readText(name) {
            case .success(let text): return text
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
        var configuration: SiteConfiguration?
        if let text = config("site.yaml") {
            let (value, found) = ConfigurationDecoder.site(path: displayPath("site.yaml"), text: text)
            configuration = value
            diagnostics += found
        }
        var agencies: [Agency] = []
        if let text = config("agencies.yaml") {
            let (value, found) = ConfigurationDecoder.agencies(path: displayPath("agencies.yaml"), text: text)
            agencies = value
            diagnostics += found
        }
        var catalog: [CatalogSection] = []
        if let text = config("catalog.yaml") {
            let (value, found) = ConfigurationDecoder.catalog(path: displayPath("catalog.yaml"), text: text)
            catalog = value
            diagnostics += found
        }

        // The 索引号 ledger, when the site keeps one.
        var ledger: IndexNumberLedger?
        if listing.files.contains(IndexNumberLedger.fileName) {
            switch readText(IndexNumberLedger.fileName) {
            case .success(let text):
                let (value, found) = IndexNumberLedger.parse(text, path: displayPath(IndexNumberLedger.fileName))
                ledger = value
                diagnostics += found
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }

        // Documents, on all cores.
        let files = listing.files
        let organizationCode = configuration?.organizationCode ?? "<organisation code>"
        let markdown = files.filter { $0.hasSuffix(".md") }.sorted()
        let memo = self.memo
        memo?.prepare(context: [organizationCode, displayPrefix], configuration: configuration)
        let stamps = listing.stamps
        let results = markdown.concurrentMap { contentPath -> (DocumentID, DocumentDecoder.Result) in
            let id = DocumentID(String(contentPath.dropLast(3)))
            let stamp = stamps[contentPath]
            if let stamp, let document = memo?.unreadDocument(contentPath: contentPath, stamp: stamp, fileExists: { files.contains($0) }) {
                return (id, DocumentDecoder.Result(document: document, diagnostics: []))
            }
            guard let data = FileManager.default.contents(atPath: self.filePath(contentPath)) else {
                return (id, DocumentDecoder.Result(document: nil, diagnostics: [Diagnostic(.unreadableFile, at: .file(self.displayPath(contentPath)))]))
            }
            let bytes = [UInt8](data)
            let digest = memo == nil ? "" : StableHasher.digest(of: bytes)
            if let document = memo?.document(contentPath: contentPath, digest: digest, stamp: stamp, fileExists: { files.contains($0) }),
                case .success(let text) = self.text(of: bytes, contentPath: contentPath), case .success(let split) = FrontMatter.split(text)
            {
                // The memo keeps documents without their text, which is most of their bytes.
                let source = document.replacingSource(frontMatter: String(split.yaml), body: String(split.body))
                return (id, DocumentDecoder.Result(document: source, diagnostics: []))
            }
            // Decode, noting which files the front matter asked about (attachments) for the memo.
            let asked = AskedFiles()
            let recording = DocumentDecoder(organizationCode: organizationCode) { path in
                let exists = files.contains(path)
                asked.list.append((path, exists))
                return exists
            }
            switch self.text(of: bytes, contentPath: contentPath) {
            case .success(let text):
                let result = recording.decode(id: id, path: self.displayPath(contentPath), text: text)
                if let memo, let document = result.document, result.diagnostics.isEmpty {
                    memo.remember(
                        document.replacingSource(frontMatter: "", body: ""), contentPath: contentPath, digest: digest, stamp: stamp,
                        askedFiles: asked.list)
                }
                return (id, result)
            case .failure(let diagnostic):
                return (id, DocumentDecoder.Result(document: nil, diagnostics: [diagnostic]))
            }
        }
        var documents: [Document] = []
        var undecodable: Set<DocumentID> = []
        for (id, result) in results {
            diagnostics += result.diagnostics
            if let document = result.document {
                documents.append(document)
            } else {
                undecodable.insert(id)
            }
        }
        return LoadedContent(
            configuration: configuration, agencies: agencies, catalog: catalog, documents: documents, ledger: ledger,
            undecodable: undecodable, files: files, folder: folder, displayPrefix: displayPrefix,
            diagnostics: diagnostics)
    }

    // MARK: Files

    private struct Listing {
        var files: Set<String> = []
        /// The stamp of every regular file (not of symbolic links: the file they name may change
        /// without them), for the memo.
        var stamps: [String: FileStamp] = [:]
        var diagnostics: [Diagnostic] = []
        /// Swift compares strings by canonical equivalence: `café` composed and decomposed are one
        /// key. The first spelling seen of each, to tell a second spelling apart.
        var spellings: [String: String] = [:]

        mutating func insert(_ path: String, display: (String) -> String) {
            if let first = spellings[path] {
                if !first.utf8.elementsEqual(path.utf8) {
                    let (kept, other) = first.utf8.lexicographicallyPrecedes(path.utf8) ? (first, path) : (path, first)
                    diagnostics.append(Diagnostic(.nameNormalization(other: display(kept)), at: .file(display(other))))
                }
                return
            }
            spellings[path] = path
            files.insert(path)
        }
    }

    /// Every regular file under the folder, as content paths. Hidden files and folders (`.git`,
    /// `.DS_Store`) are skipped; a symbolic link is followed only to a file inside the folder.
    /// Walked with `readdir` and `fstatat`: Foundation's enumerator took 0.4 s for 10,000 files.
    private func list() throws(SiteError) -> Listing {
        var listing = Listing()
        let root = folder.resolvingSymlinksInPath().path
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: displayPrefix, reason: "cannot list the folder") }
        walk(descriptor, prefix: "", depth: 0, root: root, into: &listing)
        return listing
    }

    private func walk(_ descriptor: Int32, prefix: String, depth: Int, root: String, into listing: inout Listing) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // hidden, and `.` and `..`
            let contentPath = prefix.isEmpty ? name : prefix + "/" + name
            var info = stat()
            guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR where depth < 64:
                let child = openat(dirfd(directory), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if child >= 0 { walk(child, prefix: contentPath, depth: depth + 1, root: root, into: &listing) }
            case S_IFREG:
                listing.insert(contentPath, display: displayPath)
                listing.stamps[contentPath] = FileStamp(info)
            case S_IFLNK:
                let target = folder.appendingPathComponent(contentPath).resolvingSymlinksInPath().path
                if target != root, !target.hasPrefix(root + "/") {
                    listing.diagnostics.append(Diagnostic(.symlinkRefused(target: target), at: .file(displayPath(contentPath))))
                    continue
                }
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue {
                    listing.insert(contentPath, display: displayPath)
                } else {
                    // A link to a folder (its files would have two ids) or to nothing.
                    listing.diagnostics.append(Diagnostic(.symlinkRefused(target: target), at: .file(displayPath(contentPath))))
                }
            default:
                break
            }
        }
    }

    /// Reads a file under the folder as text, or explains why it cannot be.
    public func readText(_ contentPath: String) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: filePath(contentPath)) else {
            return .failure(Diagnostic(.unreadableFile, at: .file(displayPath(contentPath))))
        }
        return text(of: [UInt8](data), contentPath: contentPath)
    }

    /// A document the memo gave without its text (`DecodedDocumentMemo.unreadDocument`), with its
    /// text read from its file now — which must still have the bytes the document was decoded
    /// from (`digest`), or the build would mix two versions of it.
    public func readSource(of document: Document, digest: String) -> Result<Document, Diagnostic> {
        let contentPath = document.id.rawValue + ".md"
        guard let data = FileManager.default.contents(atPath: filePath(contentPath)) else {
            return .failure(Diagnostic(.unreadableFile, at: .file(displayPath(contentPath))))
        }
        let bytes = [UInt8](data)
        guard StableHasher.digest(of: bytes) == digest else {
            return .failure(Diagnostic(.changedDuringBuild, at: .file(displayPath(contentPath))))
        }
        switch text(of: bytes, contentPath: contentPath).map(FrontMatter.split) {
        case .success(.success(let split)):
            return .success(document.replacingSource(frontMatter: String(split.yaml), body: String(split.body)))
        case .success(.failure):
            return .failure(Diagnostic(.changedDuringBuild, at: .file(displayPath(contentPath))))
        case .failure(let diagnostic):
            return .failure(diagnostic)
        }
    }

    /// site.yaml alone, as `load` decodes it; nil when it cannot be read or used.
    public func siteConfiguration() -> SiteConfiguration? {
        guard case .success(let text) = readText("site.yaml") else { return nil }
        return ConfigurationDecoder.site(path: displayPath("site.yaml"), text: text).0
    }

    /// One Markdown file decoded as `load` decodes it, with its text; `fileExists` tells whether a
    /// file of the folder exists (for attachments). Nil document: it could not be decoded.
    public func decodeDocument(
        _ contentPath: String, organizationCode: String, fileExists: @escaping @Sendable (String) -> Bool
    ) -> (document: Document?, diagnostics: [Diagnostic]) {
        switch readText(contentPath) {
        case .success(let text):
            let decoder = DocumentDecoder(organizationCode: organizationCode, fileExists: fileExists)
            let result = decoder.decode(id: DocumentID(String(contentPath.dropLast(3))), path: displayPath(contentPath), text: text)
            return (result.document, result.diagnostics)
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        }
    }

    /// The file's path on disk (the folder is standardised: no `URL` needed per file).
    private func filePath(_ contentPath: String) -> String { folder.path + "/" + contentPath }

    private func text(of bytes: [UInt8], contentPath: String) -> Result<String, Diagnostic> {
        switch SourceText.decode(bytes) {
        case .success(let source):
            return .success(source.text)
        case .failure(let problem):
            let position = SourceText.invalidPosition(bytes)
            return .failure(Diagnostic(problem, at: SourceLocation(path: displayPath(contentPath), line: position.line, column: position.column)))
        }
    }
}

/// Everything read from Content/.
public struct LoadedContent: Sendable {
    /// Nil when site.yaml is missing or unusable (then the build stops after reporting).
    public let configuration: SiteConfiguration?
    public let agencies: [Agency]
    /// The top-level catalog sections.
    public let catalog: [CatalogSection]
    /// Every document whose front matter could be decoded, sorted by id.
    public var documents: [Document]
    /// `index-numbers.lock`, when the site keeps one.
    public let ledger: IndexNumberLedger?
    /// `.md` files that exist but could not be decoded: links to them are not "dangling".
    public let undecodable: Set<DocumentID>
    /// Every regular file under Content/, as content paths.
    public let files: Set<String>
    public let folder: URL
    public let displayPrefix: String
    public let diagnostics: [Diagnostic]

    public init(
        configuration: SiteConfiguration?, agencies: [Agency], catalog: [CatalogSection], documents: [Document],
        ledger: IndexNumberLedger? = nil, undecodable: Set<DocumentID>, files: Set<String>, folder: URL, displayPrefix: String, diagnostics: [Diagnostic]
    ) {
        self.configuration = configuration
        self.agencies = agencies
        self.catalog = catalog
        self.documents = documents
        self.ledger = ledger
        self.undecodable = undecodable
        self.files = files
        self.folder = folder
        self.displayPrefix = displayPrefix
        self.diagnostics = diagnostics
    }

    /// The file on disk for a content path (attachments are copied from here).
    public func url(of contentPath: String) -> URL { folder.appendingPathComponent(contentPath) }
}


/// Decoded documents kept by an earlier build. A document is a function of its file's bytes, of
/// `context` (the organisation code, how paths are shown) and of the answers to the questions its
/// decoding asked of the site (whether an attachment exists): when all of them are the same, the
/// kept document is the one decoding would give. Only documents decoded without findings are kept,
/// so findings are always fresh. Called from many threads at once.
public protocol DecodedDocumentMemo: AnyObject, Sendable {
    /// Forgets every kept document when the context differs from the one they were decoded in.
    /// `configuration` is site.yaml's, for what the memo keeps beyond documents.
    func prepare(context: [String], configuration: SiteConfiguration?)
    /// The document kept for this file, taken without reading the file: when the file still has
    /// the stamp it had when an earlier build read it (recorded only if the file was saved two
    /// seconds or more before that build, beyond the file system clock's resolution, as git
    /// does), and the memo holds everything the build would read its text for. Kept without its
    /// text, like `document`.
    func unreadDocument(contentPath: String, stamp: FileStamp, fileExists: (String) -> Bool) -> Document?
    /// The document kept for this file, if its bytes had this digest and every file it asked about
    /// still does or does not exist as it did. Documents are kept without their front-matter text
    /// and body (`replacingSource`): the loader puts them back from the file.
    func document(contentPath: String, digest: String, stamp: FileStamp?, fileExists: (String) -> Bool) -> Document?
    /// Keeps a document decoded without findings, with the files its decoding asked about and the
    /// file's stamp when it was read (nil for a symbolic link).
    func remember(_ document: Document, contentPath: String, digest: String, stamp: FileStamp?, askedFiles: [(path: String, exists: Bool)])
}

/// The questions one decoding asked about files; used by one thread only.
private final class AskedFiles: @unchecked Sendable {
    var list: [(path: String, exists: Bool)] = []
}
