import Mustache
import Testing

@testable import SiteRender

/// Every stored property of a view must be reachable from templates by its name, and nothing
/// else: the lookups in Views+Mustache.swift are written by hand for speed.
@Suite("Template vocabulary")
struct TemplateVocabularyTests {
    nonisolated(unsafe) static let samples: [Any] = [
        LinkView(title: "t", href: "h", current: true),
        SiteView(name: "n", homeHref: "/", assetsHref: "/assets/", catalogHref: "/xxgk/", notice: "x", sponsor: "s", websiteCode: "w", icp: "i", policeRecord: "p", contact: "c", address: "a"),
        RelatedView(title: "t", href: "h", documentNumber: "d", published: "p", forms: "f", kindName: "k"),
        AttachmentView(title: "t", href: "h", fileName: "f"),
        TaskView(number: "1", area: "a", task: "t", lead: "l", responsible: "r", due: "d", status: "s"),
        EntryView(title: "t", href: "h", indexNumber: "i", documentNumber: "d", issuer: "i", published: "p", validity: "v", kindName: "k"),
        PaginationView(current: 1, total: 2, previousHref: "p", nextHref: "n", pages: []),
        PageLinkView(number: 1, href: "h", current: true),
        TreeNodeView(title: "t", href: "h", count: 1, current: false, children: [], hasChildren: false),
        CatalogView(tree: [], total: 1),
        HomeView(latest: [], sections: []),
        AgencyTaskView(planTitle: "p", planHref: "h", number: "1", task: "t", role: "r", due: "d", status: "s"),
        AgencyView(name: "n", shortName: "s", levelName: "l", entries: [], listCaption: "c", hasDocuments: false, tasks: [], hasTasks: false),
        SectionView(id: "i", title: "t", description: "d", emptyReason: "e", entries: [], listCaption: "c", hasEntries: false, count: 0, pagination: nil, tree: []),
        DocumentView(
            id: "i", kind: "policy", kindName: "k", title: "t", href: "h", indexNumber: "i", issuer: "i", issuers: [], written: "w",
            published: "p", documentNumber: "d", validity: "v", validityClass: "c", normative: true, topics: "t", summary: "s",
            bodyHTML: "b", attachments: [], sections: [], interpretations: [], policy: nil, forms: "f", supersededBy: nil,
            statusNotice: "s", replaces: [], backlinks: [], tasks: [], hasTasks: false, reportYear: "2021"),
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
                    #expect(found == nil, "\(type(of: sample)).\(label)")
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

    @Test("the page view answers to its own names too")
    func pageView() {
        let view = PageView(
            lang: "zh-CN", title: "t", htmlTitle: "h", canonicalURL: "c", description: nil,
            site: Self.samples[1] as! SiteView, navigation: [], breadcrumb: [], document: nil, section: nil, catalog: nil,
            home: nil, agency: nil, notFound: true)
        for child in Mirror(reflecting: view).children {
            guard let label = child.label else { continue }
            let isNil = Mirror(reflecting: child.value).displayStyle == .optional && Mirror(reflecting: child.value).children.isEmpty
            #expect((view.child(named: label) == nil) == isNil, "PageView.\(label)")
        }
    }
}
