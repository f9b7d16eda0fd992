import SiteContent
import SiteCore
import SiteGraph
import SiteRender

/// A feed in the shape Atom and JSON Feed share: the portal's or a catalog section's latest public
/// documents, newest first. Only public documents reach it: its entries come from the graph's
/// public lists.
struct Feed: Sendable {
    let title: String
    let subtitle: String?
    let language: String
    /// The HTML page the feed follows: the home page, or the section's page.
    let pageURL: String
    let atomURL: String
    let jsonURL: String
    /// 主办单位, the feed's author when an entry names no issuer.
    let author: String
    let authorURL: String
    /// Never empty: a feed exists only when it has an entry.
    let entries: [FeedEntry]

    /// The newest entry's last change (never the time of the build, so two builds give the same bytes).
    var updated: CalendarDate { entries.map(\.updated).max() ?? CalendarDate(daysSinceEpoch: 0) }
}

/// One document in a feed.
struct FeedEntry: Sendable {
    /// A tag URI built from the 索引号 (`SiteAddress.entryID`).
    let id: String
    let title: String
    let url: String
    /// 发布日期
    let published: CalendarDate
    /// The day of the latest change on the site (`changes:`), else 发布日期.
    let updated: CalendarDate
    /// 内容概述
    let summary: String?
    /// The rendered body.
    let contentHTML: String
    /// 发布机构, full names, the lead first.
    let authors: [(name: String, url: String)]
    /// 目录栏目, then 主题分类.
    let categories: [FeedCategory]
}

/// A catalog section or a topic of an entry.
struct FeedCategory: Sendable, Equatable {
    /// The section id, or the topic itself.
    let term: String
    /// The section's title, or the topic.
    let label: String
    /// `…/xxgk/` for sections, `…/xxgk/topics/` for topics.
    let scheme: String
}

/// Makes the feeds of a site from its graph.
struct FeedBuilder: Sendable {
    let graph: ContentGraph
    let bodies: BodyStore
    let address: SiteAddress
    let length: Int

    /// The portal's feed, then one per catalog section that has a public document in it or below
    /// it, in the order of catalog.yaml; with the paths of their Atom and JSON files.
    var feeds: [(feed: Feed, atom: SitePath, json: SitePath)] {
        lists.map { list in (feed(title: list.title, subtitle: list.subtitle, page: list.page, atom: list.atom, json: list.json, documents: list.documents), list.atom, list.json) }
    }

    /// What each feed lists, before its entries are made.
    struct FeedList {
        let title: String
        let subtitle: String?
        let page: SitePath
        let atom: SitePath
        let json: SitePath
        let documents: [DocumentID]
    }

    var lists: [FeedList] {
        var lists: [FeedList] = []
        let configuration = graph.configuration
        if !graph.publicDocuments.isEmpty {
            lists.append(FeedList(
                title: "政府信息公开 - \(configuration.name)", subtitle: "\(configuration.name)最新主动公开的政府信息",
                page: .root, atom: ExportPaths.atomFeed, json: ExportPaths.jsonFeed, documents: graph.publicDocuments))
        }
        for section in graph.catalog.flatMap(\.flattened) {
            let members = graph.members(ofSectionAndBelow: section.id)
            guard !members.isEmpty else { continue }
            lists.append(FeedList(
                title: "\(section.title) - \(configuration.name)", subtitle: section.description,
                page: PageRenderer.path(of: .section(section.id, page: 1)), atom: ExportPaths.atomFeed(section: section.id),
                json: ExportPaths.jsonFeed(section: section.id), documents: members))
        }
        return lists
    }

    func feed(title: String, subtitle: String?, page: SitePath, atom: SitePath, json: SitePath, documents: [DocumentID]) -> Feed {
        Feed(
            title: title, subtitle: subtitle, language: graph.configuration.language, pageURL: address.url(page),
            atomURL: address.url(atom), jsonURL: address.url(json), author: graph.configuration.sponsor,
            authorURL: address.url(.root),
            entries: members(of: documents).compactMap { self.graph[$0] }.compactMap(entry))
    }

    /// The documents of a feed's entries: the first `length` public ones with a 发布日期.
    func members(of documents: [DocumentID]) -> [DocumentID] {
        Array(documents.lazy.filter { self.graph[$0].map { $0.isPublic && $0.published != nil } ?? false }.prefix(length))
    }

    /// Nil for a document without 发布日期 (which the checks report; it never reaches a build).
    func entry(_ document: Document) -> FeedEntry? {
        guard let published = document.published?.value else { return nil }
        let sectionScheme = address.url(PageRenderer.path(of: .catalog))
        let topicScheme = address.url(PageRenderer.path(of: .topics))
        var categories: [FeedCategory] = []
        for id in document.catalog.map(\.value) {
            guard let section = graph.section(id) else { continue }
            let category = FeedCategory(term: id, label: section.title, scheme: sectionScheme)
            if !categories.contains(category) { categories.append(category) }
        }
        for topic in document.topics.map(\.value) {
            let category = FeedCategory(term: topic, label: topic, scheme: topicScheme)
            if !categories.contains(category) { categories.append(category) }
        }
        var seen = Set<String>()
        let authors = document.issuers.map(\.value).filter { seen.insert($0).inserted }.map { id in
            (name: graph.agency(id)?.name ?? id, url: address.url(PageRenderer.path(of: .agency(id, page: 1))))
        }
        return FeedEntry(
            id: address.entryID(document), title: document.title.value, url: address.url(document.id.page),
            published: published, updated: document.updated ?? published, summary: document.summary, contentHTML: bodies[document.id] ?? "",
            authors: authors, categories: categories)
    }
}
