import SiteContent
import SiteCore
import SiteGraph
import SiteRender

/// `sitemap.xml` (sitemaps.org protocol 0.9): every page the build wrote but `404.html` and the
/// search page (a form, nothing to index), with its
/// absolute address and, as `lastmod`, the 发布日期 of what the page shows: a document's own, or the
/// newest of a list's documents (every page of a paginated list takes the list's newest, since a
/// new document moves all of them). Pages are listed in the order the renderer makes them.
struct Sitemap: Sendable {
    let graph: ContentGraph
    let address: SiteAddress
    /// The date of every public document's latest version, looked up once: lists ask for the
    /// same documents again and again.
    let updated: [DocumentID: CalendarDate]

    init(graph: ContentGraph, address: SiteAddress) {
        self.graph = graph
        self.address = address
        var updated: [DocumentID: CalendarDate] = [:]
        for document in graph.documents where document.isPublic {
            if let date = document.updated { updated[document.id] = date }
        }
        self.updated = updated
    }

    func render(_ pages: [PageSpec]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        ]
        // Every page of a list has the list's date: work it out once per list.
        var dates: [PageSpec: CalendarDate?] = [:]
        for spec in pages where spec != .notFound && spec != .search {
            let list = Self.firstPage(of: spec)
            let date = dates[list] ?? lastModified(list)
            dates[list] = date
            var entry = "  <url><loc>\(XMLText.escape(address.url(PageRenderer.path(of: spec))))</loc>"
            if let date { entry += "<lastmod>\(date.description)</lastmod>" }
            lines.append(entry + "</url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first page of a paginated list; any other page as it is.
    static func firstPage(of spec: PageSpec) -> PageSpec {
        switch spec {
        case .section(let id, _): .section(id, page: 1)
        case .year(let year, _): .year(year, page: 1)
        case .topic(let topic, _): .topic(topic, page: 1)
        case .agency(let id, _): .agency(id, page: 1)
        default: spec
        }
    }

    /// The newest 发布日期 of what a page lists, or nil when it lists nothing dated.
    func lastModified(_ spec: PageSpec) -> CalendarDate? {
        switch spec {
        case .home, .catalog: return newest(graph.publicDocuments)
        case .section(let id, _): return newest(graph.members(ofSectionAndBelow: id))
        case .years: return newest(graph.byYear.values.joined())
        case .year(let year, _): return newest(graph.byYear[year] ?? [])
        case .topics: return newest(graph.byTopic.values.joined())
        case .topic(let topic, _): return newest(graph.byTopic[topic] ?? [])
        case .normative: return newest(graph.normativeInForce + graph.normativeNotInForce)
        case .decisions:
            // Each decision with the documents published as its items (未公开 until they are).
            let items = graph.decisions.compactMap { graph[$0]?.decision }.flatMap(\.items).compactMap { item -> DocumentID? in
                if case .document(let id) = item.target.value { return id }
                return nil
            }
            return newest(graph.decisions + items)
        case .agencies: return newest(graph.issuedBy.values.joined())
        case .agency(let id, _): return newest((graph.issuedBy[id] ?? []) + (graph.tasksByAgency[id] ?? []).map(\.plan))
        case .document(let id): return updated[id]
        case .notFound, .search: return nil
        }
    }

    func newest(_ ids: some Sequence<DocumentID>) -> CalendarDate? {
        var newest: CalendarDate?
        for id in ids {
            if let date = updated[id], newest.map({ date > $0 }) ?? true { newest = date }
        }
        return newest
    }
}
