import SiteContent
import SiteCore

/// The site as linked data: documents, the agencies and catalog sections they belong to, and the
/// relations between them, each kept in both directions and sorted, so a page never has to scan
/// every document. Only `GraphBuilder` makes one; relations hold public documents only.
public struct ContentGraph: Sendable {
    public let configuration: SiteConfiguration
    /// Agencies in the order of agencies.yaml.
    public let agencies: [Agency]
    /// The catalog tree as written in catalog.yaml.
    public let catalog: [CatalogSection]
    /// Every decoded document, public or not, sorted by id.
    public let documents: [Document]

    /// Public documents, newest first (发布日期, then 索引号, then id).
    public let publicDocuments: [DocumentID]
    /// Public members of each catalog section, newest first (a document may sit in several).
    public let sectionMembers: [String: [DocumentID]]
    /// Policy → its public interpretations, oldest first.
    public let interpretations: [DocumentID: [DocumentID]]
    /// New document → the documents it replaces (the inverse of `superseded_by`).
    public let replaces: [DocumentID: [DocumentID]]
    /// Document → the public documents whose bodies link to it (被以下文件引用).
    public let backlinks: [DocumentID: [DocumentID]]
    /// Agency id → its public documents as issuer, newest first.
    public let issuedBy: [String: [DocumentID]]
    /// Agency id → the tasks of public plans it leads or shares.
    public let tasksByAgency: [String: [TaskReference]]
    /// Public catalog entries by the year of 发布日期, newest first within a year.
    public let byYear: [Int: [DocumentID]]
    /// Public catalog entries by 主题分类, newest first.
    public let byTopic: [String: [DocumentID]]
    /// Public 行政规范性文件 now in force (现行有效), newest first: the list of 集中统一公开.
    public let normativeInForce: [DocumentID]
    /// Public 行政规范性文件 amended, repealed or expired, newest first.
    public let normativeNotInForce: [DocumentID]
    /// Public decision entries (重大行政决策), newest year first, then by title.
    public let decisions: [DocumentID]
    /// Document → the public decisions that list it as one of their items.
    public let decisionsOf: [DocumentID: [DocumentID]]
    /// Files under Content/ that public documents publish (attachments and files linked from
    /// bodies), with the first document that publishes each.
    public let publishedFiles: [String: DocumentID]

    private let index: [DocumentID: Int]
    private let agencyIndex: [String: Int]
    private let sectionIndex: [String: CatalogSection]
    private let sectionParents: [String: String]
    /// `members(ofSectionAndBelow:)` of every section, made once: the pages, the feeds and the
    /// sitemap each ask it of every section, and filtering 100,000 documents each time added up.
    private let membersBelow: [String: [DocumentID]]

    init(
        configuration: SiteConfiguration, agencies: [Agency], catalog: [CatalogSection], documents: [Document],
        publicDocuments: [DocumentID], sectionMembers: [String: [DocumentID]],
        interpretations: [DocumentID: [DocumentID]], replaces: [DocumentID: [DocumentID]],
        backlinks: [DocumentID: [DocumentID]], issuedBy: [String: [DocumentID]],
        tasksByAgency: [String: [TaskReference]], publishedFiles: [String: DocumentID],
        byYear: [Int: [DocumentID]], byTopic: [String: [DocumentID]], normativeInForce: [DocumentID],
        normativeNotInForce: [DocumentID], decisions: [DocumentID], decisionsOf: [DocumentID: [DocumentID]]
    ) {
        self.configuration = configuration
        self.agencies = agencies
        self.catalog = catalog
        self.documents = documents
        self.publicDocuments = publicDocuments
        self.sectionMembers = sectionMembers
        self.interpretations = interpretations
        self.replaces = replaces
        self.backlinks = backlinks
        self.issuedBy = issuedBy
        self.tasksByAgency = tasksByAgency
        self.publishedFiles = publishedFiles
        self.byYear = byYear
        self.byTopic = byTopic
        self.normativeInForce = normativeInForce
        self.normativeNotInForce = normativeNotInForce
        self.decisions = decisions
        self.decisionsOf = decisionsOf
        self.index = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.id, $0) })
        self.agencyIndex = Dictionary(agencies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sections: [String: CatalogSection] = [:]
        var parents: [String: String] = [:]
        func visit(_ section: CatalogSection, parent: String?) {
            sections[section.id] = sections[section.id] ?? section
            if let parent { parents[section.id] = parent }
            for child in section.children { visit(child, parent: section.id) }
        }
        for section in catalog { visit(section, parent: nil) }
        self.sectionIndex = sections
        self.sectionParents = parents
        let place = Dictionary(uniqueKeysWithValues: publicDocuments.enumerated().map { ($1, $0) })
        self.membersBelow = sections.mapValues { section in
            Set(section.flattened.flatMap { sectionMembers[$0.id] ?? [] }).compactMap { id in place[id].map { ($0, id) } }
                .sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    public subscript(id: DocumentID) -> Document? {
        index[id].map { documents[$0] }
    }

    /// The document now in force that replaces `id`: its `superseded_by` chain followed to the
    /// first public document that is 现行有效 (a repealed policy's replacement may itself have been
    /// replaced since). Nil when the chain ends without one, or `id` is not superseded.
    public func currentVersion(of id: DocumentID) -> Document? {
        var seen: Set<DocumentID> = [id]
        var next = self[id]?.policy?.supersededBy?.value
        while let current = next, seen.insert(current).inserted, let document = self[current], document.isPublic {
            if document.policy?.validity?.value == .inForce { return document }
            next = document.policy?.supersededBy?.value
        }
        return nil
    }

    /// Whether two agency ids name one reporting organ: the same agency, or a county government and
    /// its office (county-level, one full name extending the other: 宁阳县人民政府 and
    /// 宁阳县人民政府办公室). Another county's office kept in agencies.yaml is another organ.
    public func sameOrgan(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        if a == b { return true }
        guard let first = agency(a), let second = agency(b) else { return false }
        let county: Set<AgencyLevel> = [.countyGovernment, .countyOffice]
        return county.contains(first.level) && county.contains(second.level)
            && (first.name.hasPrefix(second.name) || second.name.hasPrefix(first.name))
    }

    public func agency(_ id: String) -> Agency? {
        agencyIndex[id].map { agencies[$0] }
    }

    public func section(_ id: String) -> CatalogSection? { sectionIndex[id] }

    /// The sections from the top of the catalog down to `id`, for breadcrumbs.
    public func sectionPath(_ id: String) -> [CatalogSection] {
        var path: [CatalogSection] = []
        var current: String? = id
        while let id = current, let section = sectionIndex[id] {
            path.insert(section, at: 0)
            current = sectionParents[id]
        }
        return path
    }

    /// Public documents in a section and all sections below it, newest first, without repeats.
    public func members(ofSectionAndBelow id: String) -> [DocumentID] {
        membersBelow[id] ?? []
    }
}

/// A task of a plan, as seen from an agency's page.
public struct TaskReference: Sendable, Hashable {
    public enum Role: String, Sendable {
        /// 牵头单位
        case lead
        /// 责任单位
        case responsible
    }

    public let plan: DocumentID
    /// The task's position in the plan's table.
    public let index: Int
    public let role: Role
}
