import SiteContent
import SiteCore
import SiteGraph

/// The home page, the catalog (主动公开目录) and its sections, the facets and the two directories.
extension PageRenderer {
    func homePage() -> PageView {
        let latest = graph.publicDocuments.lazy.compactMap { self.graph[$0] }.filter { $0.kind.isCatalogEntry }.prefix(15)
        return page(
            .home, title: graph.configuration.name, breadcrumb: [here("首页")], navigation: "home",
            home: HomeView(latest: latest.map(entry), sections: tree(graph.catalog, current: nil)))
    }

    func catalogPage() -> PageView {
        page(
            .catalog, title: "政府信息公开", breadcrumb: [homeCrumb, here("政府信息公开")], navigation: "xxgk",
            catalog: CatalogView(
                tree: tree(graph.catalog, current: nil), total: graph.publicDocuments.count, facets: facetLinks(current: nil),
                downloads: [
                    LinkView(title: "主动公开目录（CSV，可用 Excel 打开）", href: href(ExportPaths.catalogCSV), current: false),
                    LinkView(title: "主动公开目录（JSON）", href: href(ExportPaths.catalogJSON), current: false),
                ]))
    }

    func sectionPage(_ id: String, page number: Int) -> PageView {
        let section = graph.section(id)!
        let members = sectionLists[id] ?? []
        let entries = slice(members, page: number)
        let title = number > 1 ? "\(section.title)（第\(number)页）" : section.title
        return page(
            .section(id, page: number), title: title, description: section.description,
            breadcrumb: [homeCrumb, catalogCrumb] + sectionCrumbs(id).dropLast() + [here(section.title)],
            navigation: graph.sectionPath(id).first?.id,
            section: SectionView(
                id: id, title: section.title, description: section.description,
                emptyReason: members.isEmpty ? section.emptyReason : nil,
                entries: entries, listCaption: caption("\(section.title) 信息列表", count: members.count, page: number),
                hasEntries: !entries.isEmpty, count: members.count,
                pagination: pagination(count: members.count, page: number) { .section(id, page: $0) },
                tree: tree(graph.catalog, current: id), directories: directories(ofSection: id)))
    }

    /// 另见: the directories that list some of the section's documents too.
    func directories(ofSection id: String) -> [LinkView] {
        let found = sectionDirectories[id] ?? (false, false)
        var links: [LinkView] = []
        if found.normative {
            links.append(LinkView(title: "现行有效行政规范性文件", href: href(.normative), current: false))
        }
        if found.decisions {
            links.append(LinkView(title: "重大行政决策事项目录", href: href(.decisions), current: false))
        }
        return links
    }

    /// The catalog tree with the number of public documents in each section and below it.
    func tree(_ sections: [CatalogSection], current: String?) -> [TreeNodeView] {
        sections.map { section in
            let children = tree(section.children, current: current)
            return TreeNodeView(
                title: section.title, href: href(.section(section.id, page: 1)), count: sectionLists[section.id]?.count ?? 0,
                current: section.id == current, children: children, hasChildren: !children.isEmpty)
        }
    }

    // MARK: Facets

    /// A year's or a topic's list.
    func listPage(_ spec: PageSpec, title: String, list: [DocumentID], page number: Int) -> PageView {
        let (index, indexTitle): (PageSpec, String) =
            if case .year = spec { (.years, "按年份") } else { (.topics, "按主题分类") }
        let entries = slice(list, page: number)
        let link: (Int) -> PageSpec = { page in
            switch spec {
            case .year(let year, _): .year(year, page: page)
            case .topic(let topic, _): .topic(topic, page: page)
            default: spec
            }
        }
        return page(
            spec, title: number > 1 ? "\(title)（第\(number)页）" : title,
            breadcrumb: [homeCrumb, catalogCrumb, LinkView(title: indexTitle, href: href(index), current: false), here(title)],
            navigation: "xxgk",
            list: ListView(
                title: title, description: nil, entries: entries, hasEntries: !entries.isEmpty, count: list.count,
                listCaption: caption("\(title) 信息列表", count: list.count, page: number),
                pagination: pagination(count: list.count, page: number, link: link), facets: facetLinks(current: index)))
    }

    func yearsPage() -> PageView {
        let items = graph.byYear.sorted { $0.key > $1.key }.map {
            FacetItemView(title: "\($0.key)年", href: href(.year($0.key, page: 1)), count: $0.value.count, note: nil)
        }
        return page(
            .years, title: "按年份", breadcrumb: [homeCrumb, catalogCrumb, here("按年份")], navigation: "xxgk",
            facetIndex: FacetIndexView(items: items, hasItems: !items.isEmpty, facets: facetLinks(current: .years)))
    }

    func topicsPage() -> PageView {
        let items = graph.byTopic.sorted { $0.key < $1.key }.map {
            FacetItemView(title: $0.key, href: href(.topic($0.key, page: 1)), count: $0.value.count, note: nil)
        }
        return page(
            .topics, title: "按主题分类", breadcrumb: [homeCrumb, catalogCrumb, here("按主题分类")], navigation: "xxgk",
            facetIndex: FacetIndexView(items: items, hasItems: !items.isEmpty, facets: facetLinks(current: .topics)))
    }

    func agenciesPage() -> PageView {
        // Units that issued a public document or carry a task; the others have nothing to show.
        let listed = graph.agencies.filter { graph.issuedBy[$0.id]?.isEmpty == false || graph.tasksByAgency[$0.id]?.isEmpty == false }
        let items = listed.map { agency in
            FacetItemView(
                title: agency.name, href: href(.agency(agency.id, page: 1)), count: graph.issuedBy[agency.id]?.count ?? 0,
                note: levelName(agency.level))
        }
        return page(
            .agencies, title: "按发布机构", breadcrumb: [homeCrumb, catalogCrumb, here("按发布机构")], navigation: "xxgk",
            facetIndex: FacetIndexView(items: items, hasItems: !items.isEmpty, facets: facetLinks(current: .agencies)))
    }

    // MARK: Directories

    /// 现行有效行政规范性文件 (集中统一公开), then the amended, repealed and expired ones.
    func normativePage() -> PageView {
        let inForce = graph.normativeInForce.compactMap { graph[$0] }.map(entry)
        let others = graph.normativeNotInForce.compactMap { graph[$0] }.map { document in
            NormativeOtherView(
                title: document.title.value, href: href(document.id.page), documentNumber: document.documentNumber?.value.text,
                validity: document.policy?.validity?.value.chinese, published: document.published?.value.description,
                replacement: graph.currentVersion(of: document.id).map(related))
        }
        let title = "现行有效行政规范性文件"
        return page(
            .normative, title: title, breadcrumb: [homeCrumb, catalogCrumb, here(title)], navigation: "xxgk",
            normative: NormativeView(
                inForce: inForce, hasInForce: !inForce.isEmpty, listCaption: "\(title)（共\(inForce.count)件）",
                others: others, hasOthers: !others.isEmpty, facets: facetLinks(current: .normative)))
    }

    /// 重大行政决策事项目录: each decision with each of its items linked or marked 未公开.
    func decisionsPage() -> PageView {
        let decisions = graph.decisions.compactMap { graph[$0] }
        var years: [DecisionYearView] = []
        for document in decisions {
            let year = document.decision?.year.map { "\($0.value)" } ?? "未注明年度"
            let row = DecisionRowView(
                title: document.title.value, href: href(document.id.page), lead: leadNames(document.decision?.lead ?? []),
                status: document.decision?.status, items: decisionItems(document, requiredOnly: true))
            if years.last?.year == year {
                let last = years.removeLast()
                years.append(DecisionYearView(year: last.year, caption: last.caption, decisions: last.decisions + [row]))
            } else {
                years.append(DecisionYearView(year: year, caption: "\(year)年度重大行政决策事项", decisions: [row]))
            }
        }
        let title = "重大行政决策事项目录"
        return page(
            .decisions, title: title, breadcrumb: [homeCrumb, catalogCrumb, here(title)], navigation: "xxgk",
            decisions: DecisionsView(
                years: years, hasDecisions: !years.isEmpty,
                itemLabels: DecisionItem.allCases.filter(\.isRequired).map(\.chinese), facets: facetLinks(current: .decisions)))
    }

    /// A decision's items: every required one (published or 未公开), and the optional ones published.
    func decisionItems(_ document: Document, requiredOnly: Bool) -> [DecisionItemView] {
        let published = Dictionary((document.decision?.items ?? []).map { ($0.item, $0.target.value) }, uniquingKeysWith: { a, _ in a })
        return DecisionItem.allCases.compactMap { item in
            guard let target = published[item] else {
                return item.isRequired ? DecisionItemView(label: item.chinese, href: nil, title: nil, external: false) : nil
            }
            if requiredOnly && !item.isRequired { return nil }
            switch target {
            case .document(let id):
                guard let linked = graph[id], linked.isPublic else {
                    return DecisionItemView(label: item.chinese, href: nil, title: nil, external: false)
                }
                return DecisionItemView(label: item.chinese, href: href(id.page), title: linked.title.value, external: false)
            case .external(let url):
                return DecisionItemView(label: item.chinese, href: url, title: nil, external: true)
            }
        }
    }

    func leadNames(_ ids: [Located<String>]) -> String {
        ids.map { graph.agency($0.value)?.name ?? $0.value }.joined(separator: "、")
    }

    func levelName(_ level: AgencyLevel) -> String {
        switch level {
        case .countyGovernment: "县人民政府"
        case .countyOffice: "县政府办公室"
        case .department: "县政府部门"
        case .township: "乡镇（街道）"
        case .group: "单位统称"
        }
    }
}
