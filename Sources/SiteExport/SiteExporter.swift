import Foundation
import SiteContent
import SiteCore
import SiteGraph
import SiteRender

/// A file the exporter makes, for the writer.
public struct ExportFile: Sendable, Equatable {
    public let path: SitePath
    public let data: Data

    /// The file as UTF-8 text (every export is), for tests and tools.
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// Turns the content graph into the machine-readable files of the site (docs/exports.md): Atom and
/// JSON feeds of the portal and of each catalog section, `catalog.json` and `catalog.csv`,
/// `sitemap.xml` and `robots.txt`. Everything comes from the graph's public lists, so nothing
/// that is not 主动公开 reaches these files; dates come from the documents, never from the clock.
public struct SiteExporter: Sendable {
    /// Entries per feed: the latest 50.
    public static let feedLength = 50

    let graph: ContentGraph
    let bodies: BodyStore
    let pages: [PageSpec]
    let fileData: @Sendable (String) -> Data?
    let address: SiteAddress

    /// - Parameters:
    ///   - bodies: the rendered body of each public document, the content of feed entries.
    ///   - pages: the pages the build writes, for the sitemap.
    ///   - fileData: reads a file under Content/ by its content path (attachments, for their size
    ///     and SHA-256); the loader's folder is the only place it reads.
    public init(
        graph: ContentGraph, bodies: BodyStore, pages: [PageSpec],
        fileData: @escaping @Sendable (String) -> Data?
    ) {
        self.graph = graph
        self.bodies = bodies
        self.pages = pages
        self.fileData = fileData
        self.address = SiteAddress(graph.configuration)
    }

    /// Every export, in a stable order: the portal's feeds and each section's, the catalog, the
    /// sitemap and robots.txt.
    public func files() throws(SiteError) -> [ExportFile] {
        var files: [ExportFile] = []
        try export { file throws(SiteError) in files.append(file) }
        return files
    }

    /// Hands each export to `emit` as soon as it is made, in the order of `files()`: at 100,000
    /// documents catalog.json, catalog.csv and sitemap.xml are over 100 MB together, and need not
    /// be in memory together.
    ///
    /// `keep` is asked first about each file that reads no body (the catalog, the sitemap,
    /// robots.txt): when it answers true, the caller kept the last build's copy, and the file is
    /// not made.
    /// Which documents' bodies each feed file carries, by the file's path (`BodyPatch` patches them).
    public var feedMembers: [String: [DocumentID]] {
        let builder = FeedBuilder(graph: graph, bodies: bodies, address: address, length: Self.feedLength)
        var members: [String: [DocumentID]] = [:]
        for list in builder.lists {
            let documents = builder.members(of: list.documents)
            members[list.atom.rawValue] = documents
            members[list.json.rawValue] = documents
        }
        return members
    }

    /// How a body's HTML is written in a feed file (`feed.xml`: escaped as XML text; `feed.json`:
    /// as a JSON string, without its quotes); nil for another file.
    public static func feedContent(_ html: String, inFile path: String) -> [UInt8]? {
        if path.hasSuffix(".xml") { return Array(XMLText.escape(html).utf8) }
        guard path.hasSuffix(".json"), let data = try? ExportJSON.encoder.encode(html), data.count >= 2 else { return nil }
        return Array(data.dropFirst().dropLast())
    }

    public func export(
        _ emit: (ExportFile) throws(SiteError) -> Void, keep: (SitePath) throws(SiteError) -> Bool = { _ in false }
    ) throws(SiteError) {
        func json(_ path: SitePath, _ make: () throws -> Data) throws(SiteError) {
            let data: Data
            do {
                data = try make()
            } catch {
                throw .writeFailed(path: path.rawValue, reason: "cannot encode JSON: \(error)")
            }
            try emit(ExportFile(path: path, data: data))
        }
        for (feed, atom, jsonPath) in FeedBuilder(graph: graph, bodies: bodies, address: address, length: Self.feedLength).feeds {
            try emit(ExportFile(path: atom, data: Data(AtomFeed.render(feed).utf8)))
            try json(jsonPath) { try JSONFeed.render(feed) }
        }
        let keptJSON = try keep(ExportPaths.catalogJSON)
        let keptCSV = try keep(ExportPaths.catalogCSV)
        if !keptJSON || !keptCSV {
            let entries = try CatalogBuilder(graph: graph, address: address, fileData: fileData).entries()
            let configuration = graph.configuration
            let site = CatalogJSON.Site(name: configuration.name, url: address.baseURL, organizationCode: configuration.organizationCode)
            if !keptJSON { try json(ExportPaths.catalogJSON) { try CatalogJSON.render(site: site, entries: entries) } }
            if !keptCSV { try emit(ExportFile(path: ExportPaths.catalogCSV, data: CatalogCSV.render(entries))) }
        }
        if try !keep(ExportPaths.sitemap) {
            try emit(ExportFile(path: ExportPaths.sitemap, data: Data(Sitemap(graph: graph, address: address).render(pages).utf8)))
        }
        if try !keep(ExportPaths.robots) {
            try emit(ExportFile(path: ExportPaths.robots, data: Data(RobotsTxt.render(sitemapURL: address.url(ExportPaths.sitemap)).utf8)))
        }
    }
}
