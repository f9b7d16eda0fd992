import SiteContent
import SiteCore
import SiteGraph

/// The public documents of a site as search documents, and the filters of the search page.
public enum SearchCorpus {
    /// `texts`: each public document's body without markup (from the Markdown stage).
    public static func documents(graph: ContentGraph, texts: [DocumentID: IndexedText]) -> [SearchDocument] {
        let basePath = graph.configuration.basePath
        return graph.publicDocuments.concurrentMap { id -> SearchDocument? in
            guard let document = graph[id], document.isPublic else { return nil }
            let text = Self.text(of: document, body: texts[id] ?? IndexedText(""))
            // Every issuer of a jointly issued document (联合发文) is indexed and filterable, the
            // first not more than the others.
            let issuerNames = document.issuers.map { graph.agency($0.value)?.name ?? $0.value }
            let issuer = issuerNames.isEmpty ? nil : issuerNames.joined(separator: "、")
            var filters: [String] = []
            var sections: Set<String> = []
            for section in document.catalog {
                for ancestor in graph.sectionPath(section.value) { sections.insert(ancestor.id) }
            }
            filters += sections.sorted().map { "s:\($0)" }
            var agencies: Set<String> = []
            for agency in document.issuers where agencies.insert(agency.value).inserted { filters.append("i:\(agency.value)") }
            if let year = document.published?.value.year { filters.append("y:\(year)") }
            filters.append("k:\(document.kind.rawValue)")
            if let validity = document.policy?.validity?.value { filters.append("v:\(validity)") }
            return SearchDocument(
                url: id.page.href(basePath: basePath), title: document.title.value, number: document.documentNumber?.value.text,
                indexNumber: document.indexNumber?.value.text, issuer: issuer, summary: document.summary, text: text,
                date: document.published?.value, kind: document.kind.chineseName, validity: document.policy?.validity?.value.chinese,
                filters: filters)
        }.compactMap { $0 }
    }

    /// What the index reads of a document: its body's text, and a plan's task table after it
    /// (content a citizen searches for).
    public static func text(of document: Document, body: IndexedText) -> IndexedText {
        guard let plan = document.plan else { return body }
        return body.appending(plan.tasks.map { "\n" + ($0.area + [$0.task]).joined(separator: " ") }.joined())
    }

    /// 目录栏目 (the catalog tree, indented), 发布机构, 年份 (newest first), 类别, 有效性. Values no
    /// public document has are dropped when the index counts them.
    public static func filters(graph: ContentGraph) -> [SearchFilter] {
        var sections: [SearchFilter.Value] = []
        func walk(_ list: [CatalogSection], depth: Int) {
            for section in list {
                sections.append(SearchFilter.Value(id: "s:\(section.id)", label: section.title, depth: depth))
                walk(section.children, depth: depth + 1)
            }
        }
        walk(graph.catalog, depth: 0)
        let issuers = graph.agencies.map { SearchFilter.Value(id: "i:\($0.id)", label: $0.name) }
        let years = graph.byYear.keys.sorted(by: >).map { SearchFilter.Value(id: "y:\($0)", label: "\($0)年") }
        let kinds = DocumentKind.allCases.map { SearchFilter.Value(id: "k:\($0.rawValue)", label: $0.chineseName) }
        let validities = Validity.allCases.map { SearchFilter.Value(id: "v:\($0)", label: $0.chinese) }
        return [
            SearchFilter(name: "section", label: "目录栏目", values: sections),
            SearchFilter(name: "issuer", label: "发布机构", values: issuers),
            SearchFilter(name: "year", label: "发布年份", values: years),
            SearchFilter(name: "kind", label: "类别", values: kinds),
            SearchFilter(name: "validity", label: "有效性", values: validities),
        ]
    }
}
