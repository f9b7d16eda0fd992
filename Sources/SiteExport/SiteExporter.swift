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
        let kept = try Kept { _ in false }
        for job in Job.allCases {
            try make(job, kept: kept) { file throws(SiteError) in files.append(file) }
        }
        return files
    }

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

    /// Hands each export to `emit` as soon as it is made, and keeps none: at 100,000 documents
    /// catalog.json, catalog.csv and sitemap.xml are over 100 MB together. The feeds, the catalog
    /// and the sitemap are made side by side, on all cores (`emit` is called from several
    /// threads), each part's files in the order of `files()`; so the sitemap may be in memory with
    /// one of the catalog's two files, not with both.
    ///
    /// `keep` is asked first, in this order, about each file that reads no body (catalog.json,
    /// catalog.csv, sitemap.xml, robots.txt): when it answers true, the caller kept the last
    /// build's copy, and the file is not made.
    public func export(
        _ emit: @Sendable (ExportFile) throws(SiteError) -> Void, keep: (SitePath) throws(SiteError) -> Bool = { _ in false }
    ) throws(SiteError) {
        let kept = try Kept(keep)
        let failures = Job.allCases.concurrentMap { job -> SiteError? in
            do throws(SiteError) {
                try make(job, kept: kept, emit)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// What the exporter makes in three parts that share nothing: each reads the graph only.
    private enum Job: CaseIterable {
        case feeds, catalog, sitemap
    }

    /// The caller's answers to `keep`.
    private struct Kept {
        let json, csv, sitemap, robots: Bool

        init(_ keep: (SitePath) throws(SiteError) -> Bool) throws(SiteError) {
            json = try keep(ExportPaths.catalogJSON)
            csv = try keep(ExportPaths.catalogCSV)
            sitemap = try keep(ExportPaths.sitemap)
            robots = try keep(ExportPaths.robots)
        }
    }

    private func make(_ job: Job, kept: Kept, _ emit: (ExportFile) throws(SiteError) -> Void) throws(SiteError) {
        func json(_ path: SitePath, _ make: () throws -> Data) throws(SiteError) {
            let data: Data
            do {
                data = try make()
            } catch {
                throw .writeFailed(path: path.rawValue, reason: "cannot encode JSON: \(error)")
            }
            try emit(ExportFile(path: path, data: data))
        }
        switch job {
        case .feeds:
            for (feed, atom, jsonPath) in FeedBuilder(graph: graph, bodies: bodies, address: address, length: Self.feedLength).feeds {
                try emit(ExportFile(path: atom, data: Data(AtomFeed.render(feed).utf8)))
                try json(jsonPath) { try JSONFeed.render(feed) }
            }
        case .catalog:
            guard !kept.json || !kept.csv else { return }
            let entries = try CatalogBuilder(graph: graph, address: address, fileData: fileData).entries()
            let configuration = graph.configuration
            let site = CatalogJSON.Site(name: configuration.name, url: address.baseURL, organizationCode: configuration.organizationCode)
            if !kept.json { try json(ExportPaths.catalogJSON) { try CatalogJSON.render(site: site, entries: entries) } }
            if !kept.csv { try emit(ExportFile(path: ExportPaths.catalogCSV, data: CatalogCSV.render(entries))) }
        case .sitemap:
            if !kept.sitemap {
                try emit(ExportFile(path: ExportPaths.sitemap, data: Data(Sitemap(graph: graph, address: address).render(pages).utf8)))
            }
            if !kept.robots {
                try emit(ExportFile(path: ExportPaths.robots, data: Data(RobotsTxt.render(sitemapURL: address.url(ExportPaths.sitemap)).utf8)))
            }
        }
    }
}
