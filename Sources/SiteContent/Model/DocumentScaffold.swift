import SiteCore

/// The text of a new document with the front matter its kind requires, for `site new`.
public struct DocumentScaffold: Sendable {
    public var kind: DocumentKind
    public var title: String
    public var issuer: String
    public var indexNumber: IndexNumber?
    public var date: CalendarDate
    public var catalog: [String]

    public init(kind: DocumentKind, title: String, issuer: String, indexNumber: IndexNumber?, date: CalendarDate, catalog: [String]) {
        self.kind = kind
        self.title = title
        self.issuer = issuer
        self.indexNumber = indexNumber
        self.date = date
        self.catalog = catalog
    }

    public var text: String {
        var lines = ["---", "title: \(title)", "kind: \(kind.rawValue)", "issuer: \(issuer)"]
        switch kind {
        case .policy, .plan:
            lines.append("# document_number: 机关代字〔\(date.year)〕N号")
        default:
            break
        }
        if let indexNumber { lines.append("index_number: \(indexNumber.text)") }
        if kind.isCatalogEntry { lines.append("written: \(date)") }
        lines += ["published: \(date)", "disclosure: 主动公开"]
        if !catalog.isEmpty { lines.append("catalog: [\(catalog.joined(separator: ", "))]") }
        switch kind {
        case .policy:
            lines += ["validity: 现行有效", "# normative: true"]
        case .interpretation:
            lines += ["# interprets: policies/<id of the policy>", "forms: [文字]"]
        case .plan:
            lines += ["tasks: []"]
        case .annualReport:
            lines += ["year: \(date.year - 1)", "tables: {}"]
        case .decision:
            lines += ["lead: [\(issuer)]", "year: \(date.year)", "status: 论证中", "items: {}"]
        case .page:
            break
        }
        lines += ["---", "", "（正文）", ""]
        return lines.joined(separator: "\n")
    }

    /// A likely catalog section for a kind, among the site's sections.
    public static func defaultSection(for kind: DocumentKind, in sections: [CatalogSection]) -> String? {
        let ids = Set(sections.flatMap(\.flattened).map(\.id))
        let candidates: [String] =
            switch kind {
            case .policy: ["zcwj", "gfxwj"]
            case .interpretation: ["zcjd"]
            case .plan: ["ghxx", "ghjh"]
            case .annualReport: ["xxgknb", "ndbg"]
            case .decision: ["zdxzjc"]
            case .page: []
            }
        return candidates.first { ids.contains($0) }
    }
}
