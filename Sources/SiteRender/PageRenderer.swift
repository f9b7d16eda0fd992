import SiteContent
import SiteCore
import SiteGraph

/// A page of the site, rendered.
public struct RenderedPage: Sendable {
    public let path: SitePath
    public let html: String
}

/// Every page the site has, in a stable order.
public enum PageSpec: Sendable, Hashable {
    case home
    /// The catalog root, `/xxgk/`.
    case catalog
    /// A page of a catalog section's list, `/xxgk/<id>/` and `/xxgk/<id>/page/<n>/`.
    case section(String, page: Int)
    case document(DocumentID)
    case agency(String)
    case notFound
}

/// Turns the graph into pages with the theme's templates. Views are built from sorted lists in the
/// graph; nothing scans every document per page.
public struct PageRenderer: Sendable {
    let templates: TemplateLibrary
    let graph: ContentGraph
    /// The rendered body of each public document.
    let bodies: [DocumentID: String]
    let basePath: String
    let baseURL: String
    /// Public documents in each section and below it, newest first.
    private let sectionLists: [String: [DocumentID]]

    public init(templates: TemplateLibrary, graph: ContentGraph, bodies: [DocumentID: String]) {
        self.templates = templates
        self.graph = graph
        self.bodies = bodies
        self.basePath = graph.configuration.basePath
        self.baseURL = graph.configuration.baseURL.hasSuffix("/") ? graph.configuration.baseURL : graph.configuration.baseURL + "/"
        var lists: [String: [DocumentID]] = [:]
        for section in graph.catalog.flatMap(\.flattened) {
            lists[section.id] = graph.members(ofSectionAndBelow: section.id)
        }
        self.sectionLists = lists
    }

    // MARK: Pages

    public var pages: [PageSpec] {
        var pages: [PageSpec] = [.home, .catalog, .notFound]
        for section in graph.catalog.flatMap(\.flattened) {
            for page in 1...pageCount(section.id) { pages.append(.section(section.id, page: page)) }
        }
        pages += graph.agencies.map { .agency($0.id) }
        pages += graph.publicDocuments.sorted().map { .document($0) }
        return pages
    }

    public static func path(of spec: PageSpec) -> SitePath {
        switch spec {
        case .home: .root
        case .catalog: SitePath(directory: "xxgk")
        case .section(let id, let page): page == 1 ? SitePath(directory: "xxgk/\(id)") : SitePath(directory: "xxgk/\(id)/page/\(page)")
        case .document(let id): id.page
        case .agency(let id): SitePath(directory: "agencies/\(id)")
        case .notFound: SitePath(file: "404.html")
        }
    }

    /// Renders one page; nil only if its template is missing (reported when the theme loads).
    public func render(_ spec: PageSpec) -> RenderedPage? {
        let path = Self.path(of: spec)
        let view: PageView
        let template: String
        switch spec {
        case .home:
            view = homePage()
            template = "home"
        case .catalog:
            view = catalogPage()
            template = "catalog"
        case .section(let id, let page):
            view = sectionPage(id, page: page)
            template = "section"
        case .document(let id):
            guard let document = graph[id] else { return nil }
            view = documentPage(document)
            template = document.kind.rawValue
        case .agency(let id):
            guard let agency = graph.agency(id) else { return nil }
            view = agencyPage(agency)
            template = "agency"
        case .notFound:
            view = notFoundPage()
            template = "404"
        }
        guard let html = templates.render(view, with: template) else { return nil }
        return RenderedPage(path: path, html: html)
    }

    // MARK: Chrome

    private func href(_ path: SitePath) -> String { path.href(basePath: basePath) }

    private func sectionHref(_ id: String, page: Int = 1) -> String { href(Self.path(of: .section(id, page: page))) }

    private var siteView: SiteView {
        let c = graph.configuration
        return SiteView(
            name: c.name, homeHref: href(.root), assetsHref: href(SitePath(directory: "assets")),
            catalogHref: href(Self.path(of: .catalog)), notice: c.notice, sponsor: c.sponsor,
            websiteCode: c.websiteCode, icp: c.icp, policeRecord: c.policeRecord, contact: c.contact, address: c.address)
    }

    /// 首页, 政府信息公开, then the top-level catalog sections.
    private func navigation(current: String?) -> [LinkView] {
        [LinkView(title: "首页", href: href(.root), current: current == "home"),
         LinkView(title: "政府信息公开", href: href(Self.path(of: .catalog)), current: current == "xxgk")]
            + graph.catalog.map { LinkView(title: $0.title, href: sectionHref($0.id), current: current == $0.id) }
    }

    private func page(
        _ spec: PageSpec, title: String, description: String? = nil, breadcrumb: [LinkView], navigation current: String?,
        document: DocumentView? = nil, section: SectionView? = nil, catalog: CatalogView? = nil, home: HomeView? = nil,
        agency: AgencyView? = nil
    ) -> PageView {
        let path = Self.path(of: spec)
        return PageView(
            lang: graph.configuration.language,
            title: title,
            htmlTitle: spec == .home ? graph.configuration.name : "\(title) - \(graph.configuration.name)",
            canonicalURL: baseURL + SitePath.percentEncode(path.rawValue),
            description: description, site: siteView, navigation: navigation(current: current),
            breadcrumb: breadcrumb, document: document, section: section, catalog: catalog, home: home, agency: agency,
            notFound: spec == .notFound)
    }

    private var homeCrumb: LinkView { LinkView(title: "首页", href: href(.root), current: false) }
    private var catalogCrumb: LinkView { LinkView(title: "政府信息公开", href: href(Self.path(of: .catalog)), current: false) }

    private func sectionCrumbs(_ id: String) -> [LinkView] {
        graph.sectionPath(id).map { LinkView(title: $0.title, href: sectionHref($0.id), current: false) }
    }

    // MARK: Home, catalog, sections

    private func homePage() -> PageView {
        let latest = graph.publicDocuments.lazy.compactMap { self.graph[$0] }.filter { $0.kind != .page }.prefix(15)
        return page(
            .home, title: graph.configuration.name, breadcrumb: [LinkView(title: "首页", href: nil, current: true)],
            navigation: "home",
            home: HomeView(latest: latest.map(entry), sections: tree(graph.catalog, current: nil)))
    }

    private func catalogPage() -> PageView {
        page(
            .catalog, title: "政府信息公开",
            breadcrumb: [homeCrumb, LinkView(title: "政府信息公开", href: nil, current: true)], navigation: "xxgk",
            catalog: CatalogView(tree: tree(graph.catalog, current: nil), total: graph.publicDocuments.count))
    }

    private func pageCount(_ sectionID: String) -> Int {
        let count = sectionLists[sectionID]?.count ?? 0
        let size = graph.configuration.pageSize
        return max(1, (count + size - 1) / size)
    }

    private func sectionPage(_ id: String, page number: Int) -> PageView {
        let section = graph.section(id)!
        let members = sectionLists[id] ?? []
        let size = graph.configuration.pageSize
        let slice = members.dropFirst((number - 1) * size).prefix(size)
        let total = pageCount(id)
        var pagination: PaginationView?
        if total > 1 {
            let window = max(1, number - 3)...min(total, number + 3)
            let shown = Array(Set([1, total] + Array(window))).sorted()
            pagination = PaginationView(
                current: number, total: total,
                previousHref: number > 1 ? sectionHref(id, page: number - 1) : nil,
                nextHref: number < total ? sectionHref(id, page: number + 1) : nil,
                pages: shown.map { PageLinkView(number: $0, href: sectionHref(id, page: $0), current: $0 == number) })
        }
        let crumbs = sectionCrumbs(id)
        let title = number > 1 ? "\(section.title)（第\(number)页）" : section.title
        return page(
            .section(id, page: number), title: title, description: section.description,
            breadcrumb: [homeCrumb, catalogCrumb] + crumbs.dropLast() + [LinkView(title: section.title, href: nil, current: true)],
            navigation: graph.sectionPath(id).first?.id,
            section: SectionView(
                id: id, title: section.title, description: section.description,
                emptyReason: members.isEmpty ? section.emptyReason : nil,
                entries: slice.compactMap { graph[$0] }.map(entry),
                listCaption: total > 1 ? "\(section.title) 信息列表（第\(number)页，共\(total)页）" : "\(section.title) 信息列表",
                hasEntries: !slice.isEmpty, count: members.count,
                pagination: pagination, tree: tree(graph.catalog, current: id)))
    }

    private func tree(_ sections: [CatalogSection], current: String?) -> [TreeNodeView] {
        sections.map { section in
            let children = tree(section.children, current: current)
            return TreeNodeView(
                title: section.title, href: sectionHref(section.id), count: sectionLists[section.id]?.count ?? 0,
                current: section.id == current, children: children, hasChildren: !children.isEmpty)
        }
    }

    private func entry(_ document: Document) -> EntryView {
        EntryView(
            title: document.title.value, href: href(document.id.page),
            indexNumber: document.indexNumber?.value.text, documentNumber: document.documentNumber?.value.text,
            issuer: document.issuers.first.flatMap { graph.agency($0.value)?.name },
            published: document.published?.value.description, validity: document.policy?.validity?.value.chinese,
            kindName: document.kind.chineseName)
    }

    // MARK: Documents

    private func documentPage(_ document: Document) -> PageView {
        let sections = document.catalog.compactMap { graph.section($0.value) }
        let primary = sections.first
        var crumbs = [homeCrumb]
        if let primary { crumbs += [catalogCrumb] + sectionCrumbs(primary.id) }
        crumbs.append(LinkView(title: document.title.value, href: nil, current: true))
        return page(
            .document(document.id), title: document.title.value, description: document.summary,
            breadcrumb: crumbs, navigation: primary.flatMap { graph.sectionPath($0.id).first?.id },
            document: documentView(document, sections: sections))
    }

    private func documentView(_ document: Document, sections: [CatalogSection]) -> DocumentView {
        let issuers = document.issuers.compactMap { graph.agency($0.value) }
        let policy = document.policy
        let validity = policy?.validity?.value
        let supersededBy = policy?.supersededBy.flatMap { graph[$0.value] }.flatMap { $0.isPublic ? related($0) : nil }
        let interpreted = document.interpretation?.interprets.flatMap { graph[$0.value] }.flatMap { $0.isPublic ? related($0) : nil }
        let tasks = (document.plan?.tasks ?? []).enumerated().map { taskView($1, index: $0) }
        return DocumentView(
            id: document.id.rawValue, kind: document.kind.rawValue, kindName: document.kind.chineseName,
            title: document.title.value, href: href(document.id.page),
            indexNumber: document.indexNumber?.value.text,
            issuer: issuers.isEmpty ? nil : issuers.map(\.name).joined(separator: "、"),
            issuers: issuers.map { LinkView(title: $0.name, href: href(Self.path(of: .agency($0.id))), current: false) },
            written: document.written?.value.description, published: document.published?.value.description,
            documentNumber: document.documentNumber?.value.text,
            validity: validity?.chinese, validityClass: validity.map(validityClass),
            normative: policy?.normative ?? false,
            topics: document.topics.isEmpty ? nil : document.topics.map(\.value).joined(separator: "、"),
            summary: document.summary, bodyHTML: bodies[document.id] ?? "",
            attachments: document.attachments.map {
                AttachmentView(title: $0.title, href: href(SitePath(file: $0.contentPath)), fileName: $0.fileName)
            },
            sections: sections.map { LinkView(title: $0.title, href: sectionHref($0.id), current: false) },
            interpretations: (graph.interpretations[document.id] ?? []).compactMap { graph[$0] }.map(related),
            policy: interpreted,
            forms: document.interpretation.map { $0.forms.map(\.value).uniqued().sorted().map(\.chinese).joined(separator: "、") },
            supersededBy: supersededBy,
            statusNotice: validity.flatMap(statusNotice),
            replaces: (graph.replaces[document.id] ?? []).compactMap { graph[$0] }.map(related),
            backlinks: (graph.backlinks[document.id] ?? []).compactMap { graph[$0] }.map(related),
            tasks: tasks, hasTasks: !tasks.isEmpty,
            reportYear: document.annualReport?.year.map { String($0.value) })
    }

    private func related(_ document: Document) -> RelatedView {
        RelatedView(
            title: document.title.value, href: href(document.id.page),
            documentNumber: document.documentNumber?.value.text, published: document.published?.value.description,
            forms: document.interpretation.map { $0.forms.map(\.value).uniqued().sorted().map(\.chinese).joined(separator: "、") },
            kindName: document.kind.chineseName)
    }

    private func validityClass(_ validity: Validity) -> String {
        switch validity {
        case .inForce: "in-force"
        case .amended: "amended"
        case .repealed: "repealed"
        case .expired: "expired"
        }
    }

    private func statusNotice(_ validity: Validity) -> String? {
        switch validity {
        case .inForce: nil
        case .amended: "本文件已修改"
        case .repealed: "本文件已废止"
        case .expired: "本文件已失效"
        }
    }

    private func unitNames(_ ids: [Located<String>]) -> String {
        ids.map { graph.agency($0.value)?.shortName ?? $0.value }.joined(separator: "、")
    }

    private func taskView(_ task: PlanTask, index: Int) -> TaskView {
        TaskView(
            number: String(task.number ?? index + 1), area: task.area.joined(separator: " / "), task: task.task,
            lead: unitNames(task.lead), responsible: unitNames(task.responsible), due: task.due?.value ?? "",
            status: task.status?.value)
    }

    // MARK: Agencies and 404

    private func levelName(_ level: AgencyLevel) -> String {
        switch level {
        case .countyGovernment: "县人民政府"
        case .countyOffice: "县政府办公室"
        case .department: "县政府部门"
        case .township: "乡镇（街道）"
        case .group: "单位统称"
        }
    }

    private func agencyPage(_ agency: Agency) -> PageView {
        let documents = (graph.issuedBy[agency.id] ?? []).compactMap { graph[$0] }.map(entry)
        let tasks = (graph.tasksByAgency[agency.id] ?? []).compactMap { reference -> AgencyTaskView? in
            guard let plan = graph[reference.plan], let task = plan.plan?.tasks[reference.index] else { return nil }
            return AgencyTaskView(
                planTitle: plan.title.value, planHref: href(plan.id.page), number: String(task.number ?? reference.index + 1),
                task: task.task, role: reference.role == .lead ? "牵头" : "参与", due: task.due?.value ?? "",
                status: task.status?.value)
        }
        return page(
            .agency(agency.id), title: agency.name,
            breadcrumb: [homeCrumb, catalogCrumb, LinkView(title: agency.name, href: nil, current: true)],
            navigation: "xxgk",
            agency: AgencyView(
                name: agency.name, shortName: agency.shortName, levelName: levelName(agency.level),
                entries: documents, listCaption: "\(agency.name) 发布的信息", hasDocuments: !documents.isEmpty, tasks: tasks, hasTasks: !tasks.isEmpty))
    }

    private func notFoundPage() -> PageView {
        page(.notFound, title: "页面未找到", breadcrumb: [homeCrumb, LinkView(title: "页面未找到", href: nil, current: true)], navigation: nil)
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
