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
    /// The agency's documents, as `entries` for the list partial.
    let entries: [EntryView]
    let listCaption: String
    let hasDocuments: Bool
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
