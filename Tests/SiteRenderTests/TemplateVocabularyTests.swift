import Mustache
import SiteContent
import Testing

@testable import SiteRender

/// Every stored property of a view must be reachable from templates by its name, and nothing
/// else: the lookups in Views+Mustache.swift are written by hand for speed.
@Suite("Template vocabulary")
struct TemplateVocabularyTests {
    nonisolated(unsafe) static let samples: [Any] = [
        LinkView(title: "t", href: "h", current: true),
        SiteView(name: "n", homeHref: "/", assetsHref: "/assets/", catalogHref: "/xxgk/", searchHref: "/search/", notice: "x", sponsor: "s", websiteCode: "w", icp: "i", policeRecord: "p", contact: "c", address: "a", preview: true),
        RelatedView(title: "t", href: "h", documentNumber: "d", published: "p", forms: "f", kindName: "k"),
        ChangeView(date: "d", note: "n"),
        AttachmentView(title: "t", href: "h", fileName: "f"),
        TaskView(number: "1", area: "a", task: "t", lead: "l", responsible: "r", due: "d", status: "s", dueDate: nil),
        TableView(id: "i", caption: "c", className: "k", headRows: [], bodyRows: []),
        TableRowView(cells: [], className: nil),
        TableCellView(header: true, text: "t", id: "i", scope: "col", colspan: nil, rowspan: "2", headers: nil, className: nil, datetime: nil, links: []),
        ReportSectionView(heading: "h", id: "i", proseHTML: "p", tables: []),
        PlanSummaryView(title: "t", href: "h", total: 1, counts: [], tracksProgress: true),
        StatusCountView(label: "l", count: 1),
        EntryView(title: "t", href: "h", indexNumber: "i", documentNumber: "d", issuer: "i", published: "p", validity: "v", kindName: "k", row: nil),
        PaginationView(current: 1, total: 2, previousHref: "p", nextHref: "n", pages: []),
        PageLinkView(number: 1, href: "h", current: true),
        TreeNodeView(title: "t", href: "h", count: 1, current: false, children: [], hasChildren: false),
        CatalogView(tree: [], total: 1, facets: [], downloads: []),
        FeedLinkView(type: "application/atom+xml", title: "t", label: "Atom", href: "/feed.xml"),
        ListView(title: "t", description: "d", entries: [], hasEntries: false, count: 0, listCaption: "c", pagination: nil, facets: []),
        FacetIndexView(items: [], hasItems: false, facets: []),
        FacetItemView(title: "t", href: "h", count: 1, note: nil),
        NormativeView(inForce: [], hasInForce: false, listCaption: "c", others: [], hasOthers: false, facets: []),
        NormativeOtherView(title: "t", href: "h", documentNumber: nil, validity: "v", published: "p", replacement: nil),
        DecisionsView(years: [], hasDecisions: false, itemLabels: ["a"], facets: []),
        DecisionYearView(year: "2021", caption: "c", decisions: []),
        DecisionRowView(title: "t", href: "h", lead: "l", status: nil, items: []),
        DecisionItemView(label: "l", href: nil, title: "t", external: false),
        HomeView(latest: [], sections: []),
        AgencyTaskView(planTitle: "p", planHref: "h", number: "1", task: "t", role: "r", due: "d", status: "s"),
        AgencyView(name: "n", shortName: "s", levelName: "l", entries: [], listCaption: "c", hasDocuments: false, count: 0, pagination: nil, tasks: [], hasTasks: false),
        SectionView(id: "i", title: "t", description: "d", emptyReason: "e", entries: [], listCaption: "c", hasEntries: false, count: 0, pagination: nil, tree: [], directories: []),
        DocumentView(
            id: "i", kind: "policy", kindName: "k", title: "t", href: "h", indexNumber: "i", issuer: "i", issuers: [], written: "w",
            published: "p", documentNumber: "d", validity: "v", validityClass: "c", normative: true, topics: "t", summary: "s",
            bodyHTML: "b", attachments: [], sections: [], interpretations: [], policy: nil, forms: "f", supersededBy: nil, successor: nil, previewNotice: "p", changes: [],
            statusNotice: "s", replaces: [], backlinks: [], tasks: [], hasTasks: false, reportYear: "2021", lead: nil,
            status: "s", decisionItems: [], isDecision: false, decisions: [], reportFormat: nil, preambleHTML: "p",
            reportSections: [], hasReportSections: false, yearPlans: [], taskTable: nil, statusCounts: [], tracksProgress: false,
            overdue: [], hasOverdue: false),
    ]

    @Test("each stored property answers to its own name")
    func everyPropertyIsReachable() {
        for sample in Self.samples {
            let parent = sample as! any MustacheParent
            for child in Mirror(reflecting: sample).children {
                guard let label = child.label else { continue }
                let found = parent.child(named: label)
                let isNilOptional = Mirror(reflecting: child.value).displayStyle == .optional && Mirror(reflecting: child.value).children.isEmpty
                if isNilOptional {
                    #expect(found is TemplateNull, "\(type(of: sample)).\(label) must answer TemplateNull when nil")
                } else {
                    #expect(found != nil, "\(type(of: sample)).\(label) is not reachable from templates")
                    // The very value, not something else by that name.
                    #expect(String(describing: found.map { $0 } ?? "nil") == String(describing: unwrap(child.value)), "\(type(of: sample)).\(label)")
                }
            }
            #expect(parent.child(named: "noSuchName") == nil)
        }
    }

    func unwrap(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let first = mirror.children.first else { return value }
        return first.value
    }

    @Test("a nil property hides the same name of an enclosing view")
    func nilDoesNotFallThrough() throws {
        let theme = Theme(
            templates: TemplateLibrary.required.map { Theme.Template(name: $0, path: "Templates/\($0).mustache", text: "") }
                + [Theme.Template(name: "t", path: "Templates/t.mustache", text: "{{#items}}[{{#href}}{{href}}{{/href}}{{^href}}未公开{{/href}}]{{/items}}")],
            assets: [])
        let (library, _) = TemplateLibrary.load(theme)
        let row = DecisionRowView(
            title: "t", href: "/row/", lead: "l", status: nil,
            items: [DecisionItemView(label: "a", href: "/a/", title: nil, external: false), DecisionItemView(label: "b", href: nil, title: nil, external: false)])
        #expect(library.render(row, with: "t") == "[/a/][未公开]")
    }

    @Test("a string property renders as a string does: escaped, raw, as a section, with its transforms, and looked past")
    func stringsAsText() {
        let template = "{{title}}|{{{title}}}|{{#title}}[{{.}}]{{/title}}|{{^title}}none{{/title}}|{{uppercased(title)}}|"
            + "{{#empty(title)}}E{{/empty(title)}}{{^empty(title)}}N{{/empty(title)}}|{{#href}}{{href}}:{{title}}{{/href}}"
        let theme = Theme(
            templates: TemplateLibrary.required.map { Theme.Template(name: $0, path: "Templates/\($0).mustache", text: "") }
                + [Theme.Template(name: "t", path: "Templates/t.mustache", text: template)],
            assets: [])
        let (library, _) = TemplateLibrary.load(theme)
        #expect(library.render(LinkView(title: "a<b", href: "/x/", current: false), with: "t") == "a&lt;b|a<b|[a&lt;b]||A&lt;B|N|/x/:a&lt;b")
        #expect(library.render(LinkView(title: "", href: nil, current: false), with: "t") == "||[]|||E|")
    }

    @Test("the page view answers to its own names too")
    func pageView() {
        let view = PageView(
            lang: "zh-CN", title: "t", htmlTitle: "h", canonicalURL: "c", description: nil,
            site: Self.samples[1] as! SiteView, navigation: [], breadcrumb: [], feeds: [], hasFeeds: false, document: nil, section: nil, catalog: nil,
            home: nil, agency: nil, list: nil, facetIndex: nil, normative: nil, decisions: nil, notFound: true)
        for child in Mirror(reflecting: view).children {
            guard let label = child.label else { continue }
            let isNil = Mirror(reflecting: child.value).displayStyle == .optional && Mirror(reflecting: child.value).children.isEmpty
            #expect((view.child(named: label) is TemplateNull) == isNil, "PageView.\(label)")
        }
    }
}
