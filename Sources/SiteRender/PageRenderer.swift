import Foundation
import SiteContent
import SiteCore
import SiteGraph

/// A part of an annual report's body: the text before the first section, or one section's prose.
public struct RenderedReportPart: Sendable {
    /// The section's number (1 to 6), or nil for the text before the first section.
    public let section: Int?
    public let html: String

    public init(section: Int?, html: String) {
        self.section = section
        self.html = html
    }
}

/// A page of the site, rendered.
public struct RenderedPage: Sendable {
    public let path: SitePath
    public let html: String
}

/// Every page the site has. Lists are paginated with stable URLs (`…/page/2/`).
public enum PageSpec: Sendable, Hashable {
    case home
    /// The catalog root, `/xxgk/`.
    case catalog
    /// A page of a catalog section's list, `/xxgk/<id>/`.
    case section(String, page: Int)
    /// The years with public documents, `/xxgk/years/`, and one year's list, `/xxgk/years/2021/`.
    case years
    case year(Int, page: Int)
    /// The topics (主题分类), `/xxgk/topics/`, and one topic's list.
    case topics
    case topic(String, page: Int)
    /// 现行有效行政规范性文件, `/xxgk/normative/`.
    case normative
    /// 重大行政决策事项目录, `/xxgk/decisions/`.
    case decisions
    /// The agencies, `/agencies/`, and an agency's page with its tasks and documents.
    case agencies
    case agency(String, page: Int)
    case document(DocumentID)
    case notFound
    /// 站内搜索, `/search/`: the form and the script; results come from the index under `/search/`.
    case search
}

/// Turns the graph into pages with the theme's templates. Every list is built once from the sorted
/// lists of the graph; nothing scans every document per page.
public struct PageRenderer: Sendable {
    let templates: TemplateLibrary
    let graph: ContentGraph
    /// The rendered body of each public document.
    let bodies: BodyStore
    /// Annual reports' bodies, section by section.
    let reportParts: [DocumentID: [RenderedReportPart]]
    /// Today, for overdue tasks.
    let asOf: CalendarDate
    let basePath: String
    let baseURL: String
    /// Public documents in each section and below it, newest first.
    let sectionLists: [String: [DocumentID]]
    /// For each section, the directories its members belong in (现行有效行政规范性文件, 重大行政决策事项目录).
    let sectionDirectories: [String: (normative: Bool, decisions: Bool)]
    /// A preview of drafts and scheduled documents (`site build --drafts`).
    let preview: Bool
    /// The list rows rendered so far (`EntryView.row`); nil when the theme has no row partial.
    let entryRows: EntryRows?

    public init(
        templates: TemplateLibrary, graph: ContentGraph, bodies: BodyStore,
        reportParts: [DocumentID: [RenderedReportPart]] = [:], asOf: CalendarDate = CalendarDate(daysSinceEpoch: 0),
        preview: Bool = false
    ) {
        self.preview = preview
        self.templates = templates
        self.entryRows = templates.names.contains(EntryRows.template) ? EntryRows() : nil
        self.graph = graph
        self.bodies = bodies
        self.reportParts = reportParts
        self.asOf = asOf
        self.basePath = graph.configuration.basePath
        self.baseURL = graph.configuration.baseURL.hasSuffix("/") ? graph.configuration.baseURL : graph.configuration.baseURL + "/"
        var lists: [String: [DocumentID]] = [:]
        var directories: [String: (normative: Bool, decisions: Bool)] = [:]
        for section in graph.catalog.flatMap(\.flattened) {
            let members = graph.members(ofSectionAndBelow: section.id)
            lists[section.id] = members
            var found = (normative: false, decisions: false)
            for id in members {
                guard let document = graph[id] else { continue }
                if document.policy?.normative == true { found.normative = true }
                if document.decision != nil { found.decisions = true }
                if found.normative && found.decisions { break }
            }
            directories[section.id] = found
        }
        self.sectionLists = lists
        self.sectionDirectories = directories
    }

    // MARK: Pages

    /// Every page, in a stable order.
    public var pages: [PageSpec] {
        var pages: [PageSpec] = [.home, .catalog, .years, .topics, .normative, .decisions, .agencies, .notFound, .search]
        for section in graph.catalog.flatMap(\.flattened) {
            for page in 1...pageCount(sectionLists[section.id]?.count ?? 0) { pages.append(.section(section.id, page: page)) }
        }
        for (year, list) in graph.byYear.sorted(by: { $0.key > $1.key }) {
            for page in 1...pageCount(list.count) { pages.append(.year(year, page: page)) }
        }
        for (topic, list) in graph.byTopic.sorted(by: { $0.key < $1.key }) {
            for page in 1...pageCount(list.count) { pages.append(.topic(topic, page: page)) }
        }
        for agency in graph.agencies {
            for page in 1...pageCount(graph.issuedBy[agency.id]?.count ?? 0) { pages.append(.agency(agency.id, page: page)) }
        }
        pages += graph.publicDocuments.sorted().map { .document($0) }
        return pages
    }

    public static func path(of spec: PageSpec) -> SitePath {
        func paged(_ base: String, _ page: Int) -> SitePath {
            page == 1 ? SitePath(directory: base) : SitePath(directory: "\(base)/page/\(page)")
        }
        switch spec {
        case .home: return .root
        case .catalog: return SitePath(directory: "xxgk")
        case .section(let id, let page): return paged("xxgk/\(id)", page)
        case .years: return SitePath(directory: "xxgk/years")
        case .year(let year, let page): return paged("xxgk/years/\(year)", page)
        case .topics: return SitePath(directory: "xxgk/topics")
        case .topic(let topic, let page): return paged("xxgk/topics/\(topicSegment(topic))", page)
        case .normative: return SitePath(directory: "xxgk/normative")
        case .decisions: return SitePath(directory: "xxgk/decisions")
        case .agencies: return SitePath(directory: "agencies")
        case .agency(let id, let page): return paged("agencies/\(id)", page)
        case .document(let id): return id.page
        case .notFound: return SitePath(file: "404.html")
        case .search: return SitePath(directory: "search")
        }
    }

    /// A topic as one path segment: the text itself, with `/` and `\` made harmless.
    static func topicSegment(_ topic: String) -> String {
        guard topic.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) else { return topic }
        return topic.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-")
    }

    /// Renders one page; nil only if it names something that does not exist.
    public func render(_ spec: PageSpec) -> RenderedPage? {
        guard let prepared = prepare(spec) else { return nil }
        return render(prepared)
    }

    /// A page with its view built but not rendered, and the digest of what it will render from:
    /// the template's name and every value of the view. Two pages with the same digest render to
    /// the same bytes with the same theme, which is what lets an incremental build reuse a page.
    public struct PreparedPage {
        public let path: SitePath
        public let digest: String
        let view: PageView
        let template: String
    }

    public func prepare(_ spec: PageSpec) -> PreparedPage? {
        guard let (view, template) = view(for: spec) else { return nil }
        var hasher = StableHasher()
        hasher.combine(template)
        view.feed(into: &hasher)
        return PreparedPage(path: Self.path(of: spec), digest: hasher.digest, view: view, template: template)
    }

    public func render(_ page: PreparedPage) -> RenderedPage? {
        guard let html = templates.render(page.view, with: page.template) else { return nil }
        return RenderedPage(path: page.path, html: html)
    }

    /// Renders a page, and says where a document page's body is in its bytes, so that a later
    /// build can put another body there without rendering the page (`BodyPatch`).
    ///
    /// The page is rendered with a marker in place of the body, and the body put where the marker
    /// is. The marker has an `&`, which a template that escapes the body changes, so a marker found
    /// exactly once is the body's one unescaped place. It ends with the body's last character,
    /// since Mustache indents what follows a line's end inside an indented partial.
    /// Nil range: not a document page, an empty body, or not one place.
    public func renderLocatingBody(_ page: PreparedPage) -> (html: Data, body: Range<Int>?)? {
        guard let body = page.view.document?.bodyHTML, let last = body.last else {
            return render(page).map { (Data($0.html.utf8), nil) }
        }
        var view = page.view
        let marker = Self.bodyMarker + String(last)
        view.document?.bodyHTML = marker
        guard let marked = templates.render(view, with: page.template) else { return nil }
        let bytes = Array(marked.utf8)
        let needle = Array(marker.utf8)
        let places = ByteSearch.offsets(of: needle, in: bytes, limit: 2)
        guard places.count == 1, let at = places.first else { return render(page).map { (Data($0.html.utf8), nil) } }
        var html = Data(capacity: bytes.count - needle.count + body.utf8.count)
        html.append(contentsOf: bytes[..<at])
        html.append(contentsOf: body.utf8)
        html.append(contentsOf: bytes[(at + needle.count)...])
        return (html, at..<at + body.utf8.count)
    }

    /// Private-use characters around a name no body has: what `renderLocatingBody` looks for.
    static let bodyMarker = "\u{E000}&site-body\u{E000}"

    func view(for spec: PageSpec) -> (PageView, String)? {
        switch spec {
        case .home: return (homePage(), "home")
        case .catalog: return (catalogPage(), "catalog")
        case .section(let id, let page):
            guard graph.section(id) != nil else { return nil }
            return (sectionPage(id, page: page), "section")
        case .years: return (yearsPage(), "facets")
        case .year(let year, let page):
            guard let list = graph.byYear[year] else { return nil }
            return (listPage(.year(year, page: page), title: "\(year)年", list: list, page: page), "list")
        case .topics: return (topicsPage(), "facets")
        case .topic(let topic, let page):
            guard let list = graph.byTopic[topic] else { return nil }
            return (listPage(.topic(topic, page: page), title: topic, list: list, page: page), "list")
        case .normative: return (normativePage(), "normative")
        case .decisions: return (decisionsPage(), "decisions")
        case .agencies: return (agenciesPage(), "facets")
        case .agency(let id, let page):
            guard let agency = graph.agency(id) else { return nil }
            return (agencyPage(agency, page: page), "agency")
        case .document(let id):
            guard let document = graph[id] else { return nil }
            return (documentPage(document), document.kind.rawValue)
        case .notFound: return (notFoundPage(), "404")
        case .search: return (searchPage(), "search")
        }
    }

    // MARK: Chrome shared by every page

    func href(_ path: SitePath) -> String { path.href(basePath: basePath) }
    func href(_ spec: PageSpec) -> String { href(Self.path(of: spec)) }

    var siteView: SiteView {
        let c = graph.configuration
        return SiteView(
            name: c.name, homeHref: href(.root), assetsHref: href(SitePath(directory: "assets")),
            catalogHref: href(.catalog), searchHref: href(.search), notice: c.notice, sponsor: c.sponsor,
            websiteCode: c.websiteCode, icp: c.icp, policeRecord: c.policeRecord, contact: c.contact, address: c.address,
            preview: preview)
    }

    /// 首页, 政府信息公开, then the top-level catalog sections.
    func navigation(current: String?) -> [LinkView] {
        [LinkView(title: "首页", href: href(.root), current: current == "home"),
         LinkView(title: "政府信息公开", href: href(.catalog), current: current == "xxgk")]
            + graph.catalog.map { LinkView(title: $0.title, href: href(.section($0.id, page: 1)), current: current == $0.id) }
    }

    /// The ways into the catalog besides the tree: by year, topic and agency, and the two directories.
    func facetLinks(current: PageSpec?) -> [LinkView] {
        [(PageSpec.years, "按年份"), (.topics, "按主题分类"), (.agencies, "按发布机构"), (.normative, "现行有效规范性文件"), (.decisions, "重大行政决策事项目录")]
            .map { LinkView(title: $0.1, href: href($0.0), current: $0.0 == current) }
    }

    /// What every page has, around its own content.
    func page(
        _ spec: PageSpec, title: String, description: String? = nil, breadcrumb: [LinkView], navigation current: String?,
        document: DocumentView? = nil, section: SectionView? = nil, catalog: CatalogView? = nil, home: HomeView? = nil,
        agency: AgencyView? = nil, list: ListView? = nil, facetIndex: FacetIndexView? = nil, normative: NormativeView? = nil,
        decisions: DecisionsView? = nil
    ) -> PageView {
        let feeds = feedLinks(spec)
        return PageView(
            lang: graph.configuration.language,
            title: title,
            htmlTitle: spec == .home ? graph.configuration.name : "\(title) - \(graph.configuration.name)",
            canonicalURL: baseURL + SitePath.percentEncode(Self.path(of: spec).rawValue),
            description: description, site: siteView, navigation: navigation(current: current),
            breadcrumb: breadcrumb, feeds: feeds, hasFeeds: !feeds.isEmpty, document: document, section: section, catalog: catalog, home: home, agency: agency,
            list: list, facetIndex: facetIndex, normative: normative, decisions: decisions, notFound: spec == .notFound)
    }

    /// The feeds SiteExport writes for the home page (the portal's) and for a section with a public
    /// document in it or below it (`ExportPaths`).
    func feedLinks(_ spec: PageSpec) -> [FeedLinkView] {
        let name = graph.configuration.name
        let (title, atom, json): (String, SitePath, SitePath)
        switch spec {
        case .home where !graph.publicDocuments.isEmpty:
            (title, atom, json) = ("政府信息公开 - \(name)", ExportPaths.atomFeed, ExportPaths.jsonFeed)
        case .section(let id, _) where !(sectionLists[id] ?? []).isEmpty:
            (title, atom, json) = ("\(graph.section(id)?.title ?? id) - \(name)", ExportPaths.atomFeed(section: id), ExportPaths.jsonFeed(section: id))
        default:
            return []
        }
        return [
            FeedLinkView(type: "application/atom+xml", title: "\(title)（Atom）", label: "Atom", href: href(atom)),
            FeedLinkView(type: "application/feed+json", title: "\(title)（JSON Feed）", label: "JSON Feed", href: href(json)),
        ]
    }

    var homeCrumb: LinkView { LinkView(title: "首页", href: href(.root), current: false) }
    var catalogCrumb: LinkView { LinkView(title: "政府信息公开", href: href(.catalog), current: false) }
    func here(_ title: String) -> LinkView { LinkView(title: title, href: nil, current: true) }

    func sectionCrumbs(_ id: String) -> [LinkView] {
        graph.sectionPath(id).map { LinkView(title: $0.title, href: href(.section($0.id, page: 1)), current: false) }
    }

    // MARK: Lists

    func pageCount(_ count: Int) -> Int {
        let size = graph.configuration.pageSize
        return max(1, (count + size - 1) / size)
    }

    /// The entries of one page of a list.
    func slice(_ list: [DocumentID], page: Int) -> [EntryView] {
        let size = graph.configuration.pageSize
        return list.dropFirst((page - 1) * size).prefix(size).compactMap { graph[$0] }.map(entry)
    }

    /// Links between the pages of a list: the first, the last and three on each side of this one.
    func pagination(count: Int, page: Int, link: (Int) -> PageSpec) -> PaginationView? {
        let total = pageCount(count)
        guard total > 1 else { return nil }
        let window = max(1, page - 3)...min(total, page + 3)
        let shown = Array(Set([1, total] + Array(window))).sorted()
        return PaginationView(
            current: page, total: total,
            previousHref: page > 1 ? href(link(page - 1)) : nil,
            nextHref: page < total ? href(link(page + 1)) : nil,
            pages: shown.map { PageLinkView(number: $0, href: href(link($0)), current: $0 == page) })
    }

    /// `政策文件 信息列表（第2页，共5页）`.
    func caption(_ label: String, count: Int, page: Int) -> String {
        let total = pageCount(count)
        return total > 1 ? "\(label)（第\(page)页，共\(total)页）" : label
    }

    func entry(_ document: Document) -> EntryView {
        var entry = EntryView(
            title: document.title.value, href: href(document.id.page),
            indexNumber: document.indexNumber?.value.text, documentNumber: document.documentNumber?.value.text,
            issuer: document.issuers.first.flatMap { graph.agency($0.value)?.name },
            published: document.published?.value.description, validity: document.policy?.validity?.value.chinese,
            kindName: document.kind.chineseName, row: nil)
        if let entryRows {
            let (templates, fields) = (templates, entry)
            entry.row = EntryRow(id: document.id, rows: entryRows) { templates.render(fields, with: EntryRows.template) ?? "" }
        }
        return entry
    }

    func related(_ document: Document) -> RelatedView {
        RelatedView(
            title: document.title.value, href: href(document.id.page),
            documentNumber: document.documentNumber?.value.text, published: document.published?.value.description,
            forms: document.interpretation.map(formsText),
            kindName: document.kind.chineseName)
    }

    func formsText(_ interpretation: InterpretationDetails) -> String {
        Array(Set(interpretation.forms.map(\.value))).sorted().map(\.chinese).joined(separator: "、")
    }

    func notFoundPage() -> PageView {
        page(.notFound, title: "页面未找到", breadcrumb: [homeCrumb, here("页面未找到")], navigation: nil)
    }

    func searchPage() -> PageView {
        page(.search, title: "站内搜索", description: "在\(graph.configuration.name)政府信息公开平台检索主动公开的政府信息。",
             breadcrumb: [homeCrumb, here("站内搜索")], navigation: nil)
    }
}
