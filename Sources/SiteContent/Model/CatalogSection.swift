import SiteCore

/// A section of the disclosure catalog (主动公开目录), from catalog.yaml. Sections nest.
public struct CatalogSection: Sendable, Identifiable {
    /// Used in URLs (`/xxgk/<id>/`) and in documents' `catalog:` lists.
    public let id: String
    public let title: String
    public let description: String?
    /// Why the section is empty, shown on its page; an empty section without it is an error.
    public let emptyReason: String?
    public let children: [CatalogSection]
    public let location: SourceLocation

    public init(
        id: String, title: String, description: String?, emptyReason: String?, children: [CatalogSection],
        location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.emptyReason = emptyReason
        self.children = children
        self.location = location
    }

    /// This section and all below it, depth first.
    public var flattened: [CatalogSection] { [self] + children.flatMap(\.flattened) }
}
