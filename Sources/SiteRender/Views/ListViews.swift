/// One row of a catalog list: 索引号, 标题, 文号, 发布机构, 发布日期, 有效性.
struct EntryView {
    let title: String
    let href: String
    let indexNumber: String?
    let documentNumber: String?
    let issuer: String?
    let published: String?
    let validity: String?
    let kindName: String
    /// This entry as the theme's `partials/entry-row` renders it (without its last line break):
    /// `{{#entries}}{{{row}}}{{/entries}}`. Rendered once per document for the whole build, where a
    /// row written out field by field is rendered again in every list the document is in (five on
    /// average). The partial sees this entry's names only. Nil when the theme has no such partial.
    var row: EntryRow?
}

/// A catalog section's page.
struct SectionView {
    let id: String
    let title: String
    let description: String?
    /// Why the section is empty, shown instead of the list.
    let emptyReason: String?
    /// The entries of this page of the list.
    let entries: [EntryView]
    /// The caption of the list table.
    let listCaption: String
    let hasEntries: Bool
    /// Entries in the whole section, all pages.
    let count: Int
    let pagination: PaginationView?
    /// The catalog beside the list, with this section marked.
    let tree: [TreeNodeView]
    /// The directories that gather this section's kind of documents: 现行有效规范性文件 for a section
    /// with normative documents, 重大行政决策事项目录 for one with decisions.
    let directories: [LinkView]
}

/// Links between the pages of a long list.
struct PaginationView {
    let current: Int
    let total: Int
    let previousHref: String?
    let nextHref: String?
    let pages: [PageLinkView]
}

struct PageLinkView {
    let number: Int
    let href: String
    let current: Bool
}

/// A section in the catalog tree, with the number of public documents in it and below it.
struct TreeNodeView {
    let title: String
    let href: String
    let count: Int
    let current: Bool
    let children: [TreeNodeView]
    let hasChildren: Bool
}

/// The catalog root (政府信息公开 专栏 home).
struct CatalogView {
    let tree: [TreeNodeView]
    let total: Int
    /// The other ways into the catalog: by year, topic, agency, and the two directories.
    let facets: [LinkView]
    /// The whole catalog as files: `catalog.csv` and `catalog.json`.
    let downloads: [LinkView]
}

/// The portal's home page.
struct HomeView {
    /// The newest public documents.
    let latest: [EntryView]
    /// Top-level catalog sections.
    let sections: [TreeNodeView]
}

/// An agency's page: what it issued and the plan tasks it leads or shares.
struct AgencyView {
    let name: String
    let shortName: String
    let levelName: String
    /// The agency's documents, as `entries` for the list partial (this page of them).
    let entries: [EntryView]
    let listCaption: String
    let hasDocuments: Bool
    let count: Int
    let pagination: PaginationView?
    let tasks: [AgencyTaskView]
    let hasTasks: Bool
}

struct AgencyTaskView {
    let planTitle: String
    let planHref: String
    let number: String
    let task: String
    /// 牵头 or 参与
    let role: String
    let due: String
    let status: String?
}

/// A paginated list of documents that is not a catalog section: a year, a topic.
struct ListView {
    let title: String
    let description: String?
    let entries: [EntryView]
    let hasEntries: Bool
    let count: Int
    let listCaption: String
    let pagination: PaginationView?
    /// Links to the other facets (按年份, 按主题, 按机构 …).
    let facets: [LinkView]
}

/// An index of facet values with their counts: the years, the topics, the agencies.
struct FacetIndexView {
    let items: [FacetItemView]
    let hasItems: Bool
    let facets: [LinkView]
}

struct FacetItemView {
    let title: String
    let href: String
    let count: Int
    /// A second line, e.g. an agency's level.
    let note: String?
}

/// 现行有效行政规范性文件: the normative documents in force, then those no longer in force with
/// what replaced them.
struct NormativeView {
    let inForce: [EntryView]
    let hasInForce: Bool
    let listCaption: String
    let others: [NormativeOtherView]
    let hasOthers: Bool
    let facets: [LinkView]
}

struct NormativeOtherView {
    let title: String
    let href: String
    let documentNumber: String?
    let validity: String?
    let published: String?
    /// The replacing document, when there is one.
    let replacement: RelatedView?
}

/// 重大行政决策事项目录: every decision entry by year, with its items published or not.
struct DecisionsView {
    let years: [DecisionYearView]
    let hasDecisions: Bool
    /// The column labels of the items.
    let itemLabels: [String]
    let facets: [LinkView]
}

struct DecisionYearView {
    let year: String
    let caption: String
    let decisions: [DecisionRowView]
}

struct DecisionRowView {
    let title: String
    let href: String
    /// 承办单位, full names
    let lead: String
    let status: String?
    let items: [DecisionItemView]
}

/// One item of a decision: a link when published, otherwise 未公开.
struct DecisionItemView {
    let label: String
    let href: String?
    let title: String?
    /// Published on another site (融媒体 etc.).
    let external: Bool
}
